/**
 * The emulator answers a create as Twilio would and never stores what it cannot serve back, on
 * every transport of the kit; the socket server serves any loopback address; a world's JSON is
 * a value or a message, never an exception (#22.6).
 */
import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, Rooms, TwilioVideo } from "effect-twilio-video"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createServer } from "node:net"
import { unservable } from "../src/testing/internal/handler.js"
import { integer, oneOf } from "./support/generators.js"

/** Any JSON text. */
const json = Arbitrary.schema(Schema.Json).pipe(Arbitrary.map((value) => JSON.stringify(value)))

const authorization = `Basic ${btoa(`${Emulator.accountSid}:${Redacted.value(Emulator.authToken)}`)}`

/** A raw answer: its status and parsed body. */
interface Answer {
  readonly status: number
  readonly body: unknown
}

/** Twilio's 400 for a parameter it refuses. */
const refusal = (message: string) => ({
  status: 400,
  body: { code: 20001, message, more_info: "https://www.twilio.com/docs/errors/20001", status: 400 }
})

/** A POST of `form` to /v1/Rooms through the in-memory emulator's `HttpClient`, past the client's own checks. */
const postInMemory = (form: Record<string, string | ReadonlyArray<string>>) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const response = yield* client.execute(
      HttpClientRequest.post("https://video.twilio.com/v1/Rooms").pipe(
        HttpClientRequest.setHeader("authorization", authorization),
        HttpClientRequest.bodyUrlParams(form)
      )
    )
    return { status: response.status, body: yield* response.json } satisfies Answer
  })

/** A POST of `form` to /v1/Rooms on the socket server, with `fetch`. */
const postOnSocket = (form: Record<string, string | ReadonlyArray<string>>) =>
  Effect.gen(function*() {
    const server = yield* EmulatorServer.EmulatorServer
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries(form)) {
      for (const item of typeof value === "string" ? [value] : value) body.append(key, item)
    }
    const response = yield* Effect.promise(() =>
      fetch(`${server.url}/v1/Rooms`, { method: "POST", headers: { authorization }, body })
    )
    return { status: response.status, body: yield* Effect.promise(() => response.json() as Promise<unknown>) }
  })

/** The client, and the raw `HttpClient`, over the in-memory emulator. */
const inMemory = () =>
  TwilioVideo.layer.pipe(
    Layer.provideMerge(Emulator.layer(World.documentation)),
    Layer.provide(Emulator.credentials),
    Layer.provide(ClientConfig.layer({ retry: false }))
  )

