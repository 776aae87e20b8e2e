import { describe, expect, it } from "@effect/vitest"
import { StatusCallbacks, TwilioCredentials } from "effect-twilio-video"
import { Arbitraries } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as ConfigProvider from "effect/ConfigProvider"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import twilio from "twilio"
import * as Signature from "../src/internal/signature.js"
import { toParameters } from "../src/StatusCallbackEvent.js"

const authToken = "0123456789abcdef0123456789abcdef"
const accountSid = "AC0123456789abcdef0123456789abcdef"
const roomSid = "RM0123456789abcdef0123456789abcdef"
const participantSid = "PA0123456789abcdef0123456789abcdef"
const trackSid = "MT0123456789abcdef0123456789abcdef"

const callbacks = StatusCallbacks.layer().pipe(
  Layer.provide(TwilioCredentials.layer({ accountSid, authToken: Redacted.make(authToken) }))
)

/** A `track-added` as Twilio documents it. */
const trackAdded: ReadonlyArray<readonly [string, string]> = [
  ["AccountSid", accountSid],
  ["RoomName", "DailyStandup"],
  ["RoomSid", roomSid],
  ["RoomStatus", "in-progress"],
  ["RoomType", "group"],
  ["StatusCallbackEvent", "track-added"],
  ["Timestamp", "2026-12-04T12:00:00.123Z"],
  ["SequenceNumber", "3"],
  ["ParticipantSid", participantSid],
  ["ParticipantStatus", "connected"],
  ["ParticipantIdentity", "alice"],
  ["TrackSid", trackSid],
  ["TrackKind", "video"]
]

/** twilio-node's signature of a POST to `url` with `parameters`. */
const twilioSignature = (url: string, parameters: ReadonlyArray<readonly [string, string]>) =>
  twilio.getExpectedTwilioSignature(authToken, url, Object.fromEntries(parameters))

describe("StatusCallbacks.decode", () => {
  it.effect("decodes a documented event into plain values", () =>
    Effect.gen(function*() {
      const event = yield* StatusCallbacks.decode(trackAdded)
      expect(event).toEqual({
        _tag: "TrackAdded",
        accountSid,
        roomName: "DailyStandup",
        roomSid,
        roomStatus: "in-progress",
        roomType: "group",
        timestamp: DateTime.makeUnsafe("2026-12-04T12:00:00.123Z"),
        sequenceNumber: 3,
        participantSid,
        participantStatus: "connected",
        participantIdentity: "alice",
        trackSid,
        trackKind: "video",
        trackName: Option.none()
      })
    }))

  it.effect("gives the durations of the end events as numbers", () =>
    Effect.gen(function*() {
      const base = trackAdded.filter(([name]) => !name.startsWith("Track") && name !== "StatusCallbackEvent")
      const left = yield* StatusCallbacks.decode([
        ...base.filter(([name]) => name !== "ParticipantStatus"),
        ["ParticipantStatus", "disconnected"],
        ["StatusCallbackEvent", "participant-disconnected"],
        ["ParticipantDuration", "65"]
      ])
      expect(left).toMatchObject({ _tag: "ParticipantDisconnected", participantDuration: 65 })
      const ended = yield* StatusCallbacks.decode([
        ...base.filter(([name]) => !name.startsWith("Participant")),
        ["StatusCallbackEvent", "room-ended"],
        ["RoomDuration", "3600"]
      ])
      expect(ended).toMatchObject({ _tag: "RoomEnded", roomDuration: 3600 })
    }))

  it.effect("decodes an event it does not know to Unknown, keeping every parameter", () =>
    Effect.gen(function*() {
      const event = yield* StatusCallbacks.decode([["StatusCallbackEvent", "room-renamed"], ["RoomName", "x"]])
      expect(event).toEqual({
        _tag: "Unknown",
        event: "room-renamed",
        parameters: { StatusCallbackEvent: "room-renamed", RoomName: "x" }
      })
    }))

  it.effect("fails with a SchemaError for a known event with a parameter it cannot read", () =>
    Effect.gen(function*() {
      const bad = trackAdded.map(([name, value]) => [name, name === "TrackKind" ? "hologram" : value] as const)
      const error = yield* Effect.flip(StatusCallbacks.decode(bad))
      expect(error._tag).toBe("SchemaError")
      const missing = yield* Effect.flip(StatusCallbacks.decode(trackAdded.filter(([name]) => name !== "RoomSid")))
      expect(missing._tag).toBe("SchemaError")
    }))

  it.effect("keeps parameters named like an object's own properties as plain names", () =>
    Effect.gen(function*() {
      const event = yield* StatusCallbacks.decode([
        ["StatusCallbackEvent", "x"],
        ["__proto__", "a"],
        ["constructor", "b"],
        ["hasOwnProperty", "c"]
      ])
      expect(event._tag === "Unknown" && Object.entries(event.parameters)).toEqual([
        ["StatusCallbackEvent", "x"],
        ["__proto__", "a"],
        ["constructor", "b"],
        ["hasOwnProperty", "c"]
      ])
      const known = yield* StatusCallbacks.decode([...trackAdded, ["__proto__", "a"], ["Constructor", "b"]])
      expect(known._tag).toBe("TrackAdded")
    }))

  it.effect("ignores a parameter it does not know, so a new one never breaks an app", () =>
    Effect.gen(function*() {
      const event = yield* StatusCallbacks.decode([...trackAdded, ["MediaRegion", "us1"]])
      expect(event._tag).toBe("TrackAdded")
    }))

  it.effect.prop(
    "reads back what the emulator writes, for every kind of event",
    [Arbitraries.statusCallbackEvent],
    ([event]) =>
      Effect.gen(function*() {
        expect(yield* StatusCallbacks.decode(toParameters(event))).toEqual(event)
      }),
    { arbitrary: { runs: 200 } }
  )
})

