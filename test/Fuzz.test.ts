import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Stream from "effect/Stream"
import { client, wirePage, wireTrack } from "./support/fakeHttp.js"

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const sendable = (name: string) => name !== "" && name !== "." && name !== ".." && !loneSurrogate.test(name)

const names = FastCheck.oneof(
  FastCheck.string({ unit: "grapheme", maxLength: 30 }),
  FastCheck.string({ unit: "binary", maxLength: 30 }),
  FastCheck.constantFrom(".", "..", "/", "?", "#", "%", "%2e%2e", "a/../b", "?x=1#y", "%zz", " ", "\u0000"),
  FastCheck.array(FastCheck.constantFrom("/", "?", "#", "%", ".", "..", "é", "🎥", " "), { maxLength: 20 }).map((a) =>
    a.join("")
  ),
  FastCheck.string({ minLength: 500, maxLength: 3000 })
)

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromiseExit(effect)

describe("fuzzing names", () => {
  it("the emulator receives exactly the name, or the client refuses it with InvalidArgument before any request", async () => {
    await FastCheck.assert(
      FastCheck.asyncProperty(names, names, names, async (room, participant, track) => {
        const all = [room, participant, track]
        if (all.every(sendable)) {
          const world = World.make(World.room(room, World.participant(participant, World.track(track))))
          const exit = await run(
            PublishedTracks.fetch({ room, participant, track }).pipe(Effect.provide(TestTwilioVideo.layer(world)))
          )
          expect(Exit.isSuccess(exit) && exit.value.name).toBe(track)
        } else {
          const { layer, requests } = client(() => new Response("{}"))
          const exit = await run(PublishedTracks.fetch({ room, participant, track }).pipe(Effect.provide(layer)))
          expect(Exit.isFailure(exit) && Cause.squash(exit.cause)).toMatchObject({ _tag: "InvalidArgument" })
          expect(requests).toHaveLength(0)
        }
      }),
      { numRuns: 300 }
    )
  })
})

const goodPage = JSON.stringify(wirePage([wireTrack(1), wireTrack(2)], "https://video.twilio.com/v1/x", null))

const bodies = FastCheck.oneof(
  FastCheck.json(),
  FastCheck.anything().map((value) => JSON.stringify(value) ?? "null"),
  FastCheck.string(),
  FastCheck.integer({ min: 0, max: goodPage.length }).map((n) => goodPage.slice(0, n)),
  FastCheck.integer({ min: 1, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  FastCheck.integer({ min: 1, max: 20_000 }).map((depth) => "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
  FastCheck.constant(JSON.stringify({ ...wireTrack(1), name: "x".repeat(5_000_000) })),
  FastCheck.record({ published_tracks: FastCheck.anything(), meta: FastCheck.anything() }).map((v) => JSON.stringify(v))
)
const contentTypes = FastCheck.constantFrom("application/json", "text/html", "text/plain", "", "application/xml")

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
  it("every body gives a value or a typed error: never a defect, never a hang", async () => {
    await FastCheck.assert(
      FastCheck.asyncProperty(
        bodies,
        contentTypes,
        FastCheck.constantFrom(200, 200, 200, 404, 429, 500),
        async (body, type, status) => {
          const { layer } = client(() => new Response(body, { status, headers: type ? { "content-type": type } : {} }))
          const operations = [
            PublishedTracks.fetch({ room: "r", participant: "p", track: "t" }),
            Stream.runDrain(PublishedTracks.list({ room: "r", participant: "p", limit: 10 }))
          ]
          for (const operation of operations) {
            const exit = await run(
              operation.pipe(
                Effect.provide(layer),
                Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => "hang" })
              )
            )
            if (Exit.isFailure(exit)) {
              expect(Cause.isDie(exit.cause)).toBe(false)
              const error = Cause.squash(exit.cause) as { _tag?: string }
              expect(expectedTags.has(error._tag ?? String(error))).toBe(true)
            }
          }
        }
      ),
      { numRuns: 200 }
    )
  })
})

describe("found by fuzzing", () => {
  it.effect("a 200 body nested 10,000 deep is a DecodeError, not a stack overflow", () => {
    const { layer } = client(() => new Response("[".repeat(10_000) + "]".repeat(10_000)))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch({ room: "r", participant: "p", track: "t" }))
      expect(error).toMatchObject({ _tag: "DecodeError", field: "", issue: "the body is not in the documented shape" })
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
