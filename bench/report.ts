/** Renders the bench results: Markdown tables, an SVG bar chart of the target ratios, the docs page. */
import { baselineCommit } from "./baseline.js"
import type { BundleSizes } from "./bundle.js"
import { impls } from "./clients/types.js"
import type { Impl } from "./clients/types.js"

export interface Target {
  readonly name: string
  /** The median, over the rounds, of this client's measure over the other's. */
  readonly value: number
  readonly min: number
  readonly max: number
  readonly limit: number
  /** A ratio to aim for, beyond the limit. */
  readonly goal?: number | undefined
  readonly pass: boolean
  /** 0.2.1's median of the same figure (full runs). */
  readonly baseline?: number | undefined
}

/** One figure of this client against 0.2.1's, paired round by round (see `summarize` in run.ts). */
export interface Comparison {
  readonly name: string
  /** 0.2.1's median figure. */
  readonly baseline: number
  /** The median, over the rounds, of this client's figure over 0.2.1's; and their min and max. */
  readonly value: number
  readonly min: number
  readonly max: number
  /** The noise: worse beyond it when `value` > 1 + `band`. */
  readonly band: number
  readonly worse: boolean
}

/** One `A` per client: 0.2.1's only in the full run. */
export type PerImpl<A> = Record<Exclude<Impl, "v0.2.1">, A> & { readonly "v0.2.1"?: A | undefined }

/** The memory children: each client, and the bare loop loading (unused) this client's modules of `effect`. */
export type MemoryChild = Impl | "barePeers"
export const memoryChildren: ReadonlyArray<MemoryChild> = [...impls, "barePeers"]

export interface MemoryMedians {
  readonly heapSmallMb: number
  readonly heapLargeMb: number
  readonly rssLargeMb: number
}

export interface Results {
  readonly date: string
  readonly smoke: boolean
  readonly command: string
  readonly machine: { readonly nproc: number; readonly node: string; readonly cpu: string; readonly platform: string }
  readonly config: {
    readonly listN: number
    readonly pageSize: number
    readonly fetchN: number
    readonly rounds: number
    readonly heapSmall: number
    readonly heapLarge: number
    readonly coldRuns: number
    readonly decodeRuns: number
  }
  readonly listing: PerImpl<{ readonly samplesMs: ReadonlyArray<number>; readonly medianMs: number }>
  readonly fetch: PerImpl<{ readonly p50Ms: number; readonly p99Ms: number }>
  /**
   * Medians over the rounds: the heap in use after a full GC, listing `heapSmall` and `heapLarge`
   * tracks; peak RSS at `heapLarge`. `barePeers`: the bare loop, loading every module of `effect`
   * this client loads, and using none.
   */
  readonly memory: PerImpl<MemoryMedians> & { readonly barePeers: MemoryMedians }
  /** Each cold start's medians, from spawning the process: the fetched track in hand, and the exit. */
  readonly cold: Record<"unbundled" | "bundled" | "twilio", ColdMedians> & {
    readonly "v0.2.1"?: { readonly unbundled: ColdMedians; readonly bundled: ColdMedians } | undefined
  }
  readonly bundle: BundleSizes
  /** Medians over `decodeRuns` fresh processes; 0.2.1's in the full run. */
  readonly decode: DecodeMedians & { readonly "v0.2.1"?: DecodeMedians | undefined }
  readonly targets: ReadonlyArray<Target>
  /** The full run: each target's figure and the decoding's against 0.2.1's. */
  readonly againstBaseline?: ReadonlyArray<Comparison> | undefined
  readonly durationS: number
}

export interface ColdMedians {
  readonly readyMs: number
  readonly exitMs: number
}

export interface DecodeMedians {
  readonly itemsPerPage: number
  readonly jsonParseUs: number
  readonly jsonParseAndDecodeUs: number
  readonly decodeOnlyUs: number
}

const n = (x: number) => x.toLocaleString("en-US")
const f = (x: number, digits: number) => x.toFixed(digits)
const ratio = (x: number) => `${x.toFixed(2)}×`
const ratioOf = (a: number, b: number) => ratio(a / b)
/** A cell of 0.2.1's, empty when the run has none (as the smoke run). */
const opt = <A>(x: A | undefined, cell: (x: A) => string) => x === undefined ? "" : cell(x)