describe("StatusCallbacks.verify", () => {
  const url = "https://hooks.example.com/twilio/rooms?tenant=a%20b"

  it.effect("accepts twilio-node's signature, and refuses any changed byte, parameter or URL", () =>
    Effect.gen(function*() {
      const signature = twilioSignature(url, trackAdded)
      yield* StatusCallbacks.verify({ url, parameters: trackAdded, signature })
      const refused = [
        { url, parameters: trackAdded, signature: signature.replace(/^./, (c) => (c === "A" ? "B" : "A")) },
        { url, parameters: trackAdded.map(([n, v]) => [n, n === "RoomName" ? "DailyStandUp" : v] as const), signature },
        { url, parameters: trackAdded.slice(1), signature },
        { url, parameters: [...trackAdded, ["Extra", ""] as const], signature },
        { url: url.replace("rooms", "Rooms"), parameters: trackAdded, signature },
        { url: url.replace("https", "http"), parameters: trackAdded, signature },
        { url, parameters: trackAdded, signature: undefined },
        { url, parameters: trackAdded, signature: "not base64 at all!" }
      ]
      for (const request of refused) {
        const error = yield* Effect.flip(StatusCallbacks.verify(request))
        expect(error._tag).toBe("InvalidSignature")
      }
    }).pipe(Effect.provide(callbacks)))

  it.effect("accepts only the text Twilio writes: not another text of the same bytes", () =>
    Effect.gen(function*() {
      const signature = twilioSignature(url, trackAdded)
      // the last character before the padding carries unused low bits: another letter, same bytes
      const last = signature.at(-2)!
      const sibling = String.fromCharCode(last.charCodeAt(0) ^ 1)
      const variants = [
        `${signature.slice(0, -2)}${sibling}=`,
        `${signature}\n`,
        ` ${signature}`,
        `${signature.slice(0, 5)}\r\n${signature.slice(5)}`,
        signature.replace(/=$/, "")
      ]
      for (const variant of variants) {
        expect(twilio.validateRequest(authToken, variant, url, Object.fromEntries(trackAdded))).toBe(false)
        const error = yield* Effect.flip(StatusCallbacks.verify({ url, parameters: trackAdded, signature: variant }))
        expect(error._tag).toBe("InvalidSignature")
      }
    }).pipe(Effect.provide(callbacks)))

  it.effect("accepts the URL with or without its default port, as Twilio may sign either", () =>
    Effect.gen(function*() {
      const signature = twilioSignature("https://hooks.example.com:443/cb", trackAdded)
      yield* StatusCallbacks.verify({ url: "https://hooks.example.com/cb", parameters: trackAdded, signature })
      const other = twilioSignature("https://hooks.example.com:8443/cb", trackAdded)
      expect(
        (yield* Effect.flip(
          StatusCallbacks.verify({ url: "https://hooks.example.com/cb", parameters: trackAdded, signature: other })
        ))._tag
      ).toBe("InvalidSignature")
    }).pipe(Effect.provide(callbacks)))

  it.effect("signs a name given more than once as twilio-node signs an array: each distinct value, sorted", () =>
    Effect.gen(function*() {
      const parameters = [["Name", "b"], ["Other", "x"], ["Name", "a"], ["Name", "b"]] as const
      const expected = twilio.getExpectedTwilioSignature(authToken, url, { Name: ["b", "a", "b"], Other: "x" })
      const signer = yield* Signature.make(Redacted.make(authToken))
      expect(yield* signer.sign(url, parameters)).toBe(expected)
      yield* StatusCallbacks.verify({ url, parameters, signature: expected })
    }).pipe(Effect.provide(callbacks)))

  it.effect.prop(
    "signs as twilio-node does for any parameters, and verifies what twilio-node signs",
    [Arbitrary.schema(Schema.Array(Schema.Tuple([Schema.String, Schema.String])))],
    ([parameters]) =>
      Effect.gen(function*() {
        const expected = twilio.getExpectedTwilioSignature(authToken, url, Object.fromEntries(parameters))
        const signer = yield* Signature.make(Redacted.make(authToken))
        const unique = [...new Map(parameters)]
        expect(yield* signer.sign(url, unique)).toBe(expected)
        yield* StatusCallbacks.verify({ url, parameters: unique, signature: expected })
      }).pipe(Effect.provide(callbacks)),
    { arbitrary: { runs: 100 } }
  )
})

