import { describe, expect, it } from "@effect/vitest"
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
