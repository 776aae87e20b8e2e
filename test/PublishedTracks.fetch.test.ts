import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { readFileSync } from "node:fs"
import { accountSid, authToken, client, json, wireTrack } from "./support/fakeHttp.js"

const reference = JSON.parse(
  readFileSync(new URL("./fixtures/twilio_video_v1.room_tree.json", import.meta.url), "utf8")
)
const openApiExample = reference.paths["/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}"].get
  .responses["200"].content["application/json"].examples.fetch.value

// The documentation page's example, with its placeholder SIDs (31 X's: not a valid SID).
const docPageExample = {
  kind: "video",
  name: "Camera",
  date_updated: null,
  sid: "MTXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  enabled: true,
  url:
    "https://video.twilio.com/v1/Rooms/RMXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Participants/PAXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/PublishedTracks/MTXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  date_created: "2017-12-13T23:46:36Z",
  room_sid: "RMXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  participant_sid: "PAXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
}

const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }

describe("PublishedTracks.fetch", () => {
  it.effect("sends GET to the documented URL with Basic auth, Accept and User-Agent", () => {
    const { layer, requests } = client(() => json(openApiExample))
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch(camera)
      expect(requests).toHaveLength(1)
      const [seen] = requests
      expect(seen!.url.href).toBe(
        "https://video.twilio.com/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera"
      )
      expect(seen!.headers["authorization"]).toBe(
        `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`
      )
      expect(seen!.headers["accept"]).toBe("application/json")
      const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
      expect(seen!.headers["user-agent"]).toBe(`effect-twilio-video/${pkg.version}`)
      expect(seen!.headers["traceparent"]).toBeUndefined()
    }).pipe(Effect.provide(layer))
  })

  it.effect("decodes the OpenAPI example into plain camelCase fields, branded SIDs and dates", () => {
    const { layer } = client(() => json(openApiExample))
    return Effect.gen(function*() {
      const track = yield* PublishedTracks.fetch(camera)
      expect(track.sid).toBe("MTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
      expect(track.participantSid).toBe("PAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
      expect(track.roomSid).toBe("RMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
      expect(track.name).toBe("bob-track")
      expect(track.kind).toBe("data")
      expect(track.enabled).toBe(true)
      expect(DateTime.toEpochMillis(track.dateCreated)).toBe(Date.UTC(2015, 6, 30, 20, 0, 0))
      expect(Option.map(track.dateUpdated, DateTime.formatIso)).toEqual(Option.some("2015-07-30T20:00:00.000Z"))
      expect(track.url).toBe(openApiExample.url)
    }).pipe(Effect.provide(layer))
  })

  it.effect("reads as plain values: a SID in a template, a kind compared to a literal", () => {
    const { layer } = client(() => json(openApiExample))
    return Effect.gen(function*() {
      const track = yield* PublishedTracks.fetch(camera)
      expect(`${track.sid} ${track.name}`).toBe("MTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bob-track")
      expect(track.kind === "data").toBe(true)
    }).pipe(Effect.provide(layer))
  })

  it.effect("models a null date_updated as Option.none, and ignores unknown fields", () => {
    const wire = { ...wireTrack(1), date_updated: null, future_field: { nested: true } }
    const { layer } = client(() => json(wire))
    return Effect.gen(function*() {
      const track = yield* PublishedTracks.fetch(camera)
      expect(track.dateUpdated).toEqual(Option.none())
      expect(Object.keys(track)).not.toContain("future_field")
      expect(Object.keys(track)).not.toContain("date_created")
    }).pipe(Effect.provide(layer))
  })

  const required = ["sid", "participant_sid", "room_sid", "name", "kind", "enabled", "url", "date_created"]
  for (const field of required) {
    for (const how of ["null", "absent"] as const) {
      it.effect(`a required ${field} sent ${how} is a DecodeError naming it, and the track's SID`, () => {
        const wire: Record<string, unknown> = { ...wireTrack(7) }
        if (how === "null") wire[field] = null
        else delete wire[field]
        const { layer } = client(() => json(wire))
        return Effect.gen(function*() {
          const error = yield* Effect.flip(PublishedTracks.fetch(camera))
          expect(error._tag).toBe("DecodeError")
          if (error._tag !== "DecodeError") return
          expect(error.field).toBe(field)
          expect(error.sid).toBe(field === "sid" ? undefined : wireTrack(7).sid)
          expect(error.message).toContain(field)
        }).pipe(Effect.provide(layer))
      })
    }
  }

  it.effect("a SID that only ends like one is not named as the track's SID in a DecodeError", () => {
    const { layer } = client(() => json(wireTrack(7, { sid: `xx${wireTrack(7).sid}`, kind: "screen" })))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      expect(error.field).toBe("sid")
      expect(error.sid).toBeUndefined()
    }).pipe(Effect.provide(layer))
  })

  it.effect("a SID that is not a string is not named in a DecodeError, even one that reads as a SID", () => {
    // String(["MT…"]) is "MT…": only a string is read as a SID
    const { layer } = client(() => json(wireTrack(7, { sid: [wireTrack(7).sid] })))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error).toMatchObject({ _tag: "DecodeError", field: "sid" })
      expect(error).not.toHaveProperty("sid")
    }).pipe(Effect.provide(layer))
  })

  it.effect("rejects the documentation page's placeholder SIDs with a DecodeError naming field and URL", () => {
    const { layer } = client(() => json(docPageExample))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      expect(error.field).toBe("sid")
      expect(error.url).toBe("https://video.twilio.com/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera")
      expect(error.message).toContain("sid")
      expect(error.message).toContain(error.url)
    }).pipe(Effect.provide(layer))
  })

  const outside: ReadonlyArray<[string, Record<string, unknown>, string, string]> = [
    ["an unknown kind", { kind: "screen" }, "kind", "got \"screen\""],
    ["a malformed participant SID", { participant_sid: "PA123" }, "participant_sid", "PA"],
    ["a room SID with the wrong prefix", { room_sid: `MT${"a".repeat(32)}` }, "room_sid", "RM"],
    ["a non-date", { date_created: "yesterday" }, "date_created", "Expected an RFC 3339 date and time"],
    ["a non-boolean enabled", { enabled: "yes" }, "enabled", "Expected boolean"],
    ["a relative url", { url: "/v1/Rooms" }, "url", "Expected an absolute URL"]
  ]
  for (const [what, override, field, issue] of outside) {
    it.effect(`fails with a DecodeError on ${what}, saying what was expected`, () => {
      const { layer } = client(() => json(wireTrack(7, override)))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(error._tag).toBe("DecodeError")
        expect(error._tag === "DecodeError" && error.field).toBe(field)
        expect(error._tag === "DecodeError" && error.issue).toContain(issue)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("fails with a DecodeError when a 200 body is not JSON", () => {
    const { layer } = client(() => new Response("<html>gateway</html>", { status: 200 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error).toMatchObject({ _tag: "DecodeError", field: "", issue: "the body is not valid JSON" })
      expect(error.message).toContain("not valid JSON")
    }).pipe(Effect.provide(layer))
  })

  for (const body of [[1, 2, 3], null, 7, "a track", true]) {
    it.effect(`fails with a DecodeError at the body itself when a 200 body is ${JSON.stringify(body)}`, () => {
      const { layer } = client(() => json(body))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(error).toMatchObject({ _tag: "DecodeError", field: "" })
        expect(error._tag === "DecodeError" && error.issue).toMatch(/^Expected /)
        expect(error).not.toHaveProperty("sid")
      }).pipe(Effect.provide(layer))
    })
  }
})

