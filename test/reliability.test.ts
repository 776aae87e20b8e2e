import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, PublishedTracks } from "effect-twilio-video"
import { EmulatorServer, TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as References from "effect/References"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import { client, json, wirePage, wireTrack } from "./support/fakeHttp.js"
import { recordingTracer } from "./support/tracer.js"

const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }
const twilio = (status: number, headers: Record<string, string> = {}) =>
  json({ code: 20000 + status, message: "x", more_info: "", status }, status, headers)

/** Fetches the camera while the TestClock moves on by `duration`, for the retries to happen. */
const fetchWithin = (duration: Duration.Input) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(PublishedTracks.fetch(camera))
    yield* TestClock.adjust(duration)
    return yield* Fiber.join(fiber)
  })

/** Answers with `statuses` in turn, then with a track. */
const sequence = (...answers: Array<() => Response>) => {
  let n = 0
  return () => (answers[n++] ?? (() => json(wireTrack(1))))()
}

/**
 * Fetches the camera through a 429 with the Retry-After `header`, and checks that its retry comes
 * between `earliest` and `latest` ms after it, not one ms sooner.
 */
const retriedBetween = (header: string, earliest: number, latest: number) => {
  const { layer, requests } = client(sequence(() => twilio(429, { "retry-after": header })), {})
  return Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(PublishedTracks.fetch(camera))
    yield* TestClock.adjust(earliest - 1)
    expect(requests).toHaveLength(1)
    yield* TestClock.adjust(latest - earliest + 1)
    yield* Fiber.join(fiber)
    expect(requests).toHaveLength(2)
  }).pipe(Effect.provide(layer))
}

