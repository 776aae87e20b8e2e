/**
 * One listing in a fresh process, reporting its peak RSS: `memory-child.ts <impl> <baseUrl> <total> <pageSize>`.
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
process.send!({ count, ms, maxRssKb: process.resourceUsage().maxRSS })
process.disconnect()
