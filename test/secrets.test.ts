import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, PublishedTracks, TwilioCredentials } from "effect-twilio-video"
import type { TwilioVideoError } from "effect-twilio-video"
import * as Cause from "effect/Cause"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { json, recording, wirePage, wireTrack } from "./support/fakeHttp.js"
import type { Responder } from "./support/fakeHttp.js"
import { recordingTracer } from "./support/tracer.js"

const apiKey = "SKfedcba9876543210fedcba9876543210"
const secret = "api-secret-never-to-be-seen"
const basic = Buffer.from(`${apiKey}:${secret}`).toString("base64")

const build = (respond: Responder) => {
  const fake = recording(respond)
  return PublishedTracks.layer.pipe(Layer.provide(Layer.mergeAll(
    TwilioCredentials.layer({
      accountSid: "AC0123456789abcdef0123456789abcdef",
      apiKeySid: apiKey,
      apiKeySecret: Redacted.make(secret)
    }),
    fake.http,
    ClientConfig.layer({ retry: false, timeout: "50 millis" })
  )))
}

const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }
const status = (code: number) => () => json({ code: 20000, message: "nope", more_info: "", status: code }, code)
const fetchWith = (respond: Responder) => PublishedTracks.fetch(camera).pipe(Effect.provide(build(respond)))
const listWith = (respond: Responder) =>
  Stream.runDrain(PublishedTracks.list({ room: "r", participant: "p" })).pipe(Effect.provide(build(respond)))

const cases: ReadonlyArray<[string, Effect.Effect<unknown, TwilioVideoError | Config.ConfigError>]> = [
  ["NotFound", fetchWith(status(404))],
  ["Unauthorized", fetchWith(status(401))],
  ["Forbidden", fetchWith(status(403))],
  ["RateLimited", fetchWith(status(429))],
  ["ApiError", fetchWith(status(500))],
  ["DecodeError", fetchWith(() => json({ sid: secret }))],
  [
    "TransportError",
    fetchWith(() => {
      throw new TypeError(`connect ECONNREFUSED`)
    })
  ],
  ["Timeout", fetchWith(() => Effect.never)],
  ["InvalidArgument", PublishedTracks.fetch({ ...camera, track: ".." }).pipe(Effect.provide(build(status(200))))],
  [
    "UnsafeNextPage",
    listWith((url) => json(wirePage([wireTrack(1)], url.href, `https://${apiKey}:${secret}@evil.example/v1`)))
  ],
  ["PageLoop", listWith((url) => json(wirePage([wireTrack(1)], url.href, url.href)))]
]

describe("no credential in any rendering of any error", () => {
  for (const [tag, program] of cases) {
    it.live(tag, () =>
      Effect.gen(function*() {
        const logs: Array<string> = []
        const logger = Logger.make((options) =>
          logs.push(Logger.formatLogFmt.log(options), Logger.formatJson.log(options))
        )
        const { spans, tracer } = recordingTracer()
        const exit = yield* program.pipe(
          Effect.tapCause((cause) => Effect.logError("failed", cause)),
          Effect.withSpan("caller"),
          Effect.withTracer(tracer),
          Effect.provide(Logger.layer([logger])),
          Effect.withLogSpan("test"),
          Effect.exit
        )
        expect(exit._tag).toBe("Failure")
        if (exit._tag !== "Failure") return
        const error = Cause.squash(exit.cause) as TwilioVideoError
        expect(error._tag).toBe(tag)
        const renderings = [
          String(error),
          JSON.stringify(error),
          error.message,
          error.stack ?? "",
          Cause.pretty(exit.cause),
          ...logs,
          JSON.stringify(spans.map((s) => [s.name, [...s.attributes], s.events]))
        ]
        expect(logs.length).toBeGreaterThan(0)
        expect(spans.some((s) => s.name.startsWith("http.client") || s.name.startsWith("PublishedTracks"))).toBe(true)
        for (const text of renderings) {
          expect(text).not.toContain(secret)
          expect(text).not.toContain(basic)
        }
      }))
  }

  it.effect("no span of a request carries the Authorization header", () => {
    const { spans, tracer } = recordingTracer()
    return PublishedTracks.fetch(camera).pipe(
      Effect.provide(build(() => json(wireTrack(1)))),
      Effect.withTracer(tracer),
      Effect.tap(() =>
        Effect.sync(() => {
          expect(spans.length).toBeGreaterThan(0)
          expect(JSON.stringify(spans.map((s) => [s.name, [...s.attributes], s.events]))).not.toContain(basic)
        })
      )
    )
  })
})