/** One number per client, read from each client's record. */
const each = <A>(v: PerImpl<A>, g: (a: A) => number): PerImpl<number> => ({
  effect: g(v.effect),
  bare: g(v.bare),
  twilio: g(v.twilio),
  "v0.2.1": v["v0.2.1"] === undefined ? undefined : g(v["v0.2.1"])
})

/** A row of one measure: this client, the floor, twilio-node and 0.2.1, with this client's ratios to them. */
const compared = (label: string, digits: number, v: PerImpl<number>): ReadonlyArray<string> => [
  label,
  ...impls.map((impl) => opt(v[impl], (x) => f(x, digits))),
  ratioOf(v.effect, v.bare),
  ratioOf(v.effect, v.twilio),
  opt(v["v0.2.1"], (x) => ratioOf(v.effect, x))
]

const md = (rows: ReadonlyArray<ReadonlyArray<string>>) => rows.map((row) => `| ${row.join(" | ")} |`).join("\n")

export const renderTable = (r: Results): string => {
  const { bundle, cold, config: c, decode, fetch, listing, memory } = r
  const base = cold["v0.2.1"]
  const measures = md([
    [
      "Measure",
      "effect-twilio-video",
      "bare fetch loop (floor)",
      "twilio-node",
      "0.2.1 (Effect 3)",
      "vs floor",
      "vs twilio-node",
      "vs 0.2.1"
    ],
    ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"],
    compared(`List ${n(c.listN)} tracks, PageSize=${c.pageSize} (ms)`, 0, each(listing, (l) => l.medianMs)),
    compared(`Fetch one track, p50 of ${n(c.fetchN)} in a row (ms)`, 3, each(fetch, (x) => x.p50Ms)),
    compared(`Fetch one track, p99 of ${n(c.fetchN)} in a row (ms)`, 3, each(fetch, (x) => x.p99Ms)),
    compared(
      `Live heap after a full GC, listing ${n(c.heapSmall)} tracks (MB)`,
      1,
      each(memory, (x) => x.heapSmallMb)
    ),
    compared(
      `Live heap after a full GC, listing ${n(c.heapLarge)} tracks (MB)`,
      1,
      each(memory, (x) => x.heapLargeMb)
    ),
    compared(`Peak RSS listing ${n(c.heapLarge)} tracks (MB)`, 1, each(memory, (x) => x.rssLargeMb)),
    ...(["heapLargeMb", "rssLargeMb"] as const).map((key) => [
      `${key === "heapLargeMb" ? "Live heap after a full GC" : "Peak RSS"}, listing ${
        n(c.heapLarge)
      } tracks, the floor loading (unused) this client's modules of \`effect\` (MB); vs twilio-node: the floor's`,
      f(memory.effect[key], 1),
      f(memory.barePeers[key], 1),
      f(memory.twilio[key], 1),
      opt(memory["v0.2.1"], (x) => f(x[key], 1)),
      ratioOf(memory.effect[key], memory.barePeers[key]),
      ratioOf(memory.barePeers[key], memory.twilio[key]),
      opt(memory["v0.2.1"], (x) => ratioOf(memory.effect[key], x[key]))
    ]),
    ...(["readyMs", "exitMs"] as const).map((at) => [
      `Cold start of a one-fetch script, unbundled / bundled: ${
        at === "readyMs" ? "spawn to the track in hand" : "spawn to exit"
      } (ms)`,
      `${f(cold.unbundled[at], 0)} / ${f(cold.bundled[at], 0)}`,
      "",
      f(cold.twilio[at], 0),
      opt(base, (x) => `${f(x.unbundled[at], 0)} / ${f(x.bundled[at], 0)}`),
      "",
      `${ratioOf(cold.unbundled[at], cold.twilio[at])} / ${ratioOf(cold.bundled[at], cold.twilio[at])}`,
      opt(base, (x) => `${ratioOf(cold.unbundled[at], x.unbundled[at])} / ${ratioOf(cold.bundled[at], x.bundled[at])}`)
    ]),
    [
      "Minimal app bundle, minified / + gzip (KB)",
      `${f(bundle.effect.minified / 1024, 1)} / ${f(bundle.effect.gzipped / 1024, 1)}`,
      "",
      `${f(bundle.twilio.minified / 1024, 1)} / ${f(bundle.twilio.gzipped / 1024, 1)}`,
      opt(bundle["v0.2.1"], (x) => `${f(x.minified / 1024, 1)} / ${f(x.gzipped / 1024, 1)}`),
      "",
      `${ratioOf(bundle.effect.minified, bundle.twilio.minified)} / ${
        ratioOf(bundle.effect.gzipped, bundle.twilio.gzipped)
      }`,
      opt(
        bundle["v0.2.1"],
        (x) => `${ratioOf(bundle.effect.minified, x.minified)} / ${ratioOf(bundle.effect.gzipped, x.gzipped)}`
      )
    ],
    [
      `Per ${n(decode.itemsPerPage)} tracks: JSON.parse + decode (µs), JSON.parse alone in the floor's column`,
      f(decode.jsonParseAndDecodeUs, 0),
      f(decode.jsonParseUs, 0),
      "",
      opt(decode["v0.2.1"], (x) => f(x.jsonParseAndDecodeUs, 0)),
      ratioOf(decode.jsonParseAndDecodeUs, decode.jsonParseUs),
      "",
      opt(decode["v0.2.1"], (x) => ratioOf(decode.jsonParseAndDecodeUs, x.jsonParseAndDecodeUs))
    ]
  ])
  const targets = md([
    ["Target", "Median", "Min–max over the rounds", "Limit", "Result", "0.2.1's median"],
    ["---", "---:", "---:", "---:", "---", "---:"],
    ...r.targets.map((t) => [
      t.name,
      ratio(t.value),
      `${ratio(t.min)}–${ratio(t.max)}`,
      `≤ ${t.limit}×${t.goal !== undefined ? ` (goal ${t.goal}×)` : ""}`,
      t.pass ? "**pass**" : "**FAIL**",
      opt(t.baseline, ratio)
    ])
  ])
  if (r.againstBaseline === undefined) return `${measures}\n\n${targets}\n`
  const against = md([
    ["Figure", "0.2.1", "this / 0.2.1, median", "Min–max over the rounds", "Noise band", "Result"],
    ["---", "---:", "---:", "---:", "---:", "---"],
    ...r.againstBaseline.map((x) => [
      x.name,
      ratio(x.baseline),
      ratio(x.value),
      `${ratio(x.min)}–${ratio(x.max)}`,
      `±${(x.band * 100).toFixed(1)} %`,
      x.worse ? "**worse**" : x.value < 1 - x.band ? "better" : "within the noise"
    ])
  ])
  return `${measures}\n\n${targets}\n\n${against}\n\n${baselineVerdict(r.againstBaseline)}\n`
}