/** The client over the socket server, through `fetch`. */
const onSocket = () =>
  EmulatorServer.layerClient(World.documentation, { client: { retry: false } }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

/** The unique names of every room, as the client lists and decodes them. */
const listed = Effect.map(
  Stream.runCollect(Rooms.list()),
  (rooms) => rooms.map((room) => room.uniqueName)
)

const between = (name: string, min: number, max: number) => `Invalid ${name}: must be an integer from ${min} to ${max}`

/** Creates Twilio refuses: the form, and the message of its 400. */
const refused: ReadonlyArray<readonly [string, Record<string, string>, string]> = [
  ["MaxParticipants=0", { MaxParticipants: "0" }, between("MaxParticipants", 1, 50)],
  ["MaxParticipants=51", { MaxParticipants: "51" }, between("MaxParticipants", 1, 50)],
  ["MaxParticipants of 400 nines", { MaxParticipants: "9".repeat(400) }, between("MaxParticipants", 1, 50)],
  ["MaxParticipants=1.5", { MaxParticipants: "1.5" }, between("MaxParticipants", 1, 50)],
  ["MaxParticipantDuration=0", { MaxParticipantDuration: "0" }, between("MaxParticipantDuration", 1, 86_400)],
  ["MaxParticipantDuration=86401", { MaxParticipantDuration: "86401" }, between("MaxParticipantDuration", 1, 86_400)],
  ["EmptyRoomTimeout=0", { EmptyRoomTimeout: "0" }, between("EmptyRoomTimeout", 1, 60)],
  ["EmptyRoomTimeout=61", { EmptyRoomTimeout: "61" }, between("EmptyRoomTimeout", 1, 60)],
  ["UnusedRoomTimeout=0", { UnusedRoomTimeout: "0" }, between("UnusedRoomTimeout", 1, 60)],
  ["UnusedRoomTimeout=61", { UnusedRoomTimeout: "61" }, between("UnusedRoomTimeout", 1, 60)],
  ["an empty UniqueName", { UniqueName: "" }, "Invalid UniqueName: must be a non-empty string"],
  [
    "StatusCallback=javascript:alert(1)",
    { UniqueName: "Callback", StatusCallback: "javascript:alert(1)" },
    "Invalid StatusCallback: must be an absolute http or https URL"
  ],
  [
    "StatusCallback=file:///etc/passwd",
    { UniqueName: "Callback", StatusCallback: "file:///etc/passwd" },
    "Invalid StatusCallback: must be an absolute http or https URL"
  ],
  ["RecordingRules=[]", { RecordingRules: "[]" }, "Invalid RecordingRules: must be a plain object"],
  ["RecordingRules=1", { RecordingRules: "1" }, "Invalid RecordingRules: must be a plain object"],
  [
    "TranscriptionsConfiguration=null",
    { TranscriptionsConfiguration: "null" },
    "Invalid TranscriptionsConfiguration: must be a plain object"
  ],
  ["AudioOnly=yes", { AudioOnly: "yes" }, "Invalid AudioOnly: must be a boolean"]
]

/** A create at the edges of every range, and one with every parameter: Twilio's 201. */
const edges = { UniqueName: "Edges", MaxParticipants: "50", EmptyRoomTimeout: "60", UnusedRoomTimeout: "1" }
const everything = {
  UniqueName: "Everything",
  Type: "group",
  StatusCallback: "https://example.com/events",
  StatusCallbackMethod: "GET",
  MaxParticipants: "1",
  MaxParticipantDuration: "86400",
  EmptyRoomTimeout: "1",
  UnusedRoomTimeout: "60",
  RecordParticipantsOnConnect: "true",
  TranscribeParticipantsOnConnect: "false",
  VideoCodecs: ["VP8", "H264"],
  MediaRegion: "de1",
  RecordingRules: JSON.stringify({ rules: [{ type: "include", all: true }] }),
  TranscriptionsConfiguration: "{}",
  AudioOnly: "false",
  LargeRoom: "false",
  EnableTurn: "true"
}

/**
 * The checks of a create over one transport of the kit: `post` sends a raw form past the client's
 * own checks, `layer` gives the client over the same emulator.
 */
const checkedOn = <R, E>(
  transport: string,
  post: (form: Record<string, string>) => Effect.Effect<Answer, unknown, R>,
  layer: () => Layer.Layer<R | TwilioVideo.Services, E>
) =>
  describe(`${transport}: a create is checked with the client's declaration`, () => {
    for (const [what, form, message] of refused) {
      it.live(`answers ${what} with Twilio's 400 naming the parameter, and stores nothing`, () =>
        Effect.gen(function*() {
          expect(yield* post(form)).toEqual(refusal(message))
          expect(yield* listed).toEqual(["DailyStandup"])
        }).pipe(Effect.provide(layer())))
    }

    it.live("answers a create at the edges of every range with 201, and serves the room back", () =>
      Effect.gen(function*() {
        const { body, status } = yield* post(edges)
        expect(status).toBe(201)
        expect(body).toMatchObject({ max_participants: 50, empty_room_timeout: 60, unused_room_timeout: 1 })
        const room = yield* Rooms.fetch({ room: "Edges" })
        expect([room.maxParticipants, room.emptyRoomTimeout, room.unusedRoomTimeout]).toEqual([50, 60, 1])
        expect(yield* listed).toEqual(["DailyStandup", "Edges"])
      }).pipe(Effect.provide(layer())))
  })

checkedOn("Emulator (HttpClient)", postInMemory, inMemory)
checkedOn("EmulatorServer", postOnSocket, onSocket)

describe("Emulator (HttpClient): what a create keeps, and any form", () => {
  it.effect("answers a create with every parameter with 201, and keeps the room's settings", () =>
    Effect.gen(function*() {
      expect((yield* postInMemory(everything)).status).toBe(201)
      const room = yield* Rooms.fetch({ room: "Everything" })
      expect(room.statusCallback).toEqual(Option.some("https://example.com/events"))
      expect(room.videoCodecs).toEqual(Option.some(["VP8", "H264"]))
      expect(room.mediaRegion).toEqual(Option.some("de1"))
      expect([room.statusCallbackMethod, room.maxParticipants, room.maxParticipantDuration]).toEqual(["GET", 1, 86_400])
      expect([room.recordParticipantsOnConnect, room.emptyRoomTimeout, room.unusedRoomTimeout]).toEqual([true, 1, 60])
    }).pipe(Effect.provide(inMemory())))

  const texts = oneOf(
    Arbitrary.schema(Schema.String.check(Schema.isMaxLength(20))),
    integer(-(2 ** 31), 2 ** 31 - 1).pipe(Arbitrary.map(String)),
    Arbitrary.schema(Schema.String.check(Schema.isPattern(/^-?[0-9]{1,20}$/))),
    integer(1, 400).pipe(Arbitrary.map((n) => "9".repeat(n))),
    Arbitrary.schema(
      Schema.Literals(["true", "false", "{}", "[]", "null", "1", "VP8", "group", "https://example.com/x"])
    ),
    json
  )
  const params = Arbitrary.schema(Schema.Literals([
    "UniqueName",
    "Type",
    "StatusCallback",
    "StatusCallbackMethod",
    "MaxParticipants",
    "MaxParticipantDuration",
    "EmptyRoomTimeout",
    "UnusedRoomTimeout",
    "RecordParticipantsOnConnect",
    "VideoCodecs",
    "MediaRegion",
    "RecordingRules",
    "AudioOnly",
    "LargeRoom",
    "EnableTurn"
  ]))
  /** Forms of up to four of `params`, each with any of `texts`. */
  const forms = Arbitrary.array(Arbitrary.all([params, texts]), { maxLength: 4 }).pipe(
    Arbitrary.map((entries): Record<string, string> => Object.fromEntries(entries))
  )
  it.effect("whatever form it is sent, it answers 201 or Twilio's 400, and every room it holds still lists", () =>
    Effect.gen(function*() {
      for (const form of yield* Arbitrary.sampleEffect(forms, { count: 300, seed: 22 })) {
        const { body, status } = yield* postInMemory(form)
        expect([201, 400]).toContain(status)
        if (status === 400) expect(body).toMatchObject({ code: expect.any(Number), status: 400 })
      }
      const names = yield* listed
      expect(names.length).toBeGreaterThan(1)
    }).pipe(Effect.provide(inMemory())))
})

describe("the emulator's guard: a room is stored only if it can be served back", () => {
  const room = World.documentation.rooms[0]!

  it("a room whose wire form decodes with the production model passes", () => {
    expect(unservable(room)).toBeUndefined()
  })

  it("a room that would be written as something the model refuses is named by its parameter", () => {
    // what the emulator stored for 400 nines: a number JSON writes as null
    expect(unservable({ ...room, maxParticipants: Number.POSITIVE_INFINITY })).toMatch(/^Invalid MaxParticipants: /)
    expect(unservable({ ...room, statusCallback: Option.some("not a URL") })).toMatch(/^Invalid StatusCallback: /)
  })
})

/** Whether this machine can listen on `host`. */
const canListen = (host: string) =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(0, host, () => server.close(() => resolve(true)))
  })

