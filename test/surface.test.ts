/**
 * The public surface, checked from the sources: what is documented as public is exported, and the
 * wire form is declared in one place.
 */
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import ts from "typescript"
import { model as Participant } from "../src/Participant.js"
import { model as PublishedTrack } from "../src/PublishedTrack.js"
import { model as Room } from "../src/Room.js"
import { model as SubscribedTrack } from "../src/SubscribedTrack.js"

const root = new URL("..", import.meta.url).pathname
const src = join(root, "src")
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  readonly exports: Record<string, { readonly import: string }>
  readonly bin: Record<string, string>
}
/** The package's entry points (its exports and its command), as sources. */
const entries = [...Object.values(pkg.exports).map((e) => e.import), ...Object.values(pkg.bin)].map((path) =>
  join(root, path.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"))
)

const sourceFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []
  )

describe("the public surface", () => {
  it("every symbol documented with @since is exported from an entry point, or lives under internal/", () => {
    expect(entries.map((e) => relative(root, e))).toEqual([
      "src/index.ts",
      "src/testing/index.ts",
      "src/testing/cli.ts"
    ])
    const program = ts.createProgram(entries, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true
    })
    const checker = program.getTypeChecker()
    const reachable = new Set<ts.Declaration>()
    const visit = (module: ts.Symbol) => {
      for (const exported of checker.getExportsOfModule(module)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
        for (const declaration of symbol.declarations ?? []) {
          if (reachable.has(declaration)) continue
          reachable.add(declaration)
          if (ts.isSourceFile(declaration)) visit(symbol)
        }
      }
    }
    for (const entry of entries) visit(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!)

    const unexported: Array<string> = []
    for (const file of sourceFiles(src)) {
      if (file.split("/").includes("internal")) continue
      const sourceFile = program.getSourceFile(file)
      if (sourceFile === undefined) {
        unexported.push(`${relative(root, file)}: not reachable from an entry point`)
        continue
      }
      const module = checker.getSymbolAtLocation(sourceFile)
      if (module === undefined) continue
      for (const symbol of checker.getExportsOfModule(module)) {
        const documented = symbol.getJsDocTags().some((tag) => tag.name === "since")
        const declarations = symbol.declarations ?? []
        if (documented && !declarations.some((d) => reachable.has(d))) {
          unexported.push(`${relative(root, file)}: ${symbol.name}`)
        }
      }
    }
    expect(unexported).toEqual([])
  })

  it("each resource's wire field names are written only where its wire form is declared", () => {
    const code = (file: string) =>
      readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "")
    const models = {
      "src/PublishedTrack.ts": PublishedTrack,
      "src/SubscribedTrack.ts": SubscribedTrack,
      "src/Room.ts": Room,
      "src/Participant.ts": Participant
    }
    const wireKeys = Object.values(models).flatMap((m) => Object.keys(m.wire.fields).filter((key) => key.includes("_")))
    expect(wireKeys.length).toBeGreaterThan(20)
    const files = sourceFiles(src).filter((file) => wireKeys.some((key) => new RegExp(`\\b${key}\\b`).test(code(file))))
    expect(files.map((file) => relative(root, file)).sort()).toEqual(Object.keys(models).sort())
  })
})
