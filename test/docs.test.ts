/**
 * Every `ts` block of README.md and docs/*.md, checked as the page gives it. The page is the source:
 *
 * - a block fenced as `ts` is a whole program, type-checked on its own, with nothing unused;
 * - `ts file=NAME.ts` is a whole module saved as NAME.ts, so that the page's other blocks can import
 *   it; when NAME ends in `.test.ts` it is a test, and is run;
 * - `ts fragment` is type-checked after the page's context, the block fenced as `ts context` that
 *   the reader sees, with the imports and names the fragments use;
 * - a program followed by a block fenced as `text output` is run, and must print exactly that.
 *
 * Imports name the package as a user does (`effect-twilio-video`, `effect-twilio-video/testing`).
 */
import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { promisify } from "node:util"
import ts from "typescript"

const root = new URL("..", import.meta.url).pathname
const pages = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)]
/** Where the blocks are written: a folder of the repository (git ignores it), so that they resolve its packages. */
const out = join(root, ".docs-check")
const run = promisify(execFile)

interface Block {
  readonly page: string
  /** The line of the block's first line of code in its page. */
  readonly line: number
  readonly kind: "program" | "fragment"
  /** The lines written before the block's own, in its file. */
  readonly prelude: number
  readonly code: string
  /** What the program prints, when the page says. */
  readonly output: string | undefined
  readonly file: string
}

const blocksOf = (page: string): Array<Block> => {
  const text = readFileSync(join(root, page), "utf8")
  const dir = join(out, page.replace(/[/.]/g, "_"))
  const context = /^```ts context\n([\s\S]*?)^```$/m.exec(text)?.[1]
  const fences = [...text.matchAll(/^```(\w*)([^\n]*)\n([\s\S]*?)^```$/gm)]
  const blocks: Array<Block> = []
  fences.forEach((fence, i) => {
    const [, lang, info, code] = fence
    if (lang !== "ts" || info!.trim() === "context") return
    const line = text.slice(0, fence.index).split("\n").length + 1
    const fragment = info!.trim() === "fragment"
    const name = /\bfile=(\S+)/.exec(info!)?.[1] ?? `block_${line}.ts`
    const next = fences[i + 1]
    const between = next === undefined ? "" : text.slice(fence.index! + fence[0].length, next.index)
    const output = next?.[1] === "text" && next[2]!.trim() === "output" && !between.includes("```")
      ? next[3]
      : undefined
    if (fragment && context === undefined) throw new Error(`${page}:${line}: a fragment, and no fragment context`)
    const prelude = fragment ? `${context}\nexport {}\n` : ""
    blocks.push({
      page,
      line,
      kind: fragment ? "fragment" : "program",
      prelude: prelude.split("\n").length - 1,
      code: `${prelude}${code}${fragment ? "" : "export {}\n"}`,
      output,
      file: join(dir, name)
    })
  })
  return blocks
}

const compilerOptions = (unused: boolean): ts.CompilerOptions => {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root)
  return { ...options, noEmit: true, noUnusedLocals: unused, noUnusedParameters: unused, baseUrl: root }
}

/** Type errors of these blocks, each as `page:line: message`. */
const typeErrors = (checked: ReadonlyArray<Block>, unused: boolean): Array<string> => {
  const program = ts.createProgram(checked.map((b) => b.file), compilerOptions(unused))
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")
    const block = checked.find((b) => b.file === diagnostic.file?.fileName)
    if (block === undefined || diagnostic.file === undefined) return message
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
    return `${block.page}:${block.line + line - block.prelude}: ${message}`
  })
}

const blocks = pages.flatMap(blocksOf)

describe("the code blocks of the guides", () => {
  rmSync(out, { recursive: true, force: true })
  for (const block of blocks) {
    mkdirSync(join(block.file, ".."), { recursive: true })
    writeFileSync(block.file, block.code)
  }

  it("are there: the pages have programs, fragments, tests and outputs to check", () => {
    expect(blocks.filter((b) => b.kind === "program").length).toBeGreaterThan(5)
    expect(blocks.filter((b) => b.kind === "fragment").length).toBeGreaterThan(5)
    expect(blocks.filter((b) => b.file.endsWith(".test.ts")).length).toBeGreaterThan(1)
    expect(blocks.filter((b) => b.output !== undefined).length).toBeGreaterThan(1)
  })

  it("every program type-checks on its own, with nothing unused", () => {
    expect(typeErrors(blocks.filter((b) => b.kind === "program"), true)).toEqual([])
  }, 120_000)

  it("every fragment type-checks in its page's context", () => {
    expect(typeErrors(blocks.filter((b) => b.kind === "fragment"), false)).toEqual([])
  }, 120_000)

  for (const block of blocks.filter((b) => b.output !== undefined)) {
    it(`${block.page}:${block.line} prints what the page says`, async () => {
      const { stdout } = await run(join(root, "node_modules", ".bin", "tsx"), [relative(root, block.file)], {
        cwd: root,
        timeout: 60_000
      })
      expect(stdout).toBe(block.output)
    }, 90_000)
  }

  it("every test on a page passes", async () => {
    const tests = blocks.filter((b) => b.file.endsWith(".test.ts")).map((b) => relative(root, b.file))
    // vitest 5 writes its JSON report to a file (by default under .vitest/), not to stdout
    const reportFile = join(out, "report.json")
    const stderr = await run(
      join(root, "node_modules", ".bin", "vitest"),
      [
        "run",
        "--config",
        "test/docs.vitest.config.ts",
        "--reporter",
        "json",
        `--outputFile.json=${reportFile}`,
        ...tests
      ],
      { cwd: root, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }
    ).then(() => "", (error: { readonly stderr?: string }) => error.stderr ?? String(error))
    // failing tests are in the report; no report is vitest's own failure, shown with what it printed
    expect(existsSync(reportFile), stderr).toBe(true)
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
      readonly numTotalTests: number
      readonly testResults: ReadonlyArray<{ readonly name: string; readonly status: string; readonly message: string }>
    }
    expect(report.testResults.map((r) => [relative(root, r.name), r.status, r.message]).sort()).toEqual(
      tests.map((t) => [t, "passed", ""]).sort()
    )
    expect(report.numTotalTests).toBeGreaterThan(tests.length)
  }, 150_000)
})
