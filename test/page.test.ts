import { describe, expect, it } from "@effect/vitest"
import { Participant, PublishedTrack, Room, SubscribedTrack } from "effect-twilio-video"
import { Arbitraries } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import { decodeOptions } from "../src/internal/model.js"
import * as WirePage from "../src/internal/page.js"
import { model } from "../src/PublishedTrack.js"
import { wirePage, wireTrack } from "./support/fakeHttp.js"
import { check, constantFrom, oneOf } from "./support/generators.js"
import { mutatedTrack } from "./support/mutatedTrack.js"

const encode = Schema.encodeSync(PublishedTrack)
const anyPage = new URL("https://video.twilio.com/v1/Rooms/R/Participants/P/PublishedTracks")
const decodeTrack = model.decode
const decodePage = WirePage.decoder(model)
// as the client decodes: its issues holding the values they refuse
const schemaDecodePage = Schema.decodeUnknownResult(WirePage.schema(model.pageKey, PublishedTrack), decodeOptions)
const schemaDecodeTrack = Schema.decodeUnknownResult(PublishedTrack, decodeOptions)
/** An issue tree without the schema nodes its issues point at. */
const withoutSchemas = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutSchemas)
    : SchemaIssue.isIssue(value)
    ? {
      _tag: value._tag,
      ...Object.fromEntries(
        Object.entries(value).filter(([key]) => key !== "ast").map(([key, inner]) => [key, withoutSchemas(inner)])
      )
    }
    : value

/**
 * A page decoding's result, its error as its message and its issue tree. The fast decoder builds its
 * own page schema, equal to `WirePage.schema(…)` but another object, and Effect 4's issues hold the
 * nodes (closures included) of the schema that raised them: all else must be the same.
 */
const comparable = <A>(result: Result.Result<A, Schema.SchemaError>) =>
  Result.mapError(result, (error) => ({ message: error.message, issue: withoutSchemas(error.issue) }))
const pageOf = (tracks: ReadonlyArray<unknown>) =>
  JSON.parse(JSON.stringify(wirePage(tracks as never, "https://video.twilio.com/v1/x", null))) as unknown

/** Values that some field accepts and another refuses, and plain junk. */
const awkwardValue = oneOf<unknown>(
  constantFrom(
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
  Arbitrary.schema(Schema.Json)
)
/** A valid wire track with some fields replaced, removed or added. */
const mutated = mutatedTrack(awkwardValue, 3)

describe("the fast decoders", () => {
  it.prop("round-trip a valid track through its wire form", [Arbitraries.publishedTrack], ([track]) => {
    expect(Schema.decodeUnknownSync(PublishedTrack)(JSON.parse(JSON.stringify(encode(track))))).toEqual(track)
    expect(model.toWire(track)).toEqual(encode(track))
  }, { arbitrary: { runs: 100 } })

  it.prop("decode a track as the PublishedTrack schema does, for any valid track", [Arbitraries.publishedTrack], ([
    track
  ]) => {
    const wire = JSON.parse(JSON.stringify(encode(track)))
    const fast = decodeTrack(wire)
    expect(Result.isSuccess(fast)).toBe(true)
    expect(fast).toEqual(schemaDecodeTrack(wire))
  }, { arbitrary: { runs: 200 } })

  it.effect("accept and refuse exactly what the PublishedTrack schema does, with its error", () =>
    Effect.gen(function*() {
      let refused = 0
      yield* check(mutated, (wire) => {
        const fast = decodeTrack(wire)
        expect(fast).toEqual(schemaDecodeTrack(wire))
        if (Result.isFailure(fast)) refused++
      }, 500)
      // the mutations must reach both outcomes, or this test proves little
      expect(refused).toBeGreaterThan(50)
      expect(refused).toBeLessThan(450)
    }))

  it.prop(
    "decode a page as the Page schema does, for any valid page",
    [Arbitrary.array(Arbitraries.publishedTrack, { maxLength: 20 })],
    ([tracks]) => {
      const wire = pageOf(tracks.map((t) => encode(t)))
      expect(Result.isSuccess(decodePage(wire, anyPage))).toBe(true)
      expect(comparable(decodePage(wire, anyPage))).toEqual(comparable(schemaDecodePage(wire)))
    },
    { arbitrary: { runs: 100 } }
  )

  it.prop(
    "decode or refuse a page exactly as the Page schema does, whatever its items' mutations",
    [Arbitrary.array(mutated, { minLength: 1, maxLength: 5 })],
    ([tracks]) => {
      const wire = pageOf(tracks)
      expect(comparable(decodePage(wire, anyPage))).toEqual(comparable(schemaDecodePage(wire)))
    },
    { arbitrary: { runs: 200 } }
  )

  it("give the Page schema's error for an invalid item or meta", () => {
    const badItem = wirePage([wireTrack(1), wireTrack(2, { kind: "screen" })], "https://video.twilio.com/v1/x", null)
    const badMeta = { ...wirePage([wireTrack(1)], "https://video.twilio.com/v1/x", null), meta: { page: "0" } }
    for (const input of [badItem, badMeta, { published_tracks: "no" }, null, []]) {
      const fast = decodePage(input, anyPage)
      expect(Result.isFailure(fast)).toBe(true)
      expect(comparable(fast)).toEqual(comparable(schemaDecodePage(input)))
    }
  })
})

describe("the resources' schemas", () => {
  it("name their resource, and a value that is not one is refused naming it", () => {
    for (
      const [name, schema] of [
        ["Room", Room],
        ["Participant", Participant],
        ["PublishedTrack", PublishedTrack],
        ["SubscribedTrack", SubscribedTrack]
      ] as const
    ) {
      const codec = schema as unknown as Schema.Codec<unknown, unknown>
      expect(SchemaAST.resolveIdentifier(codec.ast)).toBe(name)
      // Effect 4's messages name the failing field, never the enclosing schema: the wire form is refused
      const wire = Schema.decodeUnknownResult(codec)({})
      expect(Result.isFailure(wire) && String(wire.failure)).toContain("Missing key")
      // and a value that is not of the resource is refused naming it
      const typed = Schema.decodeUnknownResult(Schema.toType(codec))(null)
      expect(Result.isFailure(typed) && String(typed.failure)).toBe(`SchemaError(Expected ${name})`)
    }
  })
})

describe("page meta", () => {
  const tracks = [wireTrack(1)]
  const withMeta = (meta: Record<string, unknown>) => ({ published_tracks: tracks, meta })
  const next = "https://video.twilio.com/v1/Rooms/R/Participants/P/PublishedTracks?Page=1"

  it("keeps the meta fields where they are valid", () => {
    const page = Result.getOrThrow(decodePage(wirePage(tracks, anyPage.href, next, 3, 50), anyPage))
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
    const page = Result.getOrThrow(
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
      const page = Result.getOrThrow(decodePage(withMeta(meta), anyPage))
      expect(page.items).toHaveLength(1)
      expect(page.meta.page).toEqual(Option.none())
      expect(page.meta.pageSize).toEqual(Option.none())
      expect(page.meta.url).toEqual(Option.none())
      expect(page.meta.key).toEqual(Option.none())
      expect(comparable(decodePage(withMeta(meta), anyPage))).toEqual(comparable(schemaDecodePage(withMeta(meta))))
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
      expect(Result.isFailure(fast)).toBe(true)
      expect(comparable(fast)).toEqual(comparable(schemaDecodePage(withMeta(meta))))
    })
  }
})
