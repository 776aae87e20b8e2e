/**
 * Summarises the `.cpuprofile` files in a directory (the newest one, or the one named): self time
 * by function and by package, largest first.
 *
 *   npx tsx bench/cpuprofile-summary.ts bench/out/prof [top]
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const target = process.argv[2] ?? "bench/out/prof"
const top = Number(process.argv[3] ?? "30")
const file = statSync(target).isDirectory()
  ? readdirSync(target).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(target, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : target
if (file === undefined) throw new Error(`no .cpuprofile in ${target}`)
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map<number, number>()
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
const total = [...self.values()].reduce((a, b) => a + b, 0)

const packageOf = (url: string): string => {
  if (url === "") return "(native/vm)"
  const nm = url.lastIndexOf("node_modules/")
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/")
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  if (url.startsWith("node:")) return "node:internal"
  if (url.includes("/src/")) return "effect-twilio-video (src)"
  if (url.includes("/bench/")) return "bench"
  return url
}
const fileOf = (url: string): string => {
  const nm = url.lastIndexOf("node_modules/")
  return nm >= 0 ? url.slice(nm + "node_modules/".length) : url.replace(/^file:\/\/.*?\/(src|bench)\//, "$1/")
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
const fns = new Map<string, number>()
const pkgs = new Map<string, number>()
const files = new Map<string, number>()
for (const [id, us] of self) {
  const { functionName, lineNumber, url } = byId.get(id)!.callFrame
  add(fns, `${functionName || "(anonymous)"} ${fileOf(url)}:${lineNumber + 1}`, us)
  add(pkgs, packageOf(url), us)
  add(files, fileOf(url) || "(native/vm)", us)
}
const print = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title}`)
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
  }
}
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`)
print("self time by package", pkgs, 12)
print("self time by file", files, 20)
print("self time by function", fns, top)
