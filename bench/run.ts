/**
 * The benchmark: `npm run bench` (full) or `npm run bench:smoke` / `BENCH_SMOKE=1` (small, one round,
 * no thresholds). See docs/performance.md.
 *
 * Writes bench/out/results.json; a full run also writes docs/performance.svg and the generated part
 * of docs/performance.md.
 */
import { execSync } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { availableParallelism, cpus } from "node:os"
import { fileURLToPath } from "node:url"
import { bundleSizes } from "./bundle.js"
import { impls, loadClient } from "./clients/types.js"
import type { Client, Impl } from "./clients/types.js"
import { runChild, startServer } from "./processes.js"
import { renderMarkdown, renderSvg, renderTable } from "./report.js"
import type { Results, Target } from "./report.js"
import { median, quantile } from "./stats.js"

const smoke = process.env.BENCH_SMOKE === "1" || process.argv.includes("--smoke")
const config = smoke
  ? { listN: 5_000, pageSize: 1000, fetchN: 100, rounds: 1, warmup: false, rssSmall: 2_000, rssLarge: 20_000 }
  : { listN: 100_000, pageSize: 1000, fetchN: 2_000, rounds: 5, warmup: true, rssSmall: 10_000, rssLarge: 1_000_000 }

const path = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const log = (message: string) => process.stderr.write(`${message}\n`)
const participant = "bench"

const machine = () => ({
  nproc: (() => {
    try {
      return Number(execSync("nproc", { encoding: "utf8" }).trim())
    } catch {
      return availableParallelism()
    }
  })(),
  node: process.version,
  cpu: (() => {
    try {
      return /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown"
    } catch {
      return cpus()[0]?.model ?? "unknown"
    }
  })(),
  platform: `${process.platform} ${process.arch}`
})

/** Impl order for round `r`: rotated, so no client always runs first or last. */
const orderOf = (r: number): ReadonlyArray<Impl> => impls.map((_, i) => impls[(i + r) % impls.length]!)

