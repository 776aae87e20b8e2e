/**
 * The benchmark: `npm run bench` (full) or `npm run bench:smoke` (small, one round, no verdicts).
 * See docs/performance.md. Writes bench/out/results.json; a full run also writes
 * docs/performance.svg and the generated part of docs/performance.md.
 */
import { execFileSync, execSync } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { availableParallelism, cpus } from "node:os"
import { fileURLToPath } from "node:url"
import { bundle, bundleMemoryChild, bundleSizes } from "./bundle.js"
import { impls, loadClient } from "./clients/types.js"
import type { Client, Impl } from "./clients/types.js"
import { accountSid, authToken } from "./fixture.js"
import { runChild, startServer, timeProcess } from "./processes.js"
import type { ColdStart } from "./processes.js"
import { memoryChildren, renderMarkdown, renderSvg, renderTable } from "./report.js"
import type { MemoryChild, Results, Target } from "./report.js"
import { median, quantile } from "./stats.js"

const smoke = process.argv.includes("--smoke")
const config = smoke
  ? {
    listN: 5_000,
    pageSize: 1000,
    fetchN: 100,
    rounds: 1,
    warmup: false,
    heapSmall: 2_000,
    heapLarge: 20_000,
    coldRuns: 2
  }
  : {
    listN: 100_000,
    pageSize: 1000,
    fetchN: 2_000,
    rounds: 5,
    warmup: true,
    heapSmall: 10_000,
    heapLarge: 1_000_000,
    coldRuns: 9
  }

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

/** The order of `items` in round `r`: rotated, so that none always runs first or last. */
const rotated = <A>(items: ReadonlyArray<A>, r: number): ReadonlyArray<A> =>
  items.map((_, i) => items[(i + r) % items.length]!)

const perImpl = <A>(f: (impl: Impl) => A) => Object.fromEntries(impls.map((impl) => [impl, f(impl)])) as Record<Impl, A>
const perChild = <A>(f: (child: MemoryChild) => A) =>
  Object.fromEntries(memoryChildren.map((child) => [child, f(child)])) as Record<MemoryChild, A>

const main = async () => {
  const started = Date.now()
  log(`bench (${smoke ? "smoke" : "full"}): ${JSON.stringify(config)}`)
  log("building dist/ for the cold start")
  execFileSync("npm", ["run", "--silent", "build"], { cwd: path(".."), stdio: "inherit" })
  const server = await startServer()
  const clients = Object.fromEntries(
    await Promise.all(impls.map(async (impl) => [impl, await loadClient(impl, server.baseUrl)] as const))
  ) as Record<Impl, Client>

  const listMs = perImpl((): Array<number> => [])
  const fetchP50 = perImpl((): Array<number> => [])
  const fetchP99 = perImpl((): Array<number> => [])
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
    for (const impl of rotated(impls, r)) {
      const ms = await listOnce(impl)
      listMs[impl].push(ms)
      log(`round ${r + 1}/${config.rounds} list   ${impl.padEnd(6)} ${ms.toFixed(0)} ms`)
    }
    for (const impl of rotated(impls, r)) {
      const latencies = await fetchOnce(impl, config.fetchN)
      fetchP50[impl].push(quantile(latencies, 0.5))
      fetchP99[impl].push(quantile(latencies, 0.99))
      log(`round ${r + 1}/${config.rounds} fetch  ${impl.padEnd(6)} p50 ${quantile(latencies, 0.5).toFixed(3)} ms`)
    }
  }
  await Promise.all(impls.map((impl) => clients[impl].dispose()))

  // memory: each listing in a fresh process of plain node, with one client bundled; peak RSS, and
  // the heap still in use after a full GC. One more child: the bare loop loading, unused, every
  // module of effect and @effect/platform that this client's child loads (what the peers cost).
  const memory = perChild((): { small: Array<MemorySample>; large: Array<MemorySample> } => ({ small: [], large: [] }))
  const childFile = (child: MemoryChild) => `./out/memory-${child}.mjs`
  for (const impl of impls) {
    const peers = await bundleMemoryChild(impl, path(childFile(impl)))
    if (impl === "effect") await bundleMemoryChild("bare", path(childFile("barePeers")), peers)
  }
  const listInChild = (child: MemoryChild, n: number) =>
    runChild<MemorySample>(
      childFile(child),
      [server.baseUrl, String(n), String(config.pageSize)],
      ["--expose-gc"],
      false
    )
  for (let r = 0; r < config.rounds; r++) {
    for (const child of rotated(memoryChildren, r)) {
      // the bare loop is a reference, not a target: one round is enough
      if (child === "bare" && r > 0) continue
      memory[child].small.push(await listInChild(child, config.heapSmall))
      memory[child].large.push(await listInChild(child, config.heapLarge))
      const last = memory[child].large.at(-1)!
      log(`round ${r + 1}/${config.rounds} memory ${child.padEnd(9)} peak RSS ${(last.maxRssKb / 1024).toFixed(0)} MB`)
    }
  }

  log("cold start")
  mkdirSync(path("./out"), { recursive: true })
  await bundle("./cold/effect.mjs", path("./out/cold-effect.mjs"))
  const env = {
    ...process.env,
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_VIDEO_BASE_URL: server.baseUrl
  }
  const starts = {
    unbundled: path("./cold/effect.mjs"),
    bundled: path("./out/cold-effect.mjs"),
    twilio: path("./cold/twilio.cjs")
  }
  const coldMs = { unbundled: [] as Array<ColdStart>, bundled: [] as Array<ColdStart>, twilio: [] as Array<ColdStart> }
  for (let r = 0; r < config.coldRuns; r++) {
    for (const variant of rotated(["unbundled", "bundled", "twilio"] as const, r)) {
      coldMs[variant].push(await timeProcess(starts[variant], env))
    }
  }
  server.stop()

  log("bundling")
  const bundleSize = await bundleSizes()

  log("decode cost")
  const { parseDecodeUs, parseUs } = await runChild<{ parseUs: number; parseDecodeUs: number }>(
    "./decode-child.ts",
    [String(smoke ? 3 : 15)]
  )

  const results = summarize({ listMs, fetchP50, fetchP99, memory, coldMs, bundleSize, parseUs, parseDecodeUs })
  const full: Results = {
    ...results,
    date: new Date().toISOString(),
    smoke,
    command: smoke ? "npm run bench:smoke" : "npm run bench",
    machine: machine(),
    config,
    durationS: (Date.now() - started) / 1000
  }
  writeFileSync(path("./out/results.json"), JSON.stringify(full, null, 2) + "\n")
  if (smoke) {
    // one small round measures nothing worth comparing: show only that every measurement ran
    console.log(
      `bench smoke run: listing, fetch, memory, cold start, bundle and decode all ran in ${full.durationS.toFixed(0)} s`
    )
    return
  }
  console.log(renderTable(full))
  const svg = renderSvg(full)
  writeFileSync(path("./out/performance.svg"), svg)
  writeFileSync(path("../docs/performance.svg"), svg)
  const md = path("../docs/performance.md")
  writeFileSync(md, renderMarkdown(full, readFileSync(md, "utf8")))
  log("wrote bench/out/results.json, docs/performance.svg, docs/performance.md")
}

