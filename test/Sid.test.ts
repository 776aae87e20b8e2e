import { describe, expect, it } from "@effect/vitest"
import { AccountSid, ApiKeySid, ParticipantSid, RoomSid, TrackSid } from "effect-twilio-video"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

const hex = "0123456789abcdefABCDEF0123456789"

describe("SIDs", () => {
  const sids = [
    ["RM", "RoomSid", RoomSid, "a"],
    ["PA", "ParticipantSid", ParticipantSid, "a"],
    ["MT", "TrackSid", TrackSid, "a"],
    ["AC", "AccountSid", AccountSid, "an"],
    ["SK", "ApiKeySid", ApiKeySid, "an"]
  ] as const
  for (const [prefix, brand, schema, article] of sids) {
    const decode = Schema.decodeUnknownResult(schema as Schema.Codec<string, string>)
    it(`${brand}: "${prefix}" and 32 hexadecimal digits, and nothing else`, () => {
      expect(decode(`${prefix}${hex}`)).toEqual(Result.succeed(`${prefix}${hex}`))
      const refused = [
        `${prefix}${hex.slice(1)}`,
        `${prefix}${hex}0`,
        `${prefix}${hex.slice(1)}g`,
        `XX${hex}`,
        `${hex}`,
        `x${prefix}${hex}`,
        ` ${prefix}${hex}`
      ]
      for (const text of refused) {
        const result = decode(text)
        expect(Result.isFailure(result) && result.failure.message, text).toBe(
          `Expected ${article} ${brand}: "${prefix}" followed by 32 hexadecimal digits`
        )
      }
    })
  }
})