describe("StatusCallbacks layers", () => {
  it.effect("refuses credentials that hold an API key: Twilio signs callbacks with the auth token", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Effect.provide(
        Effect.service(StatusCallbacks),
        StatusCallbacks.layer().pipe(Layer.provide(TwilioCredentials.layer({
          accountSid,
          apiKeySid: "SKfedcba9876543210fedcba9876543210",
          apiKeySecret: Redacted.make(authToken)
        })))
      ))
      expect(String(exit)).toContain("the auth token is required to verify status callbacks")
      expect(String(exit)).not.toContain(authToken)
    }))

  it.effect("make refuses an empty auth token and a body limit that is not a whole number, naming them", () =>
    Effect.gen(function*() {
      const empty = yield* Effect.exit(StatusCallbacks.make({ authToken: Redacted.make("") }))
      expect(String(empty)).toContain(`at ["authToken"]`)
      const limit = yield* Effect.exit(
        StatusCallbacks.make({ authToken: Redacted.make(authToken), maxBodyBytes: 1000.5 })
      )
      expect(String(limit)).toContain(`at ["maxBodyBytes"]`)
      const zero = yield* Effect.exit(StatusCallbacks.make({ authToken: Redacted.make(authToken), maxBodyBytes: 0 }))
      expect(String(zero)).toContain(`at ["maxBodyBytes"]`)
    }))

  it.effect("layerConfig reads TWILIO_AUTH_TOKEN and names TWILIO_WEBHOOK_BASE_URL when it is not a URL", () =>
    Effect.gen(function*() {
      const fromEnv = (env: Record<string, string>) =>
        Effect.exit(Effect.provide(
          Effect.service(StatusCallbacks),
          StatusCallbacks.layerConfig.pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env }))))
        ))
      expect(String(yield* fromEnv({}))).toContain("TWILIO_AUTH_TOKEN")
      const bad = yield* fromEnv({ TWILIO_AUTH_TOKEN: authToken, TWILIO_WEBHOOK_BASE_URL: "hooks.example.com" })
      expect(String(bad)).toContain(`at ["TWILIO_WEBHOOK_BASE_URL"]`)
      const good = yield* fromEnv({
        TWILIO_AUTH_TOKEN: authToken,
        TWILIO_WEBHOOK_BASE_URL: "https://hooks.example.com/app/"
      })
      expect(good._tag).toBe("Success")
    }))
})