const loopbacks = ["::ffff:127.0.0.1", "::1", "127.0.0.2", "localhost"] as const
const listenable = new Map(await Promise.all(loopbacks.map(async (host) => [host, await canListen(host)] as const)))

describe("EmulatorServer: any loopback address", () => {
  for (const host of loopbacks) {
    it.live.skipIf(!listenable.get(host))(
      `bound to ${host}, it answers a real request 200`,
      () =>
        Effect.scoped(Effect.gen(function*() {
          const server = yield* EmulatorServer.serve(World.documentation, { host })
          const response = yield* Effect.promise(() =>
            fetch(`${server.url}/v1/Rooms/DailyStandup`, { headers: { authorization } })
          )
          expect(response.status).toBe(200)
          expect(yield* Effect.promise(() => response.json())).toMatchObject({ unique_name: "DailyStandup" })
          // its URL is an origin as `URL` writes it, the one a client sends
          expect(new URL(server.url).origin).toBe(server.url)
        }))
    )
  }

  it.live.skipIf(!listenable.get("::ffff:127.0.0.1"))(
    "bound to ::ffff:127.0.0.1, its URL is the origin a client uses, and the client runs over it",
    () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.EmulatorServer
        expect(server.url).toMatch(/^http:\/\/\[::ffff:7f00:1\]:\d+$/)
        const room = yield* Rooms.fetch({ room: "DailyStandup" })
        expect(room.uniqueName).toBe("DailyStandup")
      }).pipe(
        Effect.provide(
          EmulatorServer.layerClient(World.documentation, { host: "::ffff:127.0.0.1", client: { retry: false } }).pipe(
            Layer.provide(FetchHttpClient.layer)
          )
        )
      )
  )
})

describe("World.fromJson", () => {
  const deep = 100_000
  const nested: ReadonlyArray<readonly [string, string]> = [
    ["an array", "[".repeat(deep) + "]".repeat(deep)],
    ["an object", "{\"a\":".repeat(deep) + "1" + "}".repeat(deep)],
    ["the rooms", `{"rooms":${"[".repeat(deep)}${"]".repeat(deep)}}`],
    [
      "a participant's subscriptions",
      `{"rooms":[{"uniqueName":"R","participants":[{"identity":"a","subscribesTo":${"[".repeat(deep)}${
        "]".repeat(deep)
      }}]}]}`
    ]
  ]
  for (const [where, text] of nested) {
    it(`a text nested ${deep} deep in ${where} is a message, not an exception`, () => {
      const world = World.fromJson(text)
      expect(Result.isFailure(world) && world.failure).toBe("the file: nested deeper than 64 levels")
    })
  }

  it("a world as deep as a world is still read", () => {
    const world = World.fromJson(JSON.stringify({
      rooms: [{
        uniqueName: "R",
        participants: [{ identity: "a", tracks: [{ name: "t" }], subscribesTo: [{ publisher: "b", track: "u" }] }]
      }]
    }))
    expect(Result.isSuccess(world) && world.success.rooms[0]!.participants[0]!.tracks[0]!.name).toBe("t")
  })

  it.prop(
    "never throws, whatever the text",
    [oneOf(
      Arbitrary.schema(Schema.String),
      json,
      integer(1, 5_000).pipe(Arbitrary.map((n) => `{"rooms":[${"{\"x\":".repeat(n)}1${"}".repeat(n)}]}`))
    )],
    ([text]) => {
      expect(Result.isResult(World.fromJson(text))).toBe(true)
    },
    { arbitrary: { runs: 200 } }
  )
})
