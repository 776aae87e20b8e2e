/**
 * The webhook of webhook.ts on a real socket, configured with the emulator's auth token as it would
 * be with an account's, and the socket emulator sending it the callbacks of a room's day.
 */
import { NodeHttpServer } from "@effect/platform-node"
import { expect, it } from "@effect/vitest"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpServer from "effect/http/HttpServer"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { createServer } from "node:http"
import { WebhookServer } from "./webhook.js"

/** The webhook on a free port, with the emulator's auth token in its environment; its base URL. */
const webhook = Effect.map(
  Layer.build(
    WebhookServer.pipe(
      Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
      Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({
        env: { TWILIO_AUTH_TOKEN: Redacted.value(Emulator.authToken) }
      })))
    )
  ),
  (context) => HttpServer.formatAddress(Context.get(context, HttpServer.HttpServer).address)
)

/** The roster, once it equals `expected` (callbacks arrive a moment after each change). */
const rosterOf = (base: string, expected: unknown) =>
  HttpClient.get(`${base}/roster`).pipe(
    Effect.flatMap((response) => response.json),
    Effect.repeat({
      until: (roster) => JSON.stringify(roster) === JSON.stringify(expected),
      schedule: Schedule.spaced("20 millis")
    }),
    Effect.timeout("5 seconds"),
    Effect.provide(FetchHttpClient.layer)
  )

it.live("keeps a live roster from the emulator's signed callbacks", () =>
  Effect.gen(function*() {
    const base = yield* webhook
    const emulator = yield* EmulatorServer.serve(
      World.make(World.room({ uniqueName: "DailyStandup", statusCallback: `${base}/twilio/rooms` }))
    )
    const { control } = emulator
    yield* control.connect("DailyStandup", "alice")
    yield* control.connect("DailyStandup", "bob")
    expect(yield* rosterOf(base, { DailyStandup: ["alice", "bob"] })).toEqual({ DailyStandup: ["alice", "bob"] })
    yield* control.disconnect("DailyStandup", "alice")
    expect(yield* rosterOf(base, { DailyStandup: ["bob"] })).toEqual({ DailyStandup: ["bob"] })
    yield* control.complete("DailyStandup")
    expect(yield* rosterOf(base, {})).toEqual({})
    // every callback was accepted: signed as Twilio signs, decoded, recorded
    const deliveries = yield* Effect.repeat(emulator.callbacks, { until: (all) => all.length === 5 })
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([
      ["participant-connected", 204],
      ["participant-connected", 204],
      ["participant-disconnected", 204],
      ["participant-disconnected", 204],
      ["room-ended", 204]
    ])
  }).pipe(Effect.scoped))

it.live("refuses a callback without Twilio's signature, and runs nothing", () =>
  Effect.gen(function*() {
    const base = yield* webhook
    const response = yield* HttpClient.post(`${base}/twilio/rooms`).pipe(
      Effect.provide(FetchHttpClient.layer)
    )
    expect(response.status).toBe(403)
    expect(yield* rosterOf(base, {})).toEqual({})
  }).pipe(Effect.scoped))
