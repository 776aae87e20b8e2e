/**
 * The peaks of a listing's memory, by V8 heap space: each client's memory child (as `npm run bench`
 * runs it, in plain `node`) with `heap-sampler.mjs` preloaded, twice each, interleaved.
 *
 *   npx tsx bench/heap-peaks.ts [effect,v0.2.1,bare,twilio] [tracks] [force-gc-ms] [node flags...]
 *   npx tsx bench/heap-peaks.ts effect 1000000 0 --trace-gc | grep -c Mark-Compact   # full GCs, 2 listings
 */
import { bundleMemoryChild } from "./bundle.js"
import { impls } from "./clients/types.js"
import type { Impl } from "./clients/types.js"
import { runChild, startServer } from "./processes.js"

const [which = "effect,v0.2.1,bare,twilio", tracks = "1000000", forceGcMs = "0", ...nodeFlags] = process.argv.slice(2)
const clients = which.split(",") as Array<Impl>
for (const impl of clients) if (!impls.includes(impl)) throw new Error(`unknown client ${impl}`)
const server = await startServer()
const files: Partial<Record<Impl, string>> = {}
for (const impl of clients) {
  files[impl] = (await bundleMemoryChild(impl, new URL(`./out/heap-${impl}.mjs`, import.meta.url).pathname)).path
}
process.env.FORCE_GC_MS = forceGcMs
const sampler = new URL("./heap-sampler.mjs", import.meta.url).pathname
for (let r = 0; r < 2; r++) {
  for (const impl of clients) {
    process.stderr.write(`${impl}: `)
    const { maxRssKb, ms } = await runChild<{ maxRssKb: number; ms: number }>(
      files[impl]!,
      [server.baseUrl, tracks, "1000"],
      ["--expose-gc", "--import", sampler, ...nodeFlags],
      false
    )
    process.stderr.write(
      `${impl}: ${tracks} tracks in ${ms.toFixed(0)} ms, peak RSS ${(maxRssKb / 1024).toFixed(0)} MB\n`
    )
  }
}
server.stop()
