// Preload for bench/heap-peaks.ts: the peak of each V8 heap space, of external memory and of RSS,
// sampled every 20 ms and printed to stderr at exit as one JSON line (MB). FORCE_GC_MS: a full GC
// that often too (with --expose-gc).
import { getHeapSpaceStatistics } from "node:v8"

const peak = {}
const put = (key, bytes) => {
  peak[key] = Math.max(peak[key] ?? 0, bytes)
}
const sample = () => {
  for (const space of getHeapSpaceStatistics()) put(space.space_name, space.space_used_size)
  const { arrayBuffers, external, rss } = process.memoryUsage()
  put("external", external)
  put("arrayBuffers", arrayBuffers)
  put("rss", rss)
}
setInterval(sample, 20).unref()
const every = Number(process.env.FORCE_GC_MS ?? "0")
if (every > 0) setInterval(() => globalThis.gc(), every).unref()
process.on("exit", () => {
  sample()
  const mb = Object.fromEntries(Object.entries(peak).map(([key, bytes]) => [key, Math.round(bytes / 104857.6) / 10]))
  process.stderr.write(`${JSON.stringify(mb)}\n`)
})
