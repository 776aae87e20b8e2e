/**
 * One listing in a fresh process, reporting its peak RSS and, after a full GC (run with
 * `--expose-gc`) and the finalizers it lets run, the heap still in use. Not run as it is:
 * `bench/run.ts` bundles it with one client (`bundleMemoryChild`) and runs the bundle with plain
 * `node`, as users run their code, so that no loader and none of the source maps it turns on are
 * measured: `<bundle> <baseUrl> <total> <pageSize>`.
 */
import type { Client } from "./clients/types.js"

export const measureListing = async (makeClient: (baseUrl: string) => Client): Promise<void> => {
  const [baseUrl, total, pageSize] = process.argv.slice(2) as [string, string, string]
  const client = makeClient(baseUrl)
  const t0 = performance.now()
  const count = await client.list(`n${total}`, "bench", Number(pageSize))
  const ms = performance.now() - t0
  await client.dispose()
  if (count !== Number(total)) throw new Error(`listed ${count} tracks, expected ${total}`)
  // ru_maxrss: the peak resident set size of this process, in kilobytes
  const maxRssKb = process.resourceUsage().maxRSS
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error("run with --expose-gc")
  // A full GC, then the finalizers it lets run, and another: undici unregisters each request's abort
  // listener from a FinalizationRegistry, whose cleanup runs in a later task, and whose held values
  // (the signals) stay until then: as many as requests died since the last full GC, which a client
  // that rarely triggers one leaves by the hundred (docs/internals/performance-notes.md, 2026-12-04).
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  gc()
  process.send!({ ms, maxRssKb, heapAfterGcKb: process.memoryUsage().heapUsed / 1024 })
  process.disconnect()
}
