/**
 * One listing in a fresh process, reporting its peak RSS and, after a full GC (run with
 * `--expose-gc`), the heap still in use: `memory-child.ts <impl> <baseUrl> <total> <pageSize>`.
 */
import { loadClient } from "./clients/types.js"
import type { Impl } from "./clients/types.js"

const [impl, baseUrl, total, pageSize] = process.argv.slice(2) as [Impl, string, string, string]

const client = await loadClient(impl, baseUrl)
const t0 = performance.now()
const count = await client.list(`n${total}`, "bench", Number(pageSize))
const ms = performance.now() - t0
await client.dispose()
if (count !== Number(total)) throw new Error(`listed ${count} tracks, expected ${total}`)
// ru_maxrss: the peak resident set size of this process, in kilobytes
const maxRssKb = process.resourceUsage().maxRSS
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error("run with --expose-gc")
gc()
process.send!({ ms, maxRssKb, heapAfterGcKb: process.memoryUsage().heapUsed / 1024 })
process.disconnect()
