/**
 * What the client sends for the room tree's writes and filters, and when a write is retried:
 * only where Twilio surely did not process it.
 */
import { describe, expect, it } from "@effect/vitest"
import { InvalidArgument, Participant, Participants, Room, Rooms } from "effect-twilio-video"
import { World } from "effect-twilio-video/testing"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import { json, services, wirePage } from "./support/fakeHttp.js"

const room = World.documentation.rooms[0]!
const roomWire = Schema.encodeSync(Room)(room)
const participantWire = Schema.encodeSync(Participant)(room.participants[0]!)
const twilio = (status: number, headers: Record<string, string> = {}) =>
  json({ code: 20000 + status, message: "x", more_info: "", status }, status, headers)

/** Answers with `answers` in turn, then with the room. */
const sequence = (...answers: Array<() => Response>) => {
  let n = 0
  return () => (answers[n++] ?? (() => json(roomWire, 201)))()
}

describe("writes", () => {
  it.effect("Rooms.create POSTs a form to /v1/Rooms: PascalCase keys, arrays repeated, objects as JSON", () => {
    const { layer, requests } = services(() => json(roomWire, 201))
    return Effect.gen(function*() {
      const created = yield* Rooms.create({
        uniqueName: "Launch day",
        type: "group",
        maxParticipants: 10,
        videoCodecs: ["VP8", "H264"],
        audioOnly: false,
        recordingRules: { rules: [{ type: "include", all: true }] }
      })
      expect(created.sid).toBe(room.sid)
      const [sent] = requests
      expect(sent!.method).toBe("POST")
      expect(sent!.url.href).toBe("https://video.twilio.com/v1/Rooms")
      expect(sent!.headers["content-type"]).toBe("application/x-www-form-urlencoded")
      expect([...new URLSearchParams(sent!.body)]).toEqual([
        ["UniqueName", "Launch day"],
        ["Type", "group"],
        ["MaxParticipants", "10"],
        ["VideoCodecs", "VP8"],
        ["VideoCodecs", "H264"],
        ["RecordingRules", "{\"rules\":[{\"type\":\"include\",\"all\":true}]}"],
        ["AudioOnly", "false"]
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("Rooms.create refuses a parameter outside its schema, saying what it must be, before any request", () => {
    const { layer, requests } = services(() => json(roomWire, 201))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Rooms.create({ uniqueName: "Launch day", maxParticipants: 0 }))
      expect(error).toMatchObject({
        _tag: "InvalidArgument",
        operation: "Rooms.create",
        argument: "maxParticipants",
        reason: "must be an integer from 1 to 50"
      })
      expect(requests).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("Rooms.complete POSTs Status=completed to the room; Participants.disconnect Status=disconnected", () => {
    const { layer, requests } = services((url) =>
      json(url.pathname.includes("Participants") ? participantWire : roomWire, 202)
    )
    return Effect.gen(function*() {
      yield* Rooms.complete({ room: "Daily Standup" })
      yield* Participants.disconnect({ room: room.sid, participant: "Alice" })
      expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
        ["POST", "/v1/Rooms/Daily%20Standup", "Status=completed"],
        ["POST", `/v1/Rooms/${room.sid}/Participants/Alice`, "Status=disconnected"]
      ])
    }).pipe(Effect.provide(layer))
  })

  const surelyNotProcessed: ReadonlyArray<[string, () => Response]> = [
    ["after a 429: Twilio did not process it", () => twilio(429, { "retry-after": "1" })],
    ["when the connection was refused: nothing was sent", () => {
      throw Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", syscall: "connect" })
      })
    }]
  ]
  for (const [what, answer] of surelyNotProcessed) {
    it.effect(`a write is retried ${what}`, () => {
      const { layer, requests } = services(sequence(answer), {})
      return Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(Rooms.create({ uniqueName: "x" }))
        yield* TestClock.adjust("10 seconds")
        yield* Fiber.join(fiber)
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })
  }

  const maybeProcessed: ReadonlyArray<[string, () => Response]> = [
    ["a 500", () => twilio(500)],
    ["a 503", () => twilio(503)],
    [
      "a connection dropped after the request",
      () => {
        throw Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
        })
      }
    ]
  ]
  for (const [what, answer] of maybeProcessed) {
    it.effect(`a write is never retried after ${what}: Twilio may have processed it`, () => {
      const { layer, requests } = services(sequence(answer), {})
      return Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(Effect.flip(Rooms.create({ uniqueName: "x" })))
        yield* TestClock.adjust("1 minute")
        const error = yield* Fiber.join(fiber)
        expect(["ApiError", "TransportError"]).toContain(error._tag)
        if (error._tag === "TransportError") expect(error.connected).toBe(true)
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("a write is never retried after a timeout", () => {
    const { layer, requests } = services(() => Effect.never, { timeout: "5 seconds" })
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Effect.flip(Rooms.complete({ room: room.sid })))
      yield* TestClock.adjust("1 minute")
      expect((yield* Fiber.join(fiber))._tag).toBe("Timeout")
      expect(requests).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  const unreachable: ReadonlyArray<readonly [string, string, number]> = [
    ["while connecting: nothing was sent", "connect", 2],
    ["on the open connection: the request may have left", "read", 1]
  ]
  for (const [where, syscall, attempts] of unreachable) {
    for (const code of ["EHOSTUNREACH", "ENETUNREACH"]) {
      it.effect(`a write after ${code} ${where}, so it is sent ${attempts === 2 ? "again" : "once"}`, () => {
        const failing = () => {
          throw new TypeError("fetch failed", {
            cause: Object.assign(new Error(`${syscall} ${code}`), { code, syscall })
          })
        }
        const { layer, requests } = services(sequence(failing), {})
        return Effect.gen(function*() {
          const fiber = yield* Effect.forkChild(Effect.result(Rooms.create({ uniqueName: "x" })))
          yield* TestClock.adjust("10 seconds")
          yield* Fiber.join(fiber)
          expect(requests).toHaveLength(attempts)
        }).pipe(Effect.provide(layer))
      })
    }
  }

  it.effect("a TransportError says whether the connection was opened", () => {
    const refused = () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND", syscall: "getaddrinfo" } })
    }
    const { layer } = services(refused)
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Rooms.fetch({ room: "x" }))
      expect(error._tag === "TransportError" && error.connected).toBe(false)
    }).pipe(Effect.provide(layer))
  })
})

describe("filters", () => {
  it.effect("are sent as Twilio's query parameters, dates as RFC 3339, before PageSize", () => {
    const { layer, requests } = services((url) =>
      json({ rooms: [], participants: [], meta: wirePage([], url.href, null).meta })
    )
    return Effect.gen(function*() {
      yield* Stream.runDrain(Rooms.list({
        status: "completed",
        uniqueName: "Retro",
        dateCreatedAfter: DateTime.makeUnsafe("2026-11-24T00:00:00Z"),
        dateCreatedBefore: new Date(Date.UTC(2026, 10, 25)),
        pageSize: 20
      }))
      yield* Stream.runDrain(Participants.list({ room: "R", status: "connected", identity: "Zoë" }))
      expect(requests.map((r) => r.url.pathname + r.url.search)).toEqual([
        "/v1/Rooms?Status=completed&UniqueName=Retro&DateCreatedAfter=2026-11-24T00%3A00%3A00Z" +
        "&DateCreatedBefore=2026-11-25T00%3A00%3A00Z&PageSize=20",
        "/v1/Rooms/R/Participants?Status=connected&Identity=Zo%C3%AB"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a listing of rooms follows next pages on /v1/Rooms only", () => {
    const { layer, requests } = services((url) =>
      json({
        ...wirePage(
          [],
          url.href,
          url.search === "" ? `https://video.twilio.com/v1/Rooms/${room.sid}/Participants` : null
        ),
        rooms: []
      })
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(Rooms.list()))
      expect(error._tag).toBe("UnsafeNextPage")
      expect(requests).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a listing of rooms reads the rooms key of a page", () => {
    const { layer } = services((url) => json({ rooms: [roomWire], meta: wirePage([], url.href, null).meta }))
    return Effect.gen(function*() {
      const rooms = yield* Stream.runCollect(Rooms.list())
      expect(rooms.map((r) => r.uniqueName)).toEqual(["DailyStandup"])
    }).pipe(Effect.provide(layer))
  })
})

describe("parameters are checked as Twilio's description documents them, before any request", () => {
  /** A create (or listing) with `params`, expected to be refused for `argument`, with no request. */
  const refused = (
    what: string,
    run: Effect.Effect<unknown, unknown, Rooms | Participants>,
    expected: { readonly operation: string; readonly argument: string; readonly reason: string | RegExp }
  ) =>
    it.effect(what, () => {
      const { layer, requests } = services(() => json(roomWire, 201))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(run)
        expect(error).toBeInstanceOf(InvalidArgument)
        expect(error).toMatchObject({ operation: expected.operation, argument: expected.argument })
        expect((error as InvalidArgument).reason).toMatch(expected.reason)
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  const create = (params: Record<string, unknown>) => Rooms.create(params as Rooms.CreateParams)
  const lone = "Stand\uD800up"
  const unicode = /^must be well-formed Unicode/

  refused("a lone surrogate in uniqueName", create({ uniqueName: lone }), {
    operation: "Rooms.create",
    argument: "uniqueName",
    reason: unicode
  })
  refused("a lone surrogate in mediaRegion", create({ mediaRegion: "\uDC00" }), {
    operation: "Rooms.create",
    argument: "mediaRegion",
    reason: unicode
  })
  refused("a lone surrogate in a room filter", Stream.runDrain(Rooms.list({ uniqueName: lone })), {
    operation: "Rooms.list",
    argument: "uniqueName",
    reason: unicode
  })
  refused(
    "a lone surrogate in a participant filter",
    Stream.runDrain(Participants.list({ room: "DailyStandup", identity: lone })),
    { operation: "Participants.list", argument: "identity", reason: unicode }
  )
  refused("an empty uniqueName", create({ uniqueName: "" }), {
    operation: "Rooms.create",
    argument: "uniqueName",
    reason: "must be a non-empty string"
  })

  const cycle: Record<string, unknown> = { rules: [] }
  cycle.self = cycle
  const objects: ReadonlyArray<readonly [string, unknown, string | RegExp]> = [
    ["holding a BigInt", { rules: [{ type: "include", all: 1n }] }, /^must serialise to a JSON object \(.*BigInt/],
    ["holding a cycle", cycle, /^must serialise to a JSON object \(.*circular/],
    [
      "with a throwing getter",
      Object.defineProperty({}, "rules", {
        enumerable: true,
        get: () => {
          throw new Error("boom")
        }
      }),
      "must serialise to a JSON object (boom)"
    ],
    [
      "whose toJSON throws something other than an Error",
      {
        toJSON: () => {
          throw "nope"
        }
      },
      "must serialise to a JSON object (it throws)"
    ],
    ["whose toJSON gives undefined", { toJSON: () => undefined }, "must serialise to a JSON object"],
    ["whose toJSON gives an array", { toJSON: () => [] }, "must serialise to a JSON object"],
    ["whose toJSON gives a string", { toJSON: () => "rules" }, "must serialise to a JSON object"]
  ]
  for (const [what, value, reason] of objects) {
    refused(`a recordingRules ${what}`, create({ recordingRules: value }), {
      operation: "Rooms.create",
      argument: "recordingRules",
      reason
    })
  }
  class Rules {
    readonly rules = []
  }
  for (
    const [what, value] of [["a Date", new Date(0)], ["a Map", new Map([["rules", []]])], [
      "a class instance",
      new Rules()
    ]]
  ) {
    refused(`a recordingRules that is ${what}, not a plain object`, create({ recordingRules: value }), {
      operation: "Rooms.create",
      argument: "recordingRules",
      reason: "must be a plain object"
    })
  }
  refused("a transcriptionsConfiguration holding a BigInt", create({ transcriptionsConfiguration: { n: 2n } }), {
    operation: "Rooms.create",
    argument: "transcriptionsConfiguration",
    reason: /^must serialise to a JSON object/
  })

  for (
    const url of [
      "javascript:alert(1)",
      "file:///etc/passwd",
      "ftp://example.com/x",
      "/callbacks",
      "data:,x",
      "http:example.com",
      " https://example.com/cb",
      "https://example.com/cb\n"
    ]
  ) {
    refused(`a statusCallback of ${url}`, create({ statusCallback: url }), {
      operation: "Rooms.create",
      argument: "statusCallback",
      reason: "must be an absolute http or https URL"
    })
  }

  const ranges: ReadonlyArray<readonly [string, number, number]> = [
    ["maxParticipants", 1, 50],
    ["maxParticipantDuration", 1, 86_400],
    ["emptyRoomTimeout", 1, 60],
    ["unusedRoomTimeout", 1, 60]
  ]
  for (const [argument, min, max] of ranges) {
    for (const value of [min - 1, max + 1, 1.5, Number("9".repeat(400)), Number.NaN]) {
      refused(`${argument}: ${value}`, create({ [argument]: value }), {
        operation: "Rooms.create",
        argument,
        reason: `must be an integer from ${min} to ${max}`
      })
    }
    it.effect(`${argument}: ${min} and ${max} are sent`, () => {
      const { layer, requests } = services(() => json(roomWire, 201))
      return Effect.gen(function*() {
        yield* create({ [argument]: min })
        yield* create({ [argument]: max })
        const name = argument.charAt(0).toUpperCase() + argument.slice(1)
        expect(requests.map((r) => new URLSearchParams(r.body).get(name))).toEqual([String(min), String(max)])
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("well-formed text (surrogate pairs too), http and https callbacks and JSON objects are sent", () => {
    const { layer, requests } = services(() => json(roomWire, 201))
    return Effect.gen(function*() {
      yield* create({
        uniqueName: "Stand-up 🎥",
        statusCallback: "HTTPS://example.com/callbacks?room=1",
        recordingRules: { toJSON: () => ({ rules: [] }) }
      })
      yield* create({ statusCallback: "http://127.0.0.1:8080/cb" })
      expect(requests.map((r) => [...new URLSearchParams(r.body)])).toEqual([
        [["UniqueName", "Stand-up 🎥"], ["StatusCallback", "HTTPS://example.com/callbacks?room=1"], [
          "RecordingRules",
          "{\"rules\":[]}"
        ]],
        [["StatusCallback", "http://127.0.0.1:8080/cb"]]
      ])
    }).pipe(Effect.provide(layer))
  })
})
