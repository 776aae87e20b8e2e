/**
 * How a downstream project tests its own code with the kit (see docs/testing.md).
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { ClientConfig } from "effect-twilio-video"
import { TestPublishedTracks, World } from "effect-twilio-video/testing"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { isPresenting, summarize } from "./trackSummary.js"

const standup = World.make(
  World.room(
    "Standup",
    World.participant(
      "ana",
      World.track("mic", { kind: "audio" }),
      World.track("camera", { kind: "video", enabled: false }),
      World.track("screen", { kind: "video" })
    ),
    World.participant("ben", World.track("mic", { kind: "audio" }))
  )
)

describe("with the test layer", () => {
  it.effect("summarizes a participant's tracks", () =>
    Effect.gen(function*() {
      expect(yield* summarize("Standup", "ana")).toEqual({ audio: 1, video: 2, data: 0, disabled: 1 })
    }).pipe(Effect.provide(TestPublishedTracks.layer(standup))))

  it.effect("sees a screen share start mid-test", () =>
    Effect.gen(function*() {
      expect(yield* isPresenting("Standup", "ben")).toBe(false)
      const world = yield* World.WorldControl
      yield* world.publish("Standup", "ben", World.track("screen", { kind: "video" }))
      expect(yield* isPresenting("Standup", "ben")).toBe(true)
    }).pipe(Effect.provide(TestPublishedTracks.layer(standup))))

  it.effect("lets Unauthorized through to the caller", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(isPresenting("Standup", "ana"))
      expect(error._tag).toBe("Unauthorized")
    }).pipe(Effect.provide(TestPublishedTracks.layer(standup, { rejectCredentials: true }))))
})

// One layer for the whole block: the tests share its world, so they only read it.
layer(TestPublishedTracks.layer(standup))("one layer for a block of tests", (it) => {
  it.effect("summarizes a participant's tracks", () =>
    Effect.gen(function*() {
      expect(yield* summarize("Standup", "ben")).toEqual({ audio: 1, video: 0, data: 0, disabled: 0 })
    }))

  it.effect("answers isPresenting", () =>
    Effect.gen(function*() {
      expect(yield* isPresenting("Standup", "ana")).toBe(true)
    }))
})

describe("with faults", () => {
  const rateLimited = TestPublishedTracks.layer(standup, {
    faults: { script: () => ({ _tag: "RateLimited", retryAfter: "2" }) }
  })

  it.effect("a rate limit that never lifts reaches the caller as RateLimited, after the client's retries", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(summarize("Standup", "ana")))
      // the client honours Retry-After: three waits of 2 s on the TestClock
      yield* TestClock.adjust("6 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "RateLimited" && error.retryAfter).toBe("2")
    }).pipe(Effect.provide(rateLimited)))

  it.effect("with retries off, the first 429 reaches the caller", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(summarize("Standup", "ana"))
      expect(error._tag).toBe("RateLimited")
    }).pipe(Effect.provide(rateLimited.pipe(Layer.provide(ClientConfig.layer({ retry: false }))))))
})
