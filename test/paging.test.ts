/**
 * Following `next_page_url`: the loop guard compares URLs as they are requested, and a given page
 * URL hides no path step, query or fragment behind encoded characters.
 */
import { describe, expect, it } from "@effect/vitest"
import type { ListError, PublishedTrack } from "effect-twilio-video"
import { PublishedTracks } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { client, json, wirePage, wireTrack } from "./support/fakeHttp.js"

const alice = { room: "DailyStandup", participant: "Alice" }
const origin = "https://video.twilio.com"
const listPath = "/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks"

/** At most 20 tracks of a listing: a listing that never ends is cut there, and the test sees it. */
const listed = (listing: Stream.Stream<PublishedTrack, ListError, PublishedTracks>) =>
  Effect.result(Stream.runCollect(Stream.take(listing, 20)))

describe("the page-loop guard compares URLs as they are requested", () => {
  /** A fake API answering each page with one track and the next page's URL that `next` makes of it. */
  const linking = (next: (url: URL, n: number) => string | null) => {
    let n = 0
    return (url: URL) => json(wirePage([wireTrack(n)], url.href, next(url, n++)))
  }
  const variants: ReadonlyArray<readonly [string, (url: URL, n: number) => string | null, number]> = [
    ["a fragment that changes on every page", (url, n) => `${url.href}#${n}`, 1],
    ["a fragment on a page already read", (url, n) => n === 0 ? `${url.href}?Page=1` : `${origin}${listPath}#top`, 2],
    ["the scheme in capitals", (url) => url.href.replace("https:", "HTTPS:"), 1],
    ["the host in capitals", (url) => url.href.replace("video.twilio.com", "VIDEO.Twilio.COM"), 1],
    ["the default port spelled out", (url) => url.href.replace("video.twilio.com", "video.twilio.com:443"), 1],
    [
      "a query parameter with and without its =",
      (url, n) => n === 0 ? `${url.origin}${url.pathname}?Page=1&x` : `${url.origin}${url.pathname}?Page=1&x=`,
      2
    ],
    ["a space as %20 and as +", (url, n) => `${url.origin}${url.pathname}?Token=a${n % 2 === 0 ? "%20" : "+"}b`, 2],
    ["an empty query", (url) => `${url.origin}${url.pathname}?`, 1]
  ]
  for (const [what, next, pagesRead] of variants) {
    it.effect(`a next page differing by ${what} is a PageLoop after ${pagesRead} page(s), each track once`, () => {
      const { layer, requests } = client(linking(next))
      return Effect.gen(function*() {
        const result = yield* listed(PublishedTracks.list(alice))
        expect(result._tag).toBe("Failure")
        if (result._tag !== "Failure") return
        expect(result.failure).toMatchObject({ _tag: "PageLoop", pagesRead })
        expect(requests).toHaveLength(pagesRead)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("the host 127.1 is 127.0.0.1: a next page spelled so is a page already read", () => {
    const base = "http://127.0.0.1:9999"
    const { layer, requests } = client(linking((url) => url.href.replace("127.0.0.1", "127.1")), {
      baseUrl: base,
      retry: false
    })
    return Effect.gen(function*() {
      const result = yield* listed(PublishedTracks.list(alice))
      expect(result._tag === "Failure" && result.failure).toMatchObject({ _tag: "PageLoop", pagesRead: 1 })
      expect(requests.map((r) => r.url.origin)).toEqual([base])
    }).pipe(Effect.provide(layer))
  })

  it.effect("listFrom a URL with a fragment, whose next page is the same URL without it, is a PageLoop", () => {
    const start = `${origin}${listPath}?Page=3#here`
    const { layer, requests } = client(linking((url) => url.href))
    return Effect.gen(function*() {
      const result = yield* listed(PublishedTracks.listFrom(start))
      expect(result._tag === "Failure" && result.failure).toMatchObject({ _tag: "PageLoop", pagesRead: 1 })
      expect(requests.map((r) => r.url.href)).toEqual([`${origin}${listPath}?Page=3`])
    }).pipe(Effect.provide(layer))
  })

  it.effect("pages that differ in what is sent are all read", () => {
    const { layer, requests } = client(linking((url, n) => n < 3 ? `${url.origin}${url.pathname}?Page=${n + 1}` : null))
    return Effect.gen(function*() {
      const result = yield* listed(PublishedTracks.list(alice))
      expect(result._tag === "Success" && result.success.length).toBe(4)
      expect(requests.map((r) => r.url.search)).toEqual(["", "?Page=1", "?Page=2", "?Page=3"])
    }).pipe(Effect.provide(layer))
  })
})

describe("a given page URL hides nothing behind encoded characters", () => {
  const operations = {
    list: (_next: string) => Effect.map(Stream.runCollect(PublishedTracks.list(alice)), (tracks) => tracks.length),
    listFrom: (next: string) =>
      Effect.map(Stream.runCollect(PublishedTracks.listFrom(next)), (tracks) => tracks.length),
    pageAt: (next: string) => Effect.map(PublishedTracks.pageAt(next), (page) => page.items.length)
  } as const
  /** A fake API whose first page links to `next`, and which answers anything else with a last page. */
  const linkingTo = (next: string) => (url: URL) =>
    url.pathname === listPath && url.search === ""
      ? json(wirePage([wireTrack(1)], url.href, next))
      : json(wirePage([wireTrack(2)], url.href, null))

  const refused = [
    `/v1/Rooms/DailyStandup/Participants/..%2F..%2Fadmin%23/PublishedTracks`,
    `/v1/Rooms/x%2F..%2F..%2F2010-04-01%2FAccounts%2FAC${"0".repeat(32)}%2FCalls/Participants/Alice/PublishedTracks`,
    `/v1/Rooms/DailyStandup/Participants/%2E%2E%2Fother/PublishedTracks`,
    `/v1/Rooms/DailyStandup/Participants/a%2F.%2Fb/PublishedTracks`,
    `/v1/Rooms/DailyStandup/Participants/.%2FAlice/PublishedTracks`,
    `/v1/Rooms/DailyStandup/Participants/Alice%3FPageSize%3D1/PublishedTracks`,
    `/v1/Rooms/DailyStandup/Participants/Alice%23x/PublishedTracks`,
    `/v1/Rooms/DailyStandup/Participants/..%5C..%5Cadmin/PublishedTracks`,
    `/v1/Rooms/DailyStandup/Participants/Alice%E0%A4%A/PublishedTracks`
  ]
  for (const path of refused) {
    for (const [name, operation] of Object.entries(operations)) {
      it.effect(`${name} refuses ${path}, before any request for it`, () => {
        const next = `${origin}${path}?PageSize=50&Page=1`
        const { layer, requests } = client(linkingTo(next))
        return Effect.gen(function*() {
          const error = yield* Effect.flip(operation(next))
          expect(error).toMatchObject({
            _tag: "UnsafeNextPage",
            refusedOrigin: origin,
            reason: path.includes("%E0%A4%A/")
              ? "a segment of its path cannot be decoded"
              : "a segment of its path, decoded, holds a path step (. or ..), a ?, a # or a \\"
          })
          expect(requests.map((r) => r.url.pathname)).toEqual(name === "list" ? [listPath] : [])
        }).pipe(Effect.provide(layer))
      })
    }
  }

  for (const [name, operation] of Object.entries(operations)) {
    it.effect(`${name} refuses a page URL longer than 8192 characters, before any request for it`, () => {
      const next = `${origin}${listPath}?PageToken=${"x".repeat(8192)}`
      const { layer, requests } = client(linkingTo(next))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(operation(next))
        expect(error).toMatchObject({ _tag: "UnsafeNextPage", reason: "it is longer than 8192 characters" })
        expect(requests).toHaveLength(name === "list" ? 1 : 0)
      }).pipe(Effect.provide(layer))
    })
  }

  const accepted = [
    "/v1/Rooms/Room%2F1/Participants/Alice/PublishedTracks",
    "/v1/Rooms/a%2Fb%2Fc/Participants/..a/PublishedTracks",
    "/v1/Rooms/DailyStandup/Participants/...%2F.x/PublishedTracks",
    "/v1/Rooms/DailyStandup/Participants/Zo%C3%AB%20%F0%9F%8E%A5/PublishedTracks"
  ]
  for (const path of accepted) {
    it.effect(`a listing follows ${path}`, () => {
      const next = `${origin}${path}?PageSize=50&Page=1`
      const { layer, requests } = client(linkingTo(next))
      return Effect.gen(function*() {
        expect(yield* operations.list(next)).toBe(2)
        expect(requests[1]!.url.href).toBe(next)
      }).pipe(Effect.provide(layer))
    })
  }

  const named = { room: "Q&A #1?", participant: "a\\b ../c" }
  const namedPath = "/v1/Rooms/Q%26A%20%231%3F/Participants/a%5Cb%20..%2Fc/PublishedTracks"

  it.effect("names holding #, ? and \\ page on: a segment the linking page was requested with is this client's own", () => {
    const { layer, requests } = client((url) => {
      const page = Number(url.searchParams.get("Page") ?? "0")
      return json(
        wirePage([wireTrack(page)], url.href, page < 2 ? `${url.origin}${url.pathname}?Page=${page + 1}` : null)
      )
    })
    return Effect.gen(function*() {
      expect((yield* Stream.runCollect(PublishedTracks.list(named))).length).toBe(3)
      expect(requests.map((r) => r.url.pathname)).toEqual([namedPath, namedPath, namedPath])
    }).pipe(Effect.provide(layer))
  })

  it.effect("under a base URL with a path, the segments are compared in the same places", () => {
    const base = "http://127.0.0.1:9999/twilio"
    const { layer, requests } = client((url) => {
      const page = Number(url.searchParams.get("Page") ?? "0")
      return json(
        wirePage([wireTrack(page)], url.href, page < 2 ? `${url.origin}${url.pathname}?Page=${page + 1}` : null)
      )
    }, { baseUrl: base, retry: false })
    return Effect.gen(function*() {
      expect((yield* Stream.runCollect(PublishedTracks.list(named))).length).toBe(3)
      expect(requests.map((r) => r.url.pathname)).toEqual(Array(3).fill(`/twilio${namedPath}`))
    }).pipe(Effect.provide(layer))
  })

  it.effect("a name the server echoes with other escapes (%3f for %3F) is still the client's own", () => {
    const { layer, requests } = client((url) => {
      const page = Number(url.searchParams.get("Page") ?? "0")
      const echoed = url.pathname.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
      return json(wirePage([wireTrack(page)], url.href, page < 2 ? `${url.origin}${echoed}?Page=${page + 1}` : null))
    })
    return Effect.gen(function*() {
      expect((yield* Stream.runCollect(PublishedTracks.list(named))).length).toBe(3)
      expect(requests).toHaveLength(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a segment the linking page did not have in that place is checked: names swapped are refused", () => {
    const swapped = "/v1/Rooms/a%5Cb%20..%2Fc/Participants/Q%26A%20%231%3F/PublishedTracks"
    const { layer, requests } = client((url) =>
      json(wirePage([wireTrack(1)], url.href, `${url.origin}${swapped}?Page=1`))
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runCollect(PublishedTracks.list(named)))
      expect(error._tag).toBe("UnsafeNextPage")
      expect(requests.map((r) => r.url.pathname)).toEqual([namedPath])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a name this client sends itself is never refused: ?, # and \\ are encoded in its own paths", () => {
    const { layer, requests } = client((url) => json(wirePage([], url.href, null)))
    return Effect.gen(function*() {
      yield* Stream.runDrain(PublishedTracks.list({ room: "a/../b", participant: "who?#\\" }))
      expect(requests.map((r) => r.url.pathname)).toEqual([
        "/v1/Rooms/a%2F..%2Fb/Participants/who%3F%23%5C/PublishedTracks"
      ])
    }).pipe(Effect.provide(layer))
  })
})