/** The line on 0.2.1: no figure worse beyond the noise, or which are. */
export const baselineVerdict = (against: ReadonlyArray<Comparison>): string => {
  const worse = against.filter((x) => x.worse)
  return worse.length === 0
    ? `Against 0.2.1: none of the ${against.length} figures is worse beyond the noise.`
    : `Against 0.2.1: ${worse.length} of ${against.length} figures worse beyond the noise: ${
      worse.map((x) => `${x.name} (${ratio(x.value)}, band ±${(x.band * 100).toFixed(1)} %)`).join("; ")
    }.`
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** A horizontal bar per target: the median ratio, its range over the rounds, the limit as a dashed line. */
export const renderSvg = (r: Results): string => {
  const width = 780
  const labelWidth = 310
  const barArea = width - labelWidth - 110
  const rowHeight = 46
  const top = 54
  const height = top + r.targets.length * rowHeight + 40
  const scaleMax = Math.max(...r.targets.flatMap((t) => [t.max, t.limit, t.baseline ?? 0])) * 1.1
  const x = (v: number) => labelWidth + (v / scaleMax) * barArea
  const out: Array<string> = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13">`
  )
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`)
  out.push(
    `<text x="16" y="24" font-size="15" font-weight="600">effect-twilio-video: ratio to target (lower is better)</text>`
  )
  out.push(
    `<text x="16" y="42" fill="#555">${
      escape(`${r.machine.cpu}, ${r.machine.nproc} cores, node ${r.machine.node}`)
    }</text>`
  )
  r.targets.forEach((t, i) => {
    const y = top + i * rowHeight
    const color = t.pass ? "#2e8b57" : "#c0392b"
    out.push(`<text x="${labelWidth - 10}" y="${y + 22}" text-anchor="end">${escape(t.name)}</text>`)
    out.push(
      `<rect x="${labelWidth}" y="${y + 8}" width="${
        (x(t.value) - labelWidth).toFixed(1)
      }" height="20" fill="${color}" rx="2"/>`
    )
    out.push(
      `<line x1="${x(t.min).toFixed(1)}" x2="${x(t.max).toFixed(1)}" y1="${y + 18}" y2="${
        y + 18
      }" stroke="#222" stroke-width="1.5"/>`
    )
    out.push(
      `<line x1="${x(t.limit).toFixed(1)}" x2="${x(t.limit).toFixed(1)}" y1="${y + 2}" y2="${y + 34}" ` +
        `stroke="#222" stroke-width="2" stroke-dasharray="4 3"/>`
    )
    if (t.baseline !== undefined) {
      const bx = x(t.baseline)
      out.push(
        `<path d="M${bx.toFixed(1)} ${y + 11} l5 7 l-5 7 l-5 -7 z" fill="#ffffff" stroke="#1f4e99" stroke-width="1.5"/>`
      )
    }
    out.push(
      `<text x="${(x(Math.max(t.max, t.limit, t.baseline ?? 0)) + 8).toFixed(1)}" y="${y + 22}">` +
        `${t.value.toFixed(2)}× (≤ ${t.limit}×) ${t.pass ? "pass" : "FAIL"}</text>`
    )
  })
  const axisY = top + r.targets.length * rowHeight + 6
  out.push(`<line x1="${labelWidth}" x2="${labelWidth + barArea}" y1="${axisY}" y2="${axisY}" stroke="#999"/>`)
  const step = scaleMax > 4 ? 1 : 0.25
  for (let v = 0; v <= scaleMax; v += step) {
    out.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${axisY}" y2="${axisY + 4}" stroke="#999"/>`)
    out.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 17}" text-anchor="middle" fill="#555">${v}×</text>`)
  }
  out.push(
    `<text x="${width - 16}" y="${
      height - 8
    }" text-anchor="end" fill="#555">bar: median; whisker: min–max; dashed: limit${
      r.targets.some((t) => t.baseline !== undefined) ? "; diamond: 0.2.1's median" : ""
    }</text>`
  )
  out.push(`</svg>`)
  return out.join("\n") + "\n"
}

