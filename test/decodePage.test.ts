import { describe, expect, it } from "@effect/vitest"
import { Page, PublishedTrack } from "effect-twilio-video"
import { Arbitraries } from "effect-twilio-video/testing"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { decodePage } from "../src/internal/service.js"
import { wirePage, wireTrack } from "./support/fakeHttp.js"

const encode = Schema.encodeSync(PublishedTrack)
const schemaDecode = Schema.decodeUnknownEither(Page)

describe("the item-by-item page decoder", () => {
  it("gives what the Page schema gives, for any valid page", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.array(Arbitraries.publishedTrack, { maxLength: 20 }), (tracks) => {
        const wire = JSON.parse(
          JSON.stringify(wirePage(tracks.map((t) => encode(t)), "https://video.twilio.com/v1/x", null))
        )
        expect(decodePage(wire)).toEqual(schemaDecode(wire))
        expect(Either.isRight(decodePage(wire))).toBe(true)
      }),
      { numRuns: 100 }
    )
  })

  it("gives the Page schema's error for an invalid item or meta", () => {
    const badItem = wirePage([wireTrack(1), wireTrack(2, { kind: "screen" })], "https://video.twilio.com/v1/x", null)
    const badMeta = { ...wirePage([wireTrack(1)], "https://video.twilio.com/v1/x", null), meta: { page: "0" } }
    for (const input of [badItem, badMeta, { published_tracks: "no" }, null, []]) {
      const fast = decodePage(input)
      expect(Either.isLeft(fast)).toBe(true)
      expect(Either.getLeft(fast)).toEqual(Either.getLeft(schemaDecode(input)))
    }
  })
})