interface MemorySample {
  readonly maxRssKb: number
  readonly heapAfterGcKb: number
  readonly ms: number
}

const coldMedians = (runs: ReadonlyArray<ColdStart>) => ({
  readyMs: median(runs.map((c) => c.readyMs)),
  exitMs: median(runs.map((c) => c.exitMs))
})

/** Medians, and each target's ratio round by round: its median, min and max. */
const summarize = (m: {
  readonly listMs: Record<Impl, ReadonlyArray<number>>
  readonly fetchP50: Record<Impl, ReadonlyArray<number>>
  readonly fetchP99: Record<Impl, ReadonlyArray<number>>
  readonly memory: Record<
    MemoryChild,
    { readonly small: ReadonlyArray<MemorySample>; readonly large: ReadonlyArray<MemorySample> }
  >
  readonly coldMs: Record<"unbundled" | "bundled" | "twilio", ReadonlyArray<ColdStart>>
  readonly bundleSize: Awaited<ReturnType<typeof bundleSizes>>
  readonly parseUs: number
  readonly parseDecodeUs: number
}): Omit<Results, "date" | "smoke" | "command" | "machine" | "config" | "durationS"> => {
  const mb = (kb: number) => kb / 1024
  const memory = perChild((child) => ({
    heapSmallMb: median(m.memory[child].small.map((s) => mb(s.heapAfterGcKb))),
    heapLargeMb: median(m.memory[child].large.map((s) => mb(s.heapAfterGcKb))),
    rssLargeMb: median(m.memory[child].large.map((s) => mb(s.maxRssKb)))
  }))
  /** A target over paired samples: the ratio of each pair, then their median, min and max. */
  const target = (
    name: string,
    mine: ReadonlyArray<number>,
    theirs: ReadonlyArray<number>,
    max: number,
    goal?: number
  ): Target => {
    const ratios = mine.map((x, i) => x / theirs[i % theirs.length]!)
    const value = median(ratios)
    return { name, value, min: Math.min(...ratios), max: Math.max(...ratios), limit: max, goal, pass: value <= max }
  }
  const heap = (which: "small" | "large", impl: Impl) => m.memory[impl][which].map((s) => s.heapAfterGcKb)
  const rss = (impl: Impl) => m.memory[impl].large.map((s) => s.maxRssKb)
  return {
    listing: perImpl((impl) => ({ samplesMs: m.listMs[impl], medianMs: median(m.listMs[impl]) })),
    fetch: perImpl((impl) => ({ p50Ms: median(m.fetchP50[impl]), p99Ms: median(m.fetchP99[impl]) })),
    memory,
    cold: {
      unbundled: coldMedians(m.coldMs.unbundled),
      bundled: coldMedians(m.coldMs.bundled),
      twilio: coldMedians(m.coldMs.twilio)
    },
    bundle: m.bundleSize,
    decode: {
      itemsPerPage: 1000,
      jsonParseUs: m.parseUs,
      jsonParseAndDecodeUs: m.parseDecodeUs,
      decodeOnlyUs: m.parseDecodeUs - m.parseUs
    },
    targets: [
      target("listing 100k tracks / twilio-node", m.listMs.effect, m.listMs.twilio, 1.0, 0.8),
      target("fetch p50 / twilio-node", m.fetchP50.effect, m.fetchP50.twilio, 1.2),
      target("live heap after GC, 1M / 10k tracks", heap("large", "effect"), heap("small", "effect"), 1.1),
      target("peak RSS at 1M tracks / twilio-node's", rss("effect"), rss("twilio"), 1.0),
      target(
        "bundled cold start to the track / twilio-node unbundled",
        m.coldMs.bundled.map((c) => c.readyMs),
        m.coldMs.twilio.map((c) => c.readyMs),
        1.0
      ),
      target(
        "minimal app bundle (gzip) / twilio-node",
        [m.bundleSize.effect.gzipped],
        [m.bundleSize.twilio.gzipped],
        0.25
      )
    ]
  }
}

await main()