const main = async () => {
  const started = Date.now()
  log(`bench (${smoke ? "smoke" : "full"}): ${JSON.stringify(config)}`)
  const server = await startServer()
  const clients = Object.fromEntries(
    await Promise.all(impls.map(async (impl) => [impl, await loadClient(impl, server.baseUrl)] as const))
  ) as Record<Impl, Client>

  const listMs: Record<Impl, Array<number>> = { effect: [], bare: [], twilio: [] }
  const fetchP50: Record<Impl, Array<number>> = { effect: [], bare: [], twilio: [] }
  const fetchP99: Record<Impl, Array<number>> = { effect: [], bare: [], twilio: [] }
  const room = `n${config.listN}`

  const listOnce = async (impl: Impl) => {
    const t0 = performance.now()
    const count = await clients[impl].list(room, participant, config.pageSize)
    const ms = performance.now() - t0
    if (count !== config.listN) throw new Error(`${impl} listed ${count} tracks, expected ${config.listN}`)
    return ms
  }
  const fetchOnce = (impl: Impl, n: number) => clients[impl].fetchLoop("n1", participant, "Camera", n)

  if (config.warmup) {
    log("warm-up")
    for (const impl of impls) {
      await listOnce(impl)
      await fetchOnce(impl, 200)
    }
  }
  for (let r = 0; r < config.rounds; r++) {
    for (const impl of orderOf(r)) {
      const ms = await listOnce(impl)
      listMs[impl].push(ms)
      log(`round ${r + 1}/${config.rounds} list   ${impl.padEnd(6)} ${ms.toFixed(0)} ms`)
    }
    for (const impl of orderOf(r)) {
      const latencies = await fetchOnce(impl, config.fetchN)
      fetchP50[impl].push(quantile(latencies, 0.5))
      fetchP99[impl].push(quantile(latencies, 0.99))
      log(
        `round ${r + 1}/${config.rounds} fetch  ${impl.padEnd(6)} p50 ${quantile(latencies, 0.5).toFixed(3)} ms` +
          ` p99 ${quantile(latencies, 0.99).toFixed(3)} ms`
      )
    }
  }
  await Promise.all(impls.map((impl) => clients[impl].dispose()))

  // peak RSS, each listing in a fresh process; then the heap still in use after a full GC
  const rss: Results["rss"] = {} as never
  for (const impl of impls) {
    const run = (n: number) =>
      runChild<{ maxRssKb: number; heapAfterGcKb: number; ms: number }>("./memory-child.ts", [
        impl,
        server.baseUrl,
        String(n),
        String(config.pageSize)
      ], ["--expose-gc"])
    const small = await run(config.rssSmall)
    const large = await run(config.rssLarge)
    rss[impl] = {
      small: small.maxRssKb / 1024,
      large: large.maxRssKb / 1024,
      largeMs: large.ms,
      heapSmall: small.heapAfterGcKb / 1024,
      heapLarge: large.heapAfterGcKb / 1024
    }
    log(
      `peak RSS ${impl.padEnd(6)} ${rss[impl].small.toFixed(1)} MB at ${config.rssSmall}, ` +
        `${rss[impl].large.toFixed(1)} MB at ${config.rssLarge}; heap after GC ` +
        `${rss[impl].heapSmall.toFixed(1)} / ${rss[impl].heapLarge.toFixed(1)} MB`
    )
  }
  server.stop()

  log("bundling")
  const bundle = await bundleSizes()

  log("decode cost")
  const { parseDecodeUs, parseUs } = await runChild<{ parseUs: number; parseDecodeUs: number }>(
    "./decode-child.ts",
    [String(smoke ? 3 : 15)]
  )

  const med = (xs: Record<Impl, Array<number>>) =>
    Object.fromEntries(impls.map((i) => [i, median(xs[i])])) as Record<Impl, number>
  const list = med(listMs)
  const p50 = med(fetchP50)
  const p99 = med(fetchP99)

  const target = (name: string, value: number, max: number): Target => ({
    name,
    value,
    max,
    pass: smoke ? null : value <= max
  })
  const targets: Array<Target> = [
    target("listing wall time / bare loop", list.effect / list.bare, 1.3),
    target("listing wall time / twilio-node", list.effect / list.twilio, 0.75),
    target("fetch p50 / bare loop", p50.effect / p50.bare, 1.2),
    target(`peak RSS ${config.rssLarge} / ${config.rssSmall} tracks`, rss.effect.large / rss.effect.small, 1.25),
    target("bundle (min+gzip) / twilio-node", bundle.effect.gzipped / bundle.twilio.gzipped, 0.25)
  ]

  const results: Results = {
    date: new Date().toISOString(),
    smoke,
    command: smoke ? "npm run bench:smoke" : "npm run bench",
    machine: machine(),
    config,
    listing: Object.fromEntries(impls.map((i) => [i, { samplesMs: listMs[i], medianMs: list[i] }])) as never,
    fetch: Object.fromEntries(
      impls.map((i) => [i, { p50Ms: p50[i], p99Ms: p99[i], p50SamplesMs: fetchP50[i], p99SamplesMs: fetchP99[i] }])
    ) as never,
    rss,
    bundle,
    decode: {
      itemsPerPage: 1000,
      jsonParseUs: parseUs,
      jsonParseAndDecodeUs: parseDecodeUs,
      decodeOnlyUs: parseDecodeUs - parseUs
    },
    targets,
    durationS: (Date.now() - started) / 1000
  }

  mkdirSync(path("./out"), { recursive: true })
  writeFileSync(path("./out/results.json"), JSON.stringify(results, null, 2) + "\n")
  const svg = renderSvg(results)
  writeFileSync(path("./out/performance.svg"), svg)
  if (smoke) {
    // one small round measures nothing worth comparing: show only that every measurement ran
    console.log(
      `bench smoke run: listing, fetch, memory, bundle and decode all ran in ${results.durationS.toFixed(0)} s`
    )
  } else {
    console.log(renderTable(results))
  }
  if (!smoke) {
    writeFileSync(path("../docs/performance.svg"), svg)
    const md = path("../docs/performance.md")
    let current = ""
    try {
      current = readFileSync(md, "utf8")
    } catch {
      // first run: renderMarkdown writes the whole page
    }
    writeFileSync(md, renderMarkdown(results, current))
    log("wrote bench/out/results.json, docs/performance.svg, docs/performance.md")
  } else {
    log("wrote bench/out/results.json, bench/out/performance.svg (smoke: docs left alone)")
  }
}

await main()
