/**
 * `effect-twilio-video-emulator`, spawned as a user runs it, and an application run against it with
 * nothing but the environment it prints. What the application prints is read from docs/testing.md,
 * which shows it.
 */
import { describe, expect, it } from "@effect/vitest"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer as createHttpServer } from "node:http"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import twilio from "twilio"

const root = new URL("..", import.meta.url).pathname
const tsx = join(root, "node_modules", ".bin", "tsx")
const cli = join(root, "src", "testing", "cli.ts")

/** The emulator, started: its process, what it printed, and the environment it says an app needs. */
const start = (...args: Array<string>) =>
  new Promise<{ child: ChildProcess; printed: string; env: Record<string, string> }>((resolve, reject) => {
    const child = spawn(tsx, [cli, ...args], { cwd: root })
    let printed = ""
    child.stdout.on("data", (chunk: Buffer) => {
      printed += chunk.toString()
      if (printed.includes("Stop it with Ctrl-C.")) {
        const env = Object.fromEntries([...printed.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
        resolve({ child, printed, env })
      }
    })
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code} before it was ready: ${printed}`)))
  })

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code))
    child.kill("SIGTERM")
  })

/** Runs the command line and gives its exit code and what it wrote. */
const exitOf = (...args: Array<string>) =>
  promisify(execFile)(tsx, [cli, ...args], { cwd: root }).then(
    ({ stderr, stdout }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error
  )

/** The shell session of docs/testing.md that runs an app against the emulator: its command and output. */
const session = (() => {
  const page = readFileSync(join(root, "docs", "testing.md"), "utf8")
  const block = [...page.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).find((b) => b.includes("app.ts"))!
  const [command, ...rest] = block.trim().split("\n")
  return {
    env: Object.fromEntries([...command!.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
    output: rest.map((line) => line.replace(/^# /, "")).join("\n") + "\n"
  }
})()

describe.concurrent("effect-twilio-video-emulator", () => {
  it("prints its URL and the environment an app needs, and the app of docs/testing.md runs with it", async () => {
    const { child, env, printed } = await start("--port", "0")
    try {
      expect(printed).toMatch(/^Twilio Video emulator listening at http:\/\/127\.0\.0\.1:\d+\n/)
      expect(Object.keys(env)).toEqual([
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_API_KEY",
        "TWILIO_API_SECRET",
        "TWILIO_VIDEO_BASE_URL"
      ])
      const { stdout } = await promisify(execFile)(tsx, ["docs/examples/app.ts"], {
        cwd: root,
        env: { ...process.env, ...env, ...session.env }
      })
      expect(stdout).toBe(session.output)
    } finally {
      expect(await stop(child)).toBe(0)
    }
  }, 60_000)

  it("serves a world read from JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "etv-world-"))
    const file = join(dir, "world.json")
    writeFileSync(
      file,
      JSON.stringify({
        rooms: [{
          uniqueName: "Standup",
          participants: [{ identity: "ana", tracks: [{ name: "mic" }, { name: "screen", kind: "video" }] }]
        }]
      })
    )
    const { child, env } = await start("--world", file)
    try {
      const { stdout } = await promisify(execFile)(tsx, ["docs/examples/app.ts"], {
        cwd: root,
        env: { ...process.env, ...env, ROOM: "Standup", PARTICIPANTS: "ana" }
      })
      expect(stdout).toBe("ana: mic (audio), screen (video)\n")
    } finally {
      await stop(child)
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it("sends a room's status callbacks, signed as twilio-node's own check expects", async () => {
    const received: Array<{ url: string; signature: string; form: Record<string, string> }> = []
    const hook = createHttpServer((req, res) => {
      let body = ""
      req.on("data", (chunk: Buffer) => (body += chunk.toString()))
      req.on("end", () => {
        received.push({
          url: `http://${req.headers.host}${req.url}`,
          signature: String(req.headers["x-twilio-signature"]),
          form: Object.fromEntries(new URLSearchParams(body))
        })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve))
    const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hooks`
    const { child, env } = await start("--port", "0")
    try {
      const created = await fetch(`${env["TWILIO_VIDEO_BASE_URL"]}/v1/Rooms`, {
        method: "POST",
        headers: {
          authorization: `Basic ${btoa(`${env["TWILIO_ACCOUNT_SID"]}:${env["TWILIO_AUTH_TOKEN"]}`)}`,
          "content-type": "application/x-www-form-urlencoded"
        },
        body: new URLSearchParams({ UniqueName: "Hooked", StatusCallback: hookUrl })
      })
      expect(created.status).toBe(201)
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50))
      expect(received).toHaveLength(1)
      const [callback] = received
      expect(callback!.form).toMatchObject({
        StatusCallbackEvent: "room-created",
        RoomName: "Hooked",
        SequenceNumber: "0"
      })
      expect(twilio.validateRequest(env["TWILIO_AUTH_TOKEN"]!, callback!.signature, callback!.url, callback!.form))
        .toBe(true)
      expect(twilio.validateRequest("another-token", callback!.signature, callback!.url, callback!.form)).toBe(false)
    } finally {
      await stop(child)
      hook.close()
    }
  }, 60_000)

  const bad: ReadonlyArray<[string, string, RegExp]> = [
    ["not JSON", "{ rooms", /world\.json is not a world: the file: /],
    [
      "the wrong shape",
      JSON.stringify({ rooms: [{ uniqueName: 7 }] }),
      /rooms\.0\.uniqueName: Expected string, actual 7/
    ],
    [
      "a bad kind",
      JSON.stringify({
        rooms: [{ uniqueName: "R", participants: [{ identity: "a", tracks: [{ name: "x", kind: "screen" }] }] }]
      }),
      /rooms\.0\.participants\.0\.tracks\.0\.kind: Expected "audio", actual "screen"/
    ],
    [
      "a bad SID",
      JSON.stringify({ rooms: [{ uniqueName: "R", sid: "RM1" }] }),
      /rooms\.0\.sid: Expected "RM" followed by/
    ]
  ]
  for (const [what, content, message] of bad) {
    it(`a world file with ${what} is a clear message and exit code 2, no stack trace`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "etv-world-"))
      writeFileSync(join(dir, "world.json"), content)
      const { code, stderr } = await exitOf("--world", join(dir, "world.json"))
      rmSync(dir, { recursive: true, force: true })
      expect(code).toBe(2)
      expect(stderr).toMatch(message)
      expect(stderr).not.toMatch(/^\s+at /m)
    }, 30_000)
  }

  it("a world file nested 100,000 deep is one line and exit code 2, no stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "etv-world-"))
    writeFileSync(join(dir, "world.json"), `{"rooms":${"[".repeat(100_000)}${"]".repeat(100_000)}}`)
    const { code, stderr } = await exitOf("--world", join(dir, "world.json"))
    rmSync(dir, { recursive: true, force: true })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^the world file \S+world\.json is not a world: the file: nested deeper than 64 levels\n$/)
  }, 30_000)

  for (
    const [what, args, message] of [
      ["a missing file", ["--world", "/no/such/world.json"], /cannot read the world file/],
      ["a port that is not a number", ["--port", "eighty"], /--port must be a number/],
      ["an option it does not know", ["--verbose", "yes"], /unknown option --verbose/],
      ["an option without its value", ["--port"], /--port needs a value/]
    ] as const
  ) {
    it(`${what} is a clear message and exit code 2`, async () => {
      const { code, stderr } = await exitOf(...args)
      expect(code).toBe(2)
      expect(stderr).toMatch(message)
      expect(stderr).not.toMatch(/^\s+at /m)
    }, 30_000)
  }

  it("a port in use is a message and exit code 1", async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
    const { port } = taken.address() as { port: number }
    const { code, stderr } = await exitOf("--port", String(port))
    taken.close()
    expect(code).toBe(1)
    expect(stderr).toMatch(/the emulator stopped: .*EADDRINUSE/)
  }, 30_000)
})
