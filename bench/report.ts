/** Renders the bench results: a Markdown table, an SVG bar chart of the target ratios, the docs page. */
import type { BundleSize } from "./bundle.js"
import { impls } from "./clients/types.js"
import type { Impl } from "./clients/types.js"

export interface Target {
  readonly name: string
  readonly value: number
  readonly max: number
  /** `null` in smoke mode: no thresholds. */
  readonly pass: boolean | null
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
    readonly warmup: boolean
    readonly rssSmall: number
    readonly rssLarge: number
  }
  readonly listing: Record<Impl, { readonly samplesMs: ReadonlyArray<number>; readonly medianMs: number }>
  readonly fetch: Record<Impl, { readonly p50Ms: number; readonly p99Ms: number }>
  /** Peak RSS (MB) listing `rssSmall` and `rssLarge` tracks, and the heap in use after a full GC then (MB). */
  readonly rss: Record<
    Impl,
    {
      readonly small: number
      readonly large: number
      readonly largeMs: number
      readonly heapSmall: number
      readonly heapLarge: number
    }
  >
  readonly bundle: { readonly effect: BundleSize; readonly twilio: BundleSize }
  readonly decode: {
    readonly itemsPerPage: number
    readonly jsonParseUs: number
    readonly jsonParseAndDecodeUs: number
    readonly decodeOnlyUs: number
  }
  readonly targets: ReadonlyArray<Target>
  readonly durationS: number
}

const n = (x: number) => x.toLocaleString("en-US")
const f = (x: number, digits: number) => x.toFixed(digits)
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
const verdict = (t: Target) => (t.pass === null ? "n/a (smoke)" : t.pass ? "**pass**" : "**FAIL**")

/** A row of one measure for the three clients, with this client's ratios to the other two. */
const compared = (
  label: string,
  digits: number,
  v: { readonly effect: number; readonly bare: number; readonly twilio: number }
): ReadonlyArray<string> => [
  label,
  f(v.effect, digits),
  f(v.bare, digits),
  f(v.twilio, digits),
  ratio(v.effect, v.bare),
  ratio(v.effect, v.twilio)
]

