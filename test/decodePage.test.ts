import { describe, expect, it } from "@effect/vitest"
import { Participant, PublishedTrack, Room, SubscribedTrack } from "effect-twilio-video"
import { Arbitraries } from "effect-twilio-video/testing"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as WirePage from "../src/internal/page.js"
import { model, pageKey } from "../src/PublishedTrack.js"
import { wirePage, wireTrack } from "./support/fakeHttp.js"
import { mutatedTrack } from "./support/mutatedTrack.js"

const encode = Schema.encodeSync(PublishedTrack)
const anyPage = new URL("https://video.twilio.com/v1/Rooms/R/Participants/P/PublishedTracks")
const decodeTrack = model.decode
const decodePage = WirePage.decoder(pageKey, model)
const schemaDecodePage = Schema.decodeUnknownEither(WirePage.schema(pageKey, PublishedTrack))
const schemaDecodeTrack = Schema.decodeUnknownEither(PublishedTrack)
const pageOf = (tracks: ReadonlyArray<unknown>) =>
  JSON.parse(JSON.stringify(wirePage(tracks as never, "https://video.twilio.com/v1/x", null))) as unknown

/** Values that some field accepts and another refuses, and plain junk. */
const awkwardValue = FastCheck.oneof(
  FastCheck.constantFrom(
    null,
    undefined,
    "",
    "MT0123456789abcdef0123456789abcdef",
    "MT0123456789abcdef0123456789abcdeg",
    "PA0123456789abcdef0123456789abcdef",
    "audio",
    "screen",
    "https://video.twilio.com/v1/x",
    "not a url",
    "2017-12-13T23:46:36Z",
    "2017-12-13T23:46:36+01:00",
    "2017-02-30T99:00:00Z",
    "yesterday",
    0,
    true,
    "true"
  ),
  FastCheck.jsonValue({ maxDepth: 2 })
)
/** A valid wire track with some fields replaced, removed or added. */
const mutated = mutatedTrack(awkwardValue, 3)

describe("the fast decoders", () => {
  it("round-trip a valid track through its wire form", () => {
    FastCheck.assert(
      FastCheck.property(Arbitraries.publishedTrack, (track) => {
        expect(Schema.decodeUnknownSync(PublishedTrack)(JSON.parse(JSON.stringify(encode(track))))).toEqual(track)
        expect(model.toWire(track)).toEqual(encode(track))
      }),
      { numRuns: 100 }
    )
  })

  it("decode a track as the PublishedTrack schema does, for any valid track", () => {
    FastCheck.assert(
      FastCheck.property(Arbitraries.publishedTrack, (track) => {
        const wire = JSON.parse(JSON.stringify(encode(track)))
        const fast = decodeTrack(wire)
        expect(Either.isRight(fast)).toBe(true)
        expect(fast).toEqual(schemaDecodeTrack(wire))
      }),
      { numRuns: 200 }
    )
  })

  it("accept and refuse exactly what the PublishedTrack schema does, with its error", () => {
    let refused = 0
    FastCheck.assert(
      FastCheck.property(mutated, (wire) => {
        const fast = decodeTrack(wire)
        expect(fast).toEqual(schemaDecodeTrack(wire))
        if (Either.isLeft(fast)) refused++
      }),
      { numRuns: 500 }
    )
    // the mutations must reach both outcomes, or this test proves little
    expect(refused).toBeGreaterThan(50)
    expect(refused).toBeLessThan(450)
  })

  it("decode a page as the Page schema does, for any valid page", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.array(Arbitraries.publishedTrack, { maxLength: 20 }), (tracks) => {
        const wire = pageOf(tracks.map((t) => encode(t)))
        expect(Either.isRight(decodePage(wire, anyPage))).toBe(true)
        expect(decodePage(wire, anyPage)).toEqual(schemaDecodePage(wire))
      }),
      { numRuns: 100 }
    )
  })

  it("decode or refuse a page exactly as the Page schema does, whatever its items' mutations", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.array(mutated, { minLength: 1, maxLength: 5 }), (tracks) => {
        const wire = pageOf(tracks)
        expect(decodePage(wire, anyPage)).toEqual(schemaDecodePage(wire))
      }),
      { numRuns: 200 }
    )
  })

  it("give the Page schema's error for an invalid item or meta", () => {
    const badItem = wirePage([wireTrack(1), wireTrack(2, { kind: "screen" })], "https://video.twilio.com/v1/x", null)
    const badMeta = { ...wirePage([wireTrack(1)], "https://video.twilio.com/v1/x", null), meta: { page: "0" } }
    for (const input of [badItem, badMeta, { published_tracks: "no" }, null, []]) {
      const fast = decodePage(input, anyPage)
      expect(Either.isLeft(fast)).toBe(true)
      expect(Either.getLeft(fast)).toEqual(Either.getLeft(schemaDecodePage(input)))
    }
  })
})