const begin = "<!-- bench:results:begin (generated by `npm run bench`; edits here are overwritten) -->"
const end = "<!-- bench:results:end -->"

/** The generated part of docs/performance.md; the rest of the page is kept as written. */
export const renderGenerated = (r: Results): string => {
  const met = r.targets.filter((t) => t.pass).length
  return [
    begin,
    "",
    `The last run, on ${r.date.slice(0, 10)}: \`${r.command}\`, ${r.config.rounds} interleaved rounds after a ` +
    `warm-up round, medians (cold start: ${r.config.coldRuns} runs of each; decode: ${r.config.decodeRuns} ` +
    `processes of each); ${r.durationS.toFixed(0)} s in all. 0.2.1: commit \`${baselineCommit.slice(0, 7)}\`, ` +
    "on `effect` 3 and `@effect/platform`, built apart and measured in the same rounds.",
    "",
    "| Machine | |",
    "| --- | --- |",
    `| CPU (\`/proc/cpuinfo\`) | ${r.machine.cpu} |`,
    `| \`nproc\` | ${r.machine.nproc} |`,
    `| \`node --version\` | ${r.machine.node} |`,
    `| Platform | ${r.machine.platform} |`,
    "",
    renderTable(r).trimEnd(),
    "",
    `Targets met: ${met} of ${r.targets.length}.`,
    "",
    "![Measured ratios against their targets](./performance.svg)",
    "",
    end
  ].join("\n")
}

export const renderMarkdown = (r: Results, current: string): string => {
  const generated = renderGenerated(r)
  const from = current.indexOf("<!-- bench:results:begin")
  const to = current.indexOf(end)
  if (from >= 0 && to > from) return current.slice(0, from) + generated + current.slice(to + end.length)
  return `${current.trimEnd()}\n\n${generated}\n`
}
