import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { client, wirePage, wireTrack } from "./support/fakeHttp.js"
import { constantFrom, integer, oneOf, string } from "./support/generators.js"

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const sendable = (name: string) => name !== "" && name !== "." && name !== ".." && !loneSurrogate.test(name)

/** Up to `maxLength` code points of any value, lone surrogates among them (fast-check's `binary` unit). */
const codePoints = (maxLength: number): Arbitrary.Arbitrary<string> =>
  Arbitrary.array(integer(0, 0x10ffff), { maxLength }).pipe(
    Arbitrary.map((points) => points.map((point) => String.fromCodePoint(point)).join(""))
  )

const names = oneOf(
  string(0, 30),
  codePoints(30),
  constantFrom(".", "..", "/", "?", "#", "%", "%2e%2e", "a/../b", "?x=1#y", "%zz", " ", "\u0000"),
  Arbitrary.array(constantFrom("/", "?", "#", "%", ".", "..", "é", "🎥", " "), { maxLength: 20 }).pipe(
    Arbitrary.map((a) => a.join(""))
  ),
  string(500, 3000)
)

describe("fuzzing names", () => {
  it.live.prop(
    "the emulator receives exactly the name, or the client refuses it with InvalidArgument before any request",
    [names, names, names],
    ([room, participant, track]) =>
      Effect.gen(function*() {
        const all = [room, participant, track]
        if (all.every(sendable)) {
          const world = World.make(World.room(room, World.participant(participant, World.track(track))))
          const exit = yield* Effect.exit(
            PublishedTracks.fetch({ room, participant, track }).pipe(Effect.provide(TestTwilioVideo.layer(world)))
          )
          expect(Exit.isSuccess(exit) && exit.value.name).toBe(track)
        } else {
          const { layer, requests } = client(() => new Response("{}"))
          const exit = yield* Effect.exit(
            PublishedTracks.fetch({ room, participant, track }).pipe(Effect.provide(layer))
          )
          expect(Exit.isFailure(exit) && Cause.squash(exit.cause)).toMatchObject({ _tag: "InvalidArgument" })
          expect(requests).toHaveLength(0)
        }
      }),
    { arbitrary: { runs: 300 } }
  )
})

const goodPage = JSON.stringify(wirePage([wireTrack(1), wireTrack(2)], "https://video.twilio.com/v1/x", null))

const anything = Arbitrary.schema(Schema.Unknown)
const bodies = oneOf(
  Arbitrary.schema(Schema.Json).pipe(Arbitrary.map((value) => JSON.stringify(value))),
  anything.pipe(Arbitrary.map((value) => JSON.stringify(value) ?? "null")),
  Arbitrary.schema(Schema.String),
  integer(0, goodPage.length).pipe(Arbitrary.map((n) => goodPage.slice(0, n))),
  integer(1, 20_000).pipe(Arbitrary.map((depth) => "[".repeat(depth) + "]".repeat(depth))),
  integer(1, 20_000).pipe(Arbitrary.map((depth) => "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))),
  Arbitrary.Constant(JSON.stringify({ ...wireTrack(1), name: "x".repeat(5_000_000) })),
  Arbitrary.all({ published_tracks: anything, meta: anything }).pipe(Arbitrary.map((v) => JSON.stringify(v)))
)
const contentTypes = constantFrom("application/json", "text/html", "text/plain", "", "application/xml")

const expectedTags = new Set([
  "DecodeError",
  "ApiError",
  "NotFound",
  "Unauthorized",
  "Forbidden",
  "RateLimited",
  "TransportError",
  "PageLoop",
  "UnsafeNextPage"
])

describe("fuzzing response bodies", () => {
  it.live.prop(
    "every body gives a value or a typed error: never a defect, never a hang",
    [bodies, contentTypes, constantFrom(200, 200, 200, 404, 429, 500)],
    ([body, type, status]) =>
      Effect.gen(function*() {
        const { layer } = client(() => new Response(body, { status, headers: type ? { "content-type": type } : {} }))
        const operations = [
          PublishedTracks.fetch({ room: "r", participant: "p", track: "t" }),
          Stream.runDrain(PublishedTracks.list({ room: "r", participant: "p", limit: 10 }))
        ]
        for (const operation of operations) {
          const exit = yield* Effect.exit(
            operation.pipe(
              Effect.provide(layer),
              Effect.timeoutOrElse({ duration: "5 seconds", orElse: () => Effect.fail("hang") })
            )
          )
          if (Exit.isFailure(exit)) {
            expect(Cause.hasDies(exit.cause)).toBe(false)
            const error = Cause.squash(exit.cause) as { _tag?: string }
            expect(expectedTags.has(error._tag ?? String(error))).toBe(true)
          }
        }
      }),
    { arbitrary: { runs: 200 } }
  )
})

describe("found by fuzzing", () => {
  it.effect("a 200 body nested 10,000 deep is a DecodeError, not a stack overflow", () => {
    const body = "[".repeat(10_000) + "]".repeat(10_000)
    const { layer } = client(() => new Response(body))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch({ room: "r", participant: "p", track: "t" }))
      // Effect 4 renders the refused value without overflowing the stack: the issue is the schema's, cut short
      expect(error).toMatchObject({
        _tag: "DecodeError",
        field: "",
        issue: expect.stringMatching(/^Expected object, got \[{279}… \(\d+ more characters cut\)$/)
      })
    }).pipe(Effect.provide(layer))
  })

  it.effect("a huge value outside the schema gives a DecodeError with a short issue", () => {
    const { layer } = client(() => new Response(JSON.stringify(wireTrack(1, { kind: "k".repeat(1_000_000) }))))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch({ room: "r", participant: "p", track: "t" }))
      expect(error._tag === "DecodeError" && error.field).toBe("kind")
      expect(error.message.length).toBeLessThan(1000)
    }).pipe(Effect.provide(layer))
  })
})