export const renderTable = (r: Results): string => {
  const { bundle, config: c, decode, fetch, listing, rss } = r
  const rows: Array<ReadonlyArray<string>> = [
    ["Measure", "effect-twilio-video", "bare fetch loop", "twilio-node", "vs bare", "vs twilio-node"],
    ["---", "---:", "---:", "---:", "---:", "---:"],
    compared(`List ${n(c.listN)} tracks, PageSize=${c.pageSize} (ms, median)`, 0, {
      effect: listing.effect.medianMs,
      bare: listing.bare.medianMs,
      twilio: listing.twilio.medianMs
    }),
    compared(`Fetch one track, p50 of ${n(c.fetchN)} sequential (ms)`, 3, {
      effect: fetch.effect.p50Ms,
      bare: fetch.bare.p50Ms,
      twilio: fetch.twilio.p50Ms
    }),
    compared(`Fetch one track, p99 of ${n(c.fetchN)} sequential (ms)`, 3, {
      effect: fetch.effect.p99Ms,
      bare: fetch.bare.p99Ms,
      twilio: fetch.twilio.p99Ms
    }),
    [
      `Peak RSS listing ${n(c.rssSmall)} tracks (MB)`,
      f(rss.effect.small, 1),
      f(rss.bare.small, 1),
      f(rss.twilio.small, 1),
      "",
      ""
    ],
    [
      `Peak RSS listing ${n(c.rssLarge)} tracks (MB)`,
      f(rss.effect.large, 1),
      f(rss.bare.large, 1),
      f(rss.twilio.large, 1),
      "",
      ""
    ],
    [
      `Peak RSS ratio ${n(c.rssLarge)} / ${n(c.rssSmall)}`,
      ratio(rss.effect.large, rss.effect.small),
      ratio(rss.bare.large, rss.bare.small),
      ratio(rss.twilio.large, rss.twilio.small),
      "",
      ""
    ],
    [
      `Heap in use after a full GC, after ${n(c.rssSmall)} / ${n(c.rssLarge)} tracks (MB)`,
      ...impls.map((i) => `${f(rss[i].heapSmall, 1)} / ${f(rss[i].heapLarge, 1)}`),
      "",
      ""
    ],
    [
      "Minimal app bundle, minified (KB)",
      f(bundle.effect.minified / 1024, 1),
      "",
      f(bundle.twilio.minified / 1024, 1),
      "",
      ratio(bundle.effect.minified, bundle.twilio.minified)
    ],
    [
      "Minimal app bundle, minified + gzip (KB)",
      f(bundle.effect.gzipped / 1024, 1),
      "",
      f(bundle.twilio.gzipped / 1024, 1),
      "",
      ratio(bundle.effect.gzipped, bundle.twilio.gzipped)
    ],
    [
      `Per ${n(decode.itemsPerPage)} tracks: JSON.parse + Schema decode (µs)`,
      f(decode.jsonParseAndDecodeUs, 0),
      f(decode.jsonParseUs, 0),
      "",
      ratio(decode.jsonParseAndDecodeUs, decode.jsonParseUs),
      ""
    ]
  ]
  const targets: Array<ReadonlyArray<string>> = [
    ["Target", "Measured", "Limit", "Result"],
    ["---", "---:", "---:", "---"],
    ...r.targets.map((t) => [t.name, `${t.value.toFixed(2)}×`, `≤ ${t.max}×`, verdict(t)])
  ]
  const md = (rs: Array<ReadonlyArray<string>>) => rs.map((row) => `| ${row.join(" | ")} |`).join("\n")
  return `${md(rows)}\n\n${md(targets)}\n`
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** A horizontal bar per target: the measured ratio, with the limit as a dashed line. */
export const renderSvg = (r: Results): string => {
  const width = 760
  const labelWidth = 290
  const barArea = width - labelWidth - 90
  const rowHeight = 46
  const top = 54
  const height = top + r.targets.length * rowHeight + 40
  const scaleMax = Math.max(...r.targets.flatMap((t) => [t.value, t.max])) * 1.1
  const x = (v: number) => labelWidth + (v / scaleMax) * barArea
  const out: Array<string> = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13">`
  )
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`)
  out.push(
    `<text x="16" y="24" font-size="15" font-weight="600">effect-twilio-video: measured ratio vs target` +
      ` (lower is better)</text>`
  )
  out.push(
    `<text x="16" y="42" fill="#555">${escape(`${r.machine.cpu}, ${r.machine.nproc} cores, node ${r.machine.node}`)}` +
      `${r.smoke ? " (smoke run)" : ""}</text>`
  )
  r.targets.forEach((t, i) => {
    const y = top + i * rowHeight
    const color = t.pass === null ? "#8a8f98" : t.pass ? "#2e8b57" : "#c0392b"
    out.push(`<text x="${labelWidth - 10}" y="${y + 22}" text-anchor="end">${escape(t.name)}</text>`)
    out.push(
      `<rect x="${labelWidth}" y="${y + 8}" width="${(x(t.value) - labelWidth).toFixed(1)}" height="20" ` +
        `fill="${color}" rx="2"/>`
    )
    out.push(
      `<line x1="${x(t.max).toFixed(1)}" x2="${x(t.max).toFixed(1)}" y1="${y + 2}" y2="${y + 34}" ` +
        `stroke="#222" stroke-width="2" stroke-dasharray="4 3"/>`
    )
    const verdictText = t.pass === null ? "" : t.pass ? " pass" : " FAIL"
    out.push(
      `<text x="${(x(Math.max(t.value, t.max)) + 8).toFixed(1)}" y="${y + 22}">` +
        `${t.value.toFixed(2)}× (≤ ${t.max}×)${verdictText}</text>`
    )
  })
  const axisY = top + r.targets.length * rowHeight + 6
  out.push(`<line x1="${labelWidth}" x2="${labelWidth + barArea}" y1="${axisY}" y2="${axisY}" stroke="#999"/>`)
  const step = scaleMax > 4 ? 1 : 0.5
  for (let v = 0; v <= scaleMax; v += step) {
    out.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${axisY}" y2="${axisY + 4}" stroke="#999"/>`)
    out.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 17}" text-anchor="middle" fill="#555">${v}×</text>`)
  }
  out.push(
    `<text x="${width - 16}" y="${height - 8}" text-anchor="end" fill="#555">dashed line: target limit</text>`
  )
  out.push(`</svg>`)
  return out.join("\n") + "\n"
}

const begin = "<!-- bench:results:begin (generated by `npm run bench`; edits here are overwritten) -->"
const end = "<!-- bench:results:end -->"

/** The generated part of docs/performance.md; the rest of the page is kept as written. */
export const renderGenerated = (r: Results): string => {
  const met = r.targets.filter((t) => t.pass === true).length
  return [
    begin,
    "",
    `Run on ${
      r.date.slice(0, 10)
    } with \`${r.command}\` (${r.config.rounds} interleaved rounds after a warm-up round,` +
    ` medians; ${r.durationS.toFixed(0)} s in all).`,
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
  return `# Performance\n\n${generated}\n`
}
