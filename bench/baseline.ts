/**
 * The previous release, 0.2.1 (on Effect 3), as one more client of the full bench. Its commit is
 * extracted into a folder of the temporary directory, installed from its own lock file and built,
 * once per commit (the folder is kept: a second run reuses it). Everything of it the bench runs is
 * bundled or run from inside that folder, so that node resolves `effect` 3 and `@effect/platform`
 * from its own `node_modules`, and `effect-twilio-video` is its `dist/`, imported by file URL.
 */
import { build } from "esbuild"
import type { Plugin } from "esbuild"
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

/** main's last commit before the port to Effect 4, tagged v0.2.1 (by hash: a clone may have no tags). */
export const baselineCommit = "ea2fd30cd0173159cc0f9a11aaa567f18ea26779"
export const baselineDir = join(tmpdir(), `effect-twilio-video-0.2.1-${baselineCommit}`)
/** A file of the folder, as the bench runs it: its own bench/ files are 0.2.1's (`bench/cold/effect.mjs`, ...). */
export const inBaseline = (file: string) => join(baselineDir, file)

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const log = (message: string) => process.stderr.write(`${message}\n`)
const ready = inBaseline(".bench-ready")

/** Extracts, installs and builds 0.2.1, unless a previous run left it built. */
export const ensureBaseline = (): void => {
  if (existsSync(ready)) return
  log(`building 0.2.1 (${baselineCommit.slice(0, 7)}) in ${baselineDir}`)
  rmSync(baselineDir, { recursive: true, force: true })
  mkdirSync(baselineDir, { recursive: true })
  const tar = inBaseline("source.tar")
  try {
    execFileSync("git", ["archive", `--output=${tar}`, baselineCommit], { cwd: here(".."), stdio: "inherit" })
  } catch (cause) {
    throw new Error(`0.2.1's commit is not in this clone (a shallow one?): git fetch origin ${baselineCommit}`, {
      cause
    })
  }
  execFileSync("tar", ["-xf", tar], { cwd: baselineDir, stdio: "inherit" })
  rmSync(tar)
  // npm's output goes to stderr: stdout carries the bench's table
  const npm = (args: ReadonlyArray<string>) =>
    execFileSync("npm", args, { cwd: baselineDir, stdio: ["ignore", process.stderr, process.stderr] })
  npm(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
  npm(["run", "--silent", "build"])
  writeFileSync(ready, `${baselineCommit}\n`)
}

/** `effect-twilio-video` is 0.2.1's dist/, left to node, by file URL (so that no tsconfig path reaches src/). */
const baselineDist: Plugin = {
  name: "baseline-dist",
  setup: (b) => {
    b.onResolve({ filter: /^effect-twilio-video$/ }, () => ({
      path: pathToFileURL(inBaseline("dist/index.js")).href,
      external: true
    }))
  }
}

/**
 * Bundles `contents` (an entry in bench/: its relative imports are the port's bench files) into
 * `outfile` inside the folder (built first if need be), with every package left to node: they
 * resolve from there.
 */
export const bundleInBaseline = async (contents: string, outfile: string): Promise<string> => {
  ensureBaseline()
  const out = inBaseline(outfile)
  await build({
    stdin: { contents, resolveDir: here("."), loader: "ts" },
    bundle: true,
    packages: "external",
    plugins: [baselineDist],
    platform: "node",
    target: "node20",
    format: "esm",
    outfile: out,
    logLevel: "error"
  })
  return out
}
