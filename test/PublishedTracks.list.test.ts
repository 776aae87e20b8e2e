import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, PublishedTracks } from "effect-twilio-video"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { client, credentials, json, recording, wirePage, wireTrack } from "./support/fakeHttp.js"
import type { Responder } from "./support/fakeHttp.js"

const base = "https://video.twilio.com/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks"
const alice = { room: "DailyStandup", participant: "Alice" }

/** Pages of `size` tracks, `total` in all; next_page_url carries an opaque PageToken as Twilio's does. */
const pagedServer = (total: number, size: number, origin = "https://video.twilio.com"): Responder => (url) => {
  const page = Number(url.searchParams.get("Page") ?? "0")
  const start = page * size
  const tracks = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => wireTrack(start + i))
  const path = url.pathname
  const next = start + size < total
    ? `${origin}${path}?PageSize=${size}&Page=${page + 1}&PageToken=PA%2Btok%3D${page + 1}`
    : null
  return json(wirePage(tracks, `${origin}${path}${url.search}`, next, page, size))
}

describe("PublishedTracks.list", () => {
  it.effect("follows next_page_url exactly as given until it is null", () => {
    const { layer, requests } = client(pagedServer(5, 2))
    return Effect.gen(function*() {
      const tracks = yield* Stream.runCollect(PublishedTracks.list({ ...alice, pageSize: 2 }))
      expect(tracks.map((t) => t.name)).toEqual([
        "track-0",
        "track-1",
        "track-2",
        "track-3",
        "track-4"
      ])
      expect(requests.map((r) => r.url.href)).toEqual([
        `${base}?PageSize=2`,
        `${base}?PageSize=2&Page=1&PageToken=PA%2Btok%3D1`,
        `${base}?PageSize=2&Page=2&PageToken=PA%2Btok%3D2`
      ])
      // every page carries the credentials, and only to the configured origin
      expect(requests.every((r) => r.headers["authorization"]?.startsWith("Basic "))).toBe(true)
    }).pipe(Effect.provide(layer))
  })

  it.effect("sends no PageSize when none is given", () => {
    const { layer, requests } = client(pagedServer(1, 50))
    return Effect.gen(function*() {
      yield* Stream.runDrain(PublishedTracks.list(alice))
      expect(requests.map((r) => r.url.href)).toEqual([base])
    }).pipe(Effect.provide(layer))
  })

  it.effect("an empty listing is an empty stream", () => {
    const { layer } = client(pagedServer(0, 50))
    return Effect.gen(function*() {
      expect(yield* Stream.runCollect(PublishedTracks.list(alice))).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("is lazy: a page is requested only when the consumer pulls past the previous one", () => {
    const { layer, requests } = client(pagedServer(10, 2))
    return Effect.gen(function*() {
      const stream = PublishedTracks.list({ ...alice, pageSize: 2 })
      expect(requests).toHaveLength(0)
      yield* Effect.scoped(Effect.gen(function*() {
        const pull = yield* Stream.toPull(stream)
        yield* pull
        expect(requests).toHaveLength(1)
        yield* pull
        expect(requests).toHaveLength(2)
      }))
      expect(requests).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("reads ahead only behind a buffer, and only as far as the buffer holds", () => {
    const { layer, requests } = client(pagedServer(10, 2)) // five pages
    return Effect.gen(function*() {
      const stream = PublishedTracks.list({ ...alice, pageSize: 2 }).pipe(Stream.bufferArray({ capacity: 1 }))
      yield* Effect.scoped(Effect.gen(function*() {
        const pull = yield* Stream.toPull(stream)
        const first = yield* pull
        expect(first).toHaveLength(2)
        // the consumer holds page 1; give the buffer's fiber time to run ahead
        for (let i = 0; i < 100; i++) yield* Effect.yieldNow
        // page 2 waits in the buffer, page 3 waits to get in; pages 4 and 5 are not asked for
        expect(requests).toHaveLength(3)
      }))
      expect(requests).toHaveLength(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("limit stops after that many items without fetching pages it does not need", () => {
    const { layer, requests } = client(pagedServer(100, 2))
    return Effect.gen(function*() {
      const tracks = yield* Stream.runCollect(PublishedTracks.list({ ...alice, pageSize: 2, limit: 3 }))
      expect(tracks).toHaveLength(3)
      expect(requests).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("limit without a page size asks for a page of that size", () => {
    const { layer, requests } = client(pagedServer(100, 7))
    return Effect.gen(function*() {
      yield* Stream.runDrain(PublishedTracks.list({ ...alice, limit: 7 }))
      expect(requests.map((r) => r.url.href)).toEqual([`${base}?PageSize=7`])
    }).pipe(Effect.provide(layer))
  })

  it.effect("limit 0 is an empty stream and no request", () => {
    const { layer, requests } = client(pagedServer(100, 7))
    return Effect.gen(function*() {
      expect(yield* Stream.runCollect(PublishedTracks.list({ ...alice, limit: 0 }))).toHaveLength(0)
      expect(requests).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  for (const pageSize of [0, -1, 1001, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it.effect(`refuses pageSize ${pageSize} before any request`, () => {
      const { layer, requests } = client(pagedServer(1, 50))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(Stream.runDrain(PublishedTracks.list({ ...alice, pageSize })))
        expect(error._tag).toBe("InvalidArgument")
        expect(error._tag === "InvalidArgument" && error.argument).toBe("pageSize")
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  }

  for (const limit of [-1, 2.5, Number.NaN]) {
    it.effect(`refuses limit ${limit} before any request`, () => {
      const { layer, requests } = client(pagedServer(1, 50))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(Stream.runDrain(PublishedTracks.list({ ...alice, limit })))
        expect(error._tag === "InvalidArgument" && error.argument).toBe("limit")
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("accepts the page size bounds 1 and 1000", () => {
    const { layer, requests } = client(pagedServer(1, 50))
    return Effect.gen(function*() {
      yield* Stream.runDrain(PublishedTracks.list({ ...alice, pageSize: 1 }))
      yield* Stream.runDrain(PublishedTracks.list({ ...alice, pageSize: 1000 }))
      expect(requests.map((r) => r.url.searchParams.get("PageSize"))).toEqual(["1", "1000"])
    }).pipe(Effect.provide(layer))
  })

  const foreign: ReadonlyArray<[string, string]> = [
    ["another host", "https://evil.example.com/v1/Rooms/x/Participants/y/PublishedTracks?PageToken=1"],
    ["plain http", "http://video.twilio.com/v1/Rooms/x/Participants/y/PublishedTracks?PageToken=1"],
    ["another port", "https://video.twilio.com:8443/v1/Rooms/x/Participants/y/PublishedTracks?PageToken=1"],
    ["a look-alike host", "https://video.twilio.com.evil.example/v1/PublishedTracks?PageToken=1"],
    ["embedded credentials", "https://user:pass@video.twilio.com/v1/PublishedTracks?PageToken=1"]
  ]
  for (const [what, next] of foreign) {
    it.effect(`refuses a next_page_url on ${what} and never sends it the credentials`, () => {
      const { layer, requests } = client((url) =>
        url.searchParams.has("PageToken")
          ? json(wirePage([], url.href, null))
          : json(wirePage([wireTrack(1)], url.href, next))
      )
      return Effect.gen(function*() {
        const error = yield* Effect.flip(Stream.runDrain(PublishedTracks.list(alice)))
        expect(error._tag).toBe("UnsafeNextPage")
        if (error._tag !== "UnsafeNextPage") return
        expect(error.expectedOrigin).toBe("https://video.twilio.com")
        expect(error.message).not.toContain("pass")
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("fails with a DecodeError naming the item and field when one item is outside the schema", () => {
    const { layer } = client((url) =>
      json(wirePage([wireTrack(0), wireTrack(1, { kind: "screen" }), wireTrack(2)], url.href, null))
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runCollect(PublishedTracks.list(alice)))
      expect(error._tag).toBe("DecodeError")
      expect(error._tag === "DecodeError" && error.field).toBe("published_tracks.1.kind")
      expect(error._tag === "DecodeError" && error.sid).toBe(wireTrack(1).sid)
      expect(error._tag === "DecodeError" && error.url).toBe(base)
    }).pipe(Effect.provide(layer))
  })

  it.effect("fails with a DecodeError when a page has no meta", () => {
    const { layer } = client(() => json({ published_tracks: [wireTrack(1)] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runCollect(PublishedTracks.list(alice)))
      expect(error._tag === "DecodeError" && error.field).toBe("meta")
    }).pipe(Effect.provide(layer))
  })

  it.effect("interrupting the stream interrupts the request in flight", () => {
    return Effect.gen(function*() {
      const started = yield* Deferred.make<AbortSignal>()
      const { layer } = client((url, seen) =>
        url.searchParams.has("PageToken")
          ? Effect.andThen(Deferred.succeed(started, seen.signal), Effect.never)
          : json(wirePage([wireTrack(1)], url.href, `${url.origin}${url.pathname}?PageToken=2`))
      )
      const fiber = yield* Stream.runDrain(PublishedTracks.list(alice)).pipe(Effect.provide(layer), Effect.forkChild)
      const signal = yield* Deferred.await(started)
      expect(signal.aborted).toBe(false)
      yield* Fiber.interrupt(fiber)
      expect(signal.aborted).toBe(true)
    })
  })

  it.effect("page gives the first page with its meta, and pageAt resumes from a stored URL", () => {
    const { layer, requests } = client(pagedServer(5, 2))
    return Effect.gen(function*() {
      const service = yield* PublishedTracks
      const first = yield* service.page({ ...alice, pageSize: 2 })
      expect(first.items).toHaveLength(2)
      expect(first.meta.page).toEqual(Option.some(0))
      expect(first.meta.pageSize).toEqual(Option.some(2))
      expect(first.meta.key).toEqual(Option.some("published_tracks"))
      const stored = Option.getOrThrow(first.meta.nextPageUrl)
      const second = yield* service.pageAt(stored)
      expect(second.items.map((t) => t.name)).toEqual(["track-2", "track-3"])
      const rest = yield* Stream.runCollect(service.listFrom(stored))
      expect(rest).toHaveLength(3)
      expect(requests[1]!.url.href).toBe(stored)
    }).pipe(Effect.provide(layer))
  })

  it.effect("pageAt refuses a URL on another origin", () => {
    const { layer, requests } = client(pagedServer(5, 2))
    return Effect.gen(function*() {
      const service = yield* PublishedTracks
      const error = yield* Effect.flip(service.pageAt("https://evil.example.com/v1/x"))
      expect(error._tag).toBe("UnsafeNextPage")
      expect(requests).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })
})

describe("ClientConfig", () => {
  const build = (options: ClientConfig.Options | undefined, respond: Responder) => {
    const fake = recording(respond)
    const config = options ? ClientConfig.layer(options) : Layer.empty
    return {
      requests: fake.requests,
      layer: PublishedTracks.layer.pipe(Layer.provide(Layer.mergeAll(credentials, fake.http, config)))
    }
  }

  it.effect("region and edge select video.{edge}.{region}.twilio.com, and Twilio's global page URLs follow", () => {
    const { layer, requests } = build({ region: "ie1", edge: "dublin" }, (url) =>
      url.searchParams.has("PageToken")
        ? json(wirePage([wireTrack(2)], url.href, null))
        : json(
          wirePage(
            [wireTrack(1)],
            url.href,
            "https://video.twilio.com/v1/Rooms/R/Participants/P/PublishedTracks?PageToken=x"
          )
        ))
    return Effect.gen(function*() {
      yield* Stream.runDrain(PublishedTracks.list(alice))
      expect(requests.map((r) => r.url.href)).toEqual([
        "https://video.dublin.ie1.twilio.com/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks",
        "https://video.dublin.ie1.twilio.com/v1/Rooms/R/Participants/P/PublishedTracks?PageToken=x"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("an edge alone implies region us1", () => {
    const { layer, requests } = build({ edge: "ashburn" }, () => json(wireTrack(1)))
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch({ ...alice, track: "t" })
      expect(requests[0]!.url.host).toBe("video.ashburn.us1.twilio.com")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a base URL override (with a path prefix) wins", () => {
    const { layer, requests } = build(
      { baseUrl: "http://127.0.0.1:9999/twilio/", region: "ie1" },
      () => json(wireTrack(1))
    )
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch({ ...alice, track: "t" })
      expect(requests[0]!.url.href).toBe(
        "http://127.0.0.1:9999/twilio/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/t"
      )
    }).pipe(Effect.provide(layer))
  })

  for (
    const [options, name] of [
      [{ baseUrl: "not a url" }, "baseUrl"],
      [{ baseUrl: "ftp://host" }, "baseUrl"],
      [{ baseUrl: "https://user:secret@host" }, "baseUrl"],
      [{ region: "ie1.evil.com/" }, "region"],
      [{ edge: "" }, "edge"]
    ] as const
  ) {
    it.effect(`refuses ${JSON.stringify(options)} with a ConfigError naming ${name}`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Layer.build(ClientConfig.layer(options)).pipe(Effect.scoped))
        expect(String(error)).toContain(name)
        expect(String(error)).not.toContain("secret")
      }))
  }
})