describe("retries", () => {
  for (const status of [429, 500, 502, 503, 504]) {
    it.effect(`retries a ${status} and succeeds`, () => {
      const { layer, requests } = client(sequence(() => twilio(status)), {})
      return Effect.gen(function*() {
        yield* fetchWithin("10 seconds")
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })
  }

  for (const status of [400, 401, 403, 404, 405, 409]) {
    it.effect(`never retries a ${status}`, () => {
      const { layer, requests } = client(() => twilio(status), {})
      return Effect.gen(function*() {
        yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("retries a transport failure", () => {
    const { layer, requests } = client(
      sequence(() => {
        throw new TypeError("socket hang up")
      }),
      {}
    )
    return Effect.gen(function*() {
      yield* fetchWithin("10 seconds")
      expect(requests).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("retries a request that timed out", () => {
    let n = 0
    const { layer, requests } = client(() => n++ === 0 ? Effect.never : json(wireTrack(1)), {})
    return Effect.gen(function*() {
      const track = yield* fetchWithin("31 seconds")
      expect(track.name).toBe(wireTrack(1).name)
      expect(requests).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("makes at most 4 attempts by default, then fails with the last error", () => {
    const { layer, requests } = client(() => twilio(503), {})
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Effect.flip(PublishedTracks.fetch(camera)))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "ApiError" && error.status).toBe(503)
      expect(requests).toHaveLength(4)
    }).pipe(Effect.provide(layer))
  })

  it.effect("backs off exponentially, with jitter, within the bounds", () => {
    const times: Array<number> = []
    const { layer } = client(
      () => Effect.map(Clock.currentTimeMillis, (now) => (times.push(now), twilio(503))),
      { retry: { baseDelay: "1 second", maxDelay: "3 seconds" } }
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Effect.flip(PublishedTracks.fetch(camera)))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      const waits = times.slice(1).map((t, i) => t - times[i]!)
      expect(waits).toHaveLength(3)
      // half fixed, half random: [0.5, 1] s, then [1, 2] s, then [1.5, 3] s (capped at 3 s)
      const bounds = [[500, 1000], [1000, 2000], [1500, 3000]]
      waits.forEach((wait, i) => {
        expect(wait).toBeGreaterThanOrEqual(bounds[i]![0]!)
        expect(wait).toBeLessThanOrEqual(bounds[i]![1]!)
      })
    }).pipe(Effect.provide(layer))
  })

  // the TestClock starts at the epoch: these dates are 7 s after it
  const retryAfters: ReadonlyArray<[string, string, number]> = [
    ["in seconds", "5", 5000],
    ["in seconds, with two digits", "12", 12000],
    ["as an IMF-fixdate", "Thu, 01 Jan 1970 00:00:07 GMT", 7000],
    ["as an RFC 850 date", "Thursday, 01-Jan-70 00:00:07 GMT", 7000],
    ["as an asctime date", "Thu Jan  1 00:00:07 1970", 7000]
  ]
  for (const [what, header, waitMillis] of retryAfters) {
    it.effect(`honours Retry-After ${what}`, () => retriedBetween(header, waitMillis, waitMillis))
  }

  it.effect("honours a Retry-After date as a wait from now, whatever the time", () =>
    Effect.andThen(
      TestClock.setTime(Date.UTC(2026, 10, 26, 12, 0, 0)),
      retriedBetween("Thu, 26 Nov 2026 12:00:07 GMT", 7000, 7000)
    ))

  // read leniently (by Date.parse or Number), each of these once meant a retry with no wait
  const notHonoured: ReadonlyArray<[string, string]> = [
    ["zero", "0"],
    ["negative", "-1"],
    ["very negative", "-100"],
    ["a list", "5, 5"],
    ["decimal seconds", "0.25"],
    ["a tiny fraction of a second", "0.0000012345"],
    ["seconds with a sign", "+5"],
    ["seconds in exponent notation", "3e1"],
    ["an HTTP date in the past", "Wed, 31 Dec 1969 00:00:00 GMT"],
    ["a date with a numeric zone", "Thu, 01 Jan 1970 00:00:07 +0000"],
    ["an ISO date", "1970-01-01T00:00:07Z"],
    ["an impossible date", "Thu, 31 Feb 1970 00:00:07 GMT"],
    ["a word", "soon"]
  ]
  for (const [what, header] of notHonoured) {
    // the first backoff is 500 ms with equal jitter: between 250 and 500 ms
    it.effect(
      `waits the backoff, never less, for a Retry-After of ${what} (${JSON.stringify(header)})`,
      () => retriedBetween(header, 250, 500)
    )
  }

  it.effect("caps Retry-After at maxRetryAfter", () => {
    const { layer, requests } = client(sequence(() => twilio(429, { "retry-after": "3600" })), {
      retry: { maxRetryAfter: "2 seconds" }
    })
    return Effect.gen(function*() {
      yield* fetchWithin("2 seconds")
      expect(requests).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("can be turned off", () => {
    const { layer, requests } = client(() => twilio(503), { retry: false })
    return Effect.gen(function*() {
      yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(requests).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("records each retry as a span event", () => {
    const { layer } = client(sequence(() => twilio(503), () => twilio(429, { "retry-after": "1" })), {})
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* fetchWithin("10 seconds")
      const events = spans.find((s) => s.name === "PublishedTracks.fetch")!.events
      expect(events.map((e) => [e.name, e.attributes?.["retry.attempt"], e.attributes?.["retry.reason"]])).toEqual([
        ["retry", 2, "ApiError"],
        ["retry", 3, "RateLimited"]
      ])
      expect(events[1]!.attributes?.["retry.delay_ms"]).toBe(1000)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("logs each retry at debug level, with the attempt, reason and delay", () => {
    const { layer } = client(sequence(() => twilio(429, { "retry-after": "2" })), {})
    const logs: Array<{ level: string; message: unknown; annotations: Record<string, unknown> }> = []
    const logger = Logger.make(({ fiber, logLevel, message }) =>
      logs.push({ level: logLevel, message, annotations: { ...fiber.getRef(References.CurrentLogAnnotations) } })
    )
    return Effect.gen(function*() {
      yield* fetchWithin("2 seconds")
      expect(logs).toEqual([{
        level: "Debug",
        message: ["Retrying GET /v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera after RateLimited"],
        annotations: { "retry.attempt": 2, "retry.reason": "RateLimited", "retry.delay_ms": 2000 }
      }])
    }).pipe(
      Effect.provide(layer),
      Effect.provide(Logger.layer([logger])),
      Effect.provideService(References.MinimumLogLevel, "Debug")
    )
  })

  it.effect("a page retried mid-listing loses nothing and repeats nothing", () => {
    let pageTwoCalls = 0
    const { layer } = client((url) => {
      if (url.searchParams.get("PageToken") === "2" && pageTwoCalls++ === 0) return twilio(503)
      const token = Number(url.searchParams.get("PageToken") ?? "1")
      const next = token < 3 ? `${url.origin}${url.pathname}?PageToken=${token + 1}` : null
      return json(wirePage([wireTrack(token * 10), wireTrack(token * 10 + 1)], url.href, next))
    }, {})
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Stream.runCollect(PublishedTracks.list({ room: "r", participant: "p" })))
      yield* TestClock.adjust("10 seconds")
      const tracks = yield* Fiber.join(fiber)
      expect(tracks.map((t) => t.name)).toEqual([
        "track-10",
        "track-11",
        "track-20",
        "track-21",
        "track-30",
        "track-31"
      ])
      expect(pageTwoCalls).toBe(2)
    }).pipe(Effect.provide(layer))
  })
})

describe("safe paging", () => {
  it.effect("a next_page_url already read is a PageLoop, after delivering what was read", () => {
    const { layer, requests } = client((url) => {
      const token = url.searchParams.get("PageToken")
      // page 1 → page 2 → page 1 again
      const next = token === null ? `${url.origin}${url.pathname}?PageToken=2` : `${url.origin}${url.pathname}`
      return json(wirePage([wireTrack(token === null ? 1 : 2)], url.href, next))
    })
    return Effect.gen(function*() {
      const seen: Array<string> = []
      const exit = yield* PublishedTracks.list({ room: "r", participant: "p" }).pipe(
        Stream.runForEach((t) => Effect.sync(() => seen.push(t.name))),
        Effect.exit
      )
      expect(seen).toEqual(["track-1", "track-2"])
      expect(requests).toHaveLength(2)
      // the failure alone: one typed error, no defect or interruption beside it
      const reasons = Exit.isFailure(exit) ? exit.cause.reasons : []
      expect(reasons.length === 1 && Cause.isFailReason(reasons[0]!) && reasons[0].error._tag).toBe("PageLoop")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a page whose meta is malformed is a DecodeError naming the field", () => {
    const { layer } = client((url) => {
      const page = wirePage([wireTrack(1)], url.href, null) as { meta: Record<string, unknown> }
      page.meta["next_page_url"] = 42
      return json(page)
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(PublishedTracks.list({ room: "r", participant: "p" })))
      expect(error._tag === "DecodeError" && error.field).toBe("meta.next_page_url")
    }).pipe(Effect.provide(layer))
  })
})

/** The real client over FetchHttpClient and the socket emulator, with the server at hand. */
const overSocket = (options: EmulatorServer.Options & { readonly client?: Omit<ClientConfig.Options, "baseUrl"> }) =>
  EmulatorServer.layerClient(World.documentation, options).pipe(Layer.provide(FetchHttpClient.layer))

const waitFor = (check: Effect.Effect<boolean>) =>
  Effect.gen(function*() {
    for (let i = 0; i < 100; i++) {
      if (yield* check) return true
      yield* Effect.sleep("10 millis")
    }
    return false
  })

describe("timeouts and interruption, over a real socket", () => {
  it.live("a request slower than the timeout is a Timeout, and the server sees the connection close", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag === "Timeout" && error.timeoutMillis).toBe(100)
      expect(yield* waitFor(Effect.map(server.abandoned, (n) => n === 1))).toBe(true)
    }).pipe(Effect.provide(overSocket({
      faults: { script: () => ({ _tag: "Delay", duration: "10 seconds" }) },
      client: { timeout: "100 millis", retry: false }
    }))))

  it.live("interrupting a fetch aborts the socket request", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const fiber = yield* Effect.forkChild(PublishedTracks.fetch(camera))
      expect(yield* waitFor(Effect.map(server.requests, (n) => n === 1))).toBe(true)
      yield* Fiber.interrupt(fiber)
      expect(yield* waitFor(Effect.map(server.abandoned, (n) => n === 1))).toBe(true)
    }).pipe(Effect.provide(overSocket({ faults: { script: () => ({ _tag: "Delay", duration: "10 seconds" }) } }))))

  it.live("interrupting a listing aborts the page in flight", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const fiber = yield* Effect.forkChild(
        Stream.runDrain(PublishedTracks.list({ room: "DailyStandup", participant: "Moderator", pageSize: 1 }))
      )
      expect(yield* waitFor(Effect.map(server.requests, (n) => n === 2))).toBe(true)
      yield* Fiber.interrupt(fiber)
      expect(yield* waitFor(Effect.map(server.abandoned, (n) => n === 1))).toBe(true)
    }).pipe(Effect.provide(overSocket({
      faults: { script: ({ n }) => n === 2 ? { _tag: "Delay", duration: "10 seconds" } : undefined }
    }))))
})

describe("under faults", () => {
  const faults = { rates: { serverError: 0.05, rateLimited: 0.02 }, retryAfter: "0", seed: 2024 }
  const fastRetry: ClientConfig.Options = { retry: { baseDelay: "1 millis", maxDelay: "5 millis" } }

  it.live("a listing of 10,000 tracks with 5% 503s and 2% 429s finishes with every track exactly once", () =>
    Effect.gen(function*() {
      const tracks = yield* Stream.runCollect(
        PublishedTracks.list({ room: "Crowded", participant: "Publisher", pageSize: 50 })
      )
      const names = tracks.map((t) => t.name)
      expect(names).toHaveLength(10_000)
      expect(new Set(names).size).toBe(10_000)
      expect(names).toEqual(Array.from({ length: 10_000 }, (_, i) => `track-${i}`))
    }).pipe(
      Effect.provide(
        TestTwilioVideo.layer(World.crowded(10_000), { faults }).pipe(
          Layer.provide(ClientConfig.layer(fastRetry))
        )
      )
    ))

  it.live("2,000 fetches at concurrency 50 over the socket: no defect, no lost result", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const names = ["moderator-audio", "moderator-camera"]
      const exits = yield* Effect.forEach(
        Array.from({ length: 2000 }, (_, i) => names[i % 2]!),
        (track) => Effect.exit(PublishedTracks.fetch({ room: "DailyStandup", participant: "Moderator", track })),
        { concurrency: 50 }
      )
      const fetched = exits.filter(Exit.isSuccess).map((e) => e.value.name)
      expect(exits.filter((e) => Exit.isFailure(e))).toEqual([])
      expect(fetched).toEqual(Array.from({ length: 2000 }, (_, i) => names[i % 2]))
      expect(yield* server.requests).toBeGreaterThan(2000)
    }).pipe(Effect.provide(overSocket({ faults, client: fastRetry }))))
})