describe("the resources' schemas", () => {
  it("name their resource in their errors", () => {
    for (
      const [name, schema] of [
        ["Room", Room],
        ["Participant", Participant],
        ["PublishedTrack", PublishedTrack],
        ["SubscribedTrack", SubscribedTrack]
      ] as const
    ) {
      const result = Schema.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)({})
      expect(Either.isLeft(result) && String(result.left).split("\n")[0]).toBe(name)
    }
  })
})

describe("page meta", () => {
  const tracks = [wireTrack(1)]
  const withMeta = (meta: Record<string, unknown>) => ({ published_tracks: tracks, meta })
  const next = "https://video.twilio.com/v1/Rooms/R/Participants/P/PublishedTracks?Page=1"

  it("keeps the meta fields where they are valid", () => {
    const page = Either.getOrThrow(decodePage(wirePage(tracks, anyPage.href, next, 3, 50), anyPage))
    expect(page.meta).toEqual({
      nextPageUrl: Option.some(next),
      page: Option.some(3),
      pageSize: Option.some(50),
      firstPageUrl: Option.some(anyPage.href),
      previousPageUrl: Option.none(),
      url: Option.some(anyPage.href),
      key: Option.some("published_tracks")
    })
  })

  it("an empty page with page_size 0 lists as empty", () => {
    const page = Either.getOrThrow(
      decodePage({ published_tracks: [], meta: { ...wirePage([], anyPage.href, null).meta, page_size: 0 } }, anyPage)
    )
    expect(page.items).toEqual([])
    expect(page.meta.pageSize).toEqual(Option.some(0))
    expect(page.meta.nextPageUrl).toEqual(Option.none())
  })

  for (
    const [what, meta] of [
      ["absent", { next_page_url: null }],
      ["null", { next_page_url: null, page: null, page_size: null, url: null, key: null, first_page_url: null }],
      ["unexpected", { next_page_url: null, page: -1, page_size: "50", url: "not a url", key: 7, first_page_url: {} }]
    ] as const
  ) {
    it(`meta fields other than next_page_url that are ${what} are None, and the page is read`, () => {
      const page = Either.getOrThrow(decodePage(withMeta(meta), anyPage))
      expect(page.items).toHaveLength(1)
      expect(page.meta.page).toEqual(Option.none())
      expect(page.meta.pageSize).toEqual(Option.none())
      expect(page.meta.url).toEqual(Option.none())
      expect(page.meta.key).toEqual(Option.none())
      expect(decodePage(withMeta(meta), anyPage)).toEqual(schemaDecodePage(withMeta(meta)))
    })
  }

  for (
    const [what, meta] of [
      ["absent", {}],
      ["not a URL", { next_page_url: "page 2" }],
      ["a number", { next_page_url: 2 }]
    ] as const
  ) {
    it(`a next_page_url that is ${what} is the schema's error at meta.next_page_url`, () => {
      const fast = decodePage(withMeta(meta), anyPage)
      expect(Either.isLeft(fast)).toBe(true)
      expect(fast).toEqual(schemaDecodePage(withMeta(meta)))
    })
  }
})
