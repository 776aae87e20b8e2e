/**
 * The application of app.ts, run unchanged against the socket emulator: only its configuration
 * differs from production.
 */
import { expect, it } from "@effect/vitest"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Redacted from "effect/Redacted"
import { main } from "./app.js"

const withConfig = (env: Record<string, string>) =>
  Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env })))

it.live("reports each participant's tracks, configured from the environment", () =>
  Effect.gen(function*() {
    const server = yield* EmulatorServer.serve(World.documentation)
    const lines = yield* main.pipe(withConfig({
      TWILIO_ACCOUNT_SID: Emulator.accountSid,
      TWILIO_AUTH_TOKEN: Redacted.value(Emulator.authToken),
      TWILIO_VIDEO_BASE_URL: server.url,
      ROOM: "DailyStandup",
      PARTICIPANTS: "Alice,Moderator,Bob"
    }))
    expect(lines).toEqual([
      "Alice: Camera (video)",
      "Moderator: moderator-audio (audio), moderator-camera (video)",
      "Bob: not in DailyStandup"
    ])
    expect(yield* server.requests).toBe(3)
  }).pipe(Effect.scoped))

it.live("fails with a ConfigError naming a missing credential, before any request", () =>
  Effect.gen(function*() {
    const server = yield* EmulatorServer.serve(World.documentation)
    const exit = yield* Effect.exit(main.pipe(withConfig({
      TWILIO_ACCOUNT_SID: Emulator.accountSid,
      TWILIO_VIDEO_BASE_URL: server.url,
      ROOM: "DailyStandup",
      PARTICIPANTS: "Alice"
    })))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(String(exit)).toContain("TWILIO_AUTH_TOKEN")
    expect(yield* server.requests).toBe(0)
  }).pipe(Effect.scoped))

it.live("with wrong credentials, the application fails with Unauthorized", () =>
  Effect.gen(function*() {
    const server = yield* EmulatorServer.serve(World.documentation)
    const error = yield* Effect.flip(main.pipe(withConfig({
      TWILIO_ACCOUNT_SID: Emulator.accountSid,
      TWILIO_AUTH_TOKEN: "not-the-token",
      TWILIO_VIDEO_BASE_URL: server.url,
      ROOM: "DailyStandup",
      PARTICIPANTS: "Alice"
    })))
    expect(error._tag).toBe("Unauthorized")
  }).pipe(Effect.scoped))
