/**
 * The resource core, seen through PublishedTracks: each listing operation names itself and its
 * argument in InvalidArgument and in its span, sends nothing for a refused argument, and derives the
 * page size from `limit`; a page is bounded by the `PageSize` its URL asks for.
 */
import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks, Rooms, SubscribedTracks } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import * as WirePage from "../src/internal/page.js"
import { model } from "../src/PublishedTrack.js"
import { client, json, services, wirePage, wireTrack } from "./support/fakeHttp.js"
import { recordingTracer } from "./support/tracer.js"

const who = { room: "DailyStandup", participant: "Alice" }
const listing = "https://video.twilio.com/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks"
const lastPage = (url: URL) => json(wirePage([wireTrack(1)], url.href, null))

describe("each listing operation names itself and the argument it refuses, and sends nothing", () => {
  const anyLimit = `must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`
  const pageSizes = "must be an integer from 1 to 1000"
  const cases: ReadonlyArray<[string, string, string, Effect.Effect<unknown, unknown, PublishedTracks>]> = [
    ["list", "limit", anyLimit, Stream.runDrain(PublishedTracks.list({ ...who, limit: -1 }))],
    ["list", "pageSize", pageSizes, Stream.runDrain(PublishedTracks.list({ ...who, pageSize: 0 }))],
    ["page", "pageSize", pageSizes, PublishedTracks.page({ ...who, pageSize: 1001 })],
    ["pageAt", "url", "is not an absolute URL", PublishedTracks.pageAt("not a url")],
    ["listFrom", "url", "is not an absolute URL", Stream.runDrain(PublishedTracks.listFrom("not a url"))],
    ["listFrom", "limit", anyLimit, Stream.runDrain(PublishedTracks.listFrom(listing, { limit: 1.5 }))]
  ]
  for (const [operation, argument, reason, effect] of cases) {
    it.effect(`${operation}: ${argument}`, () => {
      const { layer, requests } = client(lastPage)
      return Effect.gen(function*() {
        const error = yield* Effect.flip(effect)
        expect(error).toMatchObject({
          _tag: "InvalidArgument",
          operation: `PublishedTracks.${operation}`,
          argument,
          reason
        })
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  }
})

describe("a path argument that is not a string, as a caller without types may pass", () => {
  it.effect("is refused as such, and nothing is sent", () => {
    const { layer, requests } = services(lastPage)
    return Effect.gen(function*() {
      const room = yield* Effect.flip(PublishedTracks.fetch({ ...who, room: 7 as never, track: "Camera" }))
      expect(room).toMatchObject({ _tag: "InvalidArgument", argument: "room", reason: "must be a string" })
      // the track SID rule is not asked about a number: the reason is its type
      const track = yield* Effect.flip(SubscribedTracks.fetch({ ...who, track: 7 as never }))
      expect(track).toMatchObject({ _tag: "InvalidArgument", argument: "track", reason: "must be a string" })
      expect(requests).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })
})

describe("spans", () => {
  it.effect("page, pageAt and listFrom each run in a span named for the method", () => {
    const { layer } = client(lastPage)
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* PublishedTracks.page({ ...who, pageSize: 50 })
      yield* PublishedTracks.pageAt(listing)
      yield* Stream.runDrain(PublishedTracks.listFrom(listing))
      const names = spans.map((s) => s.name)
      expect(names).toContain("PublishedTracks.page")
      expect(names).toContain("PublishedTracks.listFrom")
      expect(names.filter((name) => name === "PublishedTracks.pageAt")).toHaveLength(2)
      const page = spans.find((s) => s.name === "PublishedTracks.page")!
      expect(Object.fromEntries(page.attributes)).toMatchObject({
        "twilio.video.room": "DailyStandup",
        "twilio.video.participant": "Alice"
      })
      // only the arguments of the path: not pageSize
      expect([...page.attributes.keys()].filter((key) => key.startsWith("twilio.video."))).toEqual([
        "twilio.video.room",
        "twilio.video.participant"
      ])
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a write runs in a span named for the method, with the arguments of its path", () => {
    const { layer } = services(() => json({}, 404))
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* Effect.flip(Rooms.complete({ room: "DailyStandup" }))
      const span = spans.find((s) => s.name === "Rooms.complete")!
      expect([...span.attributes].filter(([key]) => key.startsWith("twilio.video."))).toEqual([
        ["twilio.video.room", "DailyStandup"]
      ])
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })
})

describe("the first page's size", () => {
  const firstPageSize = (params: PublishedTracks.ListParams) => {
    const { layer, requests } = client(lastPage)
    return Stream.runDrain(PublishedTracks.list(params)).pipe(
      Effect.provide(layer),
      Effect.map(() => requests.map((r) => r.url.searchParams.get("PageSize")))
    )
  }
  it.effect("is the limit when no pageSize is given, at most 1000", () =>
    Effect.gen(function*() {
      expect(yield* firstPageSize({ ...who, limit: 7 })).toEqual(["7"])
      expect(yield* firstPageSize({ ...who, limit: 5000 })).toEqual(["1000"])
    }))
  it.effect("is pageSize when given, and Twilio's default when neither is", () =>
    Effect.gen(function*() {
      expect(yield* firstPageSize({ ...who, pageSize: 20, limit: 7 })).toEqual(["20"])
      expect(yield* firstPageSize(who)).toEqual([null])
    }))
  it.effect("a limit of 0 sends no request", () =>
    Effect.gen(function*() {
      expect(yield* firstPageSize({ ...who, limit: 0 })).toEqual([])
    }))
})

describe("a page is bounded by the PageSize its URL asks for", () => {
  const decodePage = WirePage.decoder(model)
  const pageOf = (count: number, pageSize: string) => {
    const url = new URL(`${listing}?PageSize=${pageSize}`)
    const tracks = Array.from({ length: count }, (_, i) => wireTrack(i))
    return decodePage(JSON.parse(JSON.stringify(wirePage(tracks, url.href, null))), url)
  }
  it("two digits: 50 asked, 51 refused and 50 read", () => {
    expect(Result.isFailure(pageOf(51, "50"))).toBe(true)
    expect(Result.map(pageOf(50, "50"), (page) => page.items.length)).toEqual(Result.succeed(50))
  })
  it("a PageSize that is not a number from 1 to 9999 bounds the page at 1000", () => {
    for (const asked of ["x5", "5x", "05", "abc", "12345"]) {
      expect(Result.isFailure(pageOf(1001, asked)), asked).toBe(true)
      expect(Result.isSuccess(pageOf(1000, asked)), asked).toBe(true)
    }
  })
})