describe("path segments", () => {
  const awkward = [
    "Daily Standup",
    "a/b",
    "what?",
    "#1",
    "100%",
    "..hidden",
    "a/../b",
    "%2e%2e",
    "Zoë 🎥",
    "日本語",
    "+plus&amp=",
    "x".repeat(300)
  ]
  for (const name of awkward) {
    it.effect(`sends ${JSON.stringify(name.slice(0, 20))} as exactly one segment`, () => {
      const { layer, requests } = client(() => json(wireTrack(1)))
      return Effect.gen(function*() {
        yield* PublishedTracks.fetch({ room: name, participant: name, track: name })
        const segments = requests[0]!.url.pathname.split("/")
        expect(segments).toHaveLength(8)
        expect(segments.slice(0, 3)).toEqual(["", "v1", "Rooms"])
        expect(decodeURIComponent(segments[3]!)).toBe(name)
        expect(decodeURIComponent(segments[5]!)).toBe(name)
        expect(decodeURIComponent(segments[7]!)).toBe(name)
        expect(requests[0]!.url.search).toBe("")
      }).pipe(Effect.provide(layer))
    })
  }

  const impossible: ReadonlyArray<[string, string]> = [
    ["", "must not be empty"],
    [".", "cannot be sent"],
    ["..", "cannot be sent"],
    ["\uD800", "lone surrogate"]
  ]
  for (const [value, reason] of impossible) {
    for (const argument of ["room", "participant", "track"] as const) {
      it.effect(`refuses ${JSON.stringify(value)} as ${argument} before any request`, () => {
        const { layer, requests } = client(() => json(wireTrack(1)))
        return Effect.gen(function*() {
          const error = yield* Effect.flip(PublishedTracks.fetch({ ...camera, [argument]: value }))
          expect(error._tag).toBe("InvalidArgument")
          if (error._tag !== "InvalidArgument") return
          expect(error.argument).toBe(argument)
          expect(error.reason).toContain(reason)
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }
  }
})
