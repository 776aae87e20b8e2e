import { describe, expect, it } from "@effect/vitest"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

const root = fileURLToPath(new URL("../..", import.meta.url))

describe("npm start", () => {
  it("runs the demo against the socket emulator and exits 0", async () => {
    const env = { ...process.env }
    delete env["TWILIO_ACCOUNT_SID"]
    const { stdout } = await promisify(execFile)("node", ["--import", "tsx", "docs/examples/demo.ts"], {
      cwd: root,
      env,
      timeout: 60_000
    })
    expect(stdout).toMatch(/emulator listening at http:\/\/127\.0\.0\.1:\d+/)
    expect(stdout).toMatch(/moderator-audio\s+audio\s+true\s+MT[0-9a-f]{32}/)
    expect(stdout).toMatch(/moderator-camera\s+video\s+true\s+MT[0-9a-f]{32}/)
    expect(stdout).toMatch(/Fetched Alice's "Camera": a video track, MT[0-9a-f]{32}/)
    expect(stdout).toContain("NotFound handled: Twilio code 20404")
  })
})

describe("npm start against an API given by the environment", () => {
  it.live("reads credentials and the base URL from the environment (here: the emulator standing in for Twilio)", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.serve(World.documentation)
      const env = {
        ...process.env,
        TWILIO_ACCOUNT_SID: Emulator.accountSid,
        TWILIO_AUTH_TOKEN: Redacted.value(Emulator.authToken),
        TWILIO_VIDEO_BASE_URL: server.url
      }
      const { stdout } = yield* Effect.promise(() =>
        promisify(execFile)("node", ["--import", "tsx", "docs/examples/demo.ts", "DailyStandup", "Moderator"], {
          cwd: root,
          env,
          timeout: 60_000
        })
      )
      expect(stdout).not.toContain("emulator listening")
      expect(stdout).toMatch(/Tracks published by Moderator in DailyStandup/)
      expect(stdout).toMatch(/Fetched Moderator's "moderator-audio": a audio track/)
      expect(stdout).toContain("NotFound handled: Twilio code 20404")
      expect(yield* server.requests).toBe(3)
    }).pipe(Effect.scoped))
})
