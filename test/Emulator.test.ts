import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, PublishedTrack, PublishedTracks } from "effect-twilio-video"
import { Emulator, EmulatorServer, TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import { mkdtempSync } from "node:fs"
import { createServer } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { sid } from "../src/testing/internal/world.js"
import { rawRequest } from "./support/raw.js"
import { onHttpServer as onServer } from "./support/targets.js"

/** The real client over the emulator, retrying nothing: each fault reaches the caller. */
const once = (world: World.World, options: Emulator.Options) =>
  TestTwilioVideo.layer(world, options).pipe(Layer.provide(ClientConfig.layer({ retry: false })))

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`
const goodAuth = basic(Emulator.accountSid, Redacted.value(Emulator.authToken))
const list = "https://video.twilio.com/v1/Rooms/Crowded/Participants/Publisher/PublishedTracks"

/** A raw GET through the emulator HttpClient: status, headers and parsed body. */
const raw = (url: string, authorization = goodAuth) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const response = yield* client.execute(
      HttpClientRequest.get(url).pipe(HttpClientRequest.setHeader("authorization", authorization))
    )
    return { status: response.status, headers: response.headers, body: yield* response.json }
  })

describe("Emulator (HttpClient)", () => {
  it.effect("answers bad credentials with 401 and Twilio's body, code 20003", () =>
    Effect.gen(function*() {
      const { body, status } = yield* raw(list, basic(Emulator.accountSid, "wrong"))
      expect(status).toBe(401)
      expect(body).toEqual({
        code: 20003,
        message: "Authenticate",
        more_info: "https://www.twilio.com/docs/errors/20003",
        status: 401
      })
    }).pipe(Effect.provide(Emulator.layer(World.crowded(3)))))

  it.effect("accepts other credentials when told to", () =>
    Effect.gen(function*() {
      const { status } = yield* raw(list, basic("SKkey", "secret"))
      expect(status).toBe(200)
    }).pipe(
      Effect.provide(
        Emulator.layer(World.crowded(3), { accept: { username: "SKkey", password: Redacted.make("secret") } })
      )
    ))

  it.effect("answers an unknown resource with 404, code 20404", () =>
    Effect.gen(function*() {
      const { body, status } = yield* raw("https://video.twilio.com/v1/Rooms/Nope/Participants/X/PublishedTracks")
      expect(status).toBe(404)
      expect(body).toMatchObject({ code: 20404, status: 404 })
    }).pipe(Effect.provide(Emulator.layer(World.crowded(3)))))

  for (const size of ["1001", "0", "abc", "1.5"]) {
    it.effect(`answers PageSize=${size} with Twilio's 400`, () =>
      Effect.gen(function*() {
        const { body, status } = yield* raw(`${list}?PageSize=${size}`)
        expect(status).toBe(400)
        expect(body).toMatchObject({ status: 400, code: 20001 })
      }).pipe(Effect.provide(Emulator.layer(World.crowded(3)))))
  }

  it.effect("serves pages whose meta is shaped exactly like Twilio's", () =>
    Effect.gen(function*() {
      const first = (yield* raw(`${list}?PageSize=2`)).body as { meta: unknown; published_tracks: Array<unknown> }
      expect(first.meta).toEqual({
        page: 0,
        page_size: 2,
        first_page_url: `${list}?PageSize=2&Page=0`,
        previous_page_url: null,
        url: `${list}?PageSize=2&Page=0`,
        next_page_url: `${list}?PageSize=2&Page=1&PageToken=PT2`,
        key: "published_tracks"
      })
      const second = (yield* raw(`${list}?PageSize=2&Page=1&PageToken=PT2`)).body as { meta: unknown }
      expect(second.meta).toEqual({
        page: 1,
        page_size: 2,
        first_page_url: `${list}?PageSize=2&Page=0`,
        previous_page_url: `${list}?PageSize=2&Page=0`,
        url: `${list}?PageSize=2&Page=1&PageToken=PT2`,
        next_page_url: null,
        key: "published_tracks"
      })
      // every wire key present, dates to the second, as Twilio writes them
      expect(first.published_tracks[0]).toEqual({
        sid: expect.stringMatching(/^MT[0-9a-f]{32}$/),
        participant_sid: expect.stringMatching(/^PA[0-9a-f]{32}$/),
        room_sid: expect.stringMatching(/^RM[0-9a-f]{32}$/),
        name: "track-0",
        kind: "audio",
        enabled: true,
        url: expect.stringMatching(/^https:\/\/video\.twilio\.com\/v1\/Rooms\/RM/),
        date_created: "2017-12-13T23:46:36Z",
        date_updated: null
      })
    }).pipe(Effect.provide(Emulator.layer(World.crowded(3)))))

  it.effect("a scripted 429 carries Retry-After to the client's RateLimited", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        PublishedTracks.fetch({ room: "Crowded", participant: "Publisher", track: "track-0" })
      )
      expect(error._tag === "RateLimited" && [error.code, error.retryAfter]).toEqual([20429, "3"])
    }).pipe(Effect.provide(once(World.crowded(3), {
      faults: { script: ({ n }) => n === 1 ? { _tag: "RateLimited", retryAfter: "3" } : undefined }
    }))))

  const faultCases = [
    [{ _tag: "ServerError", status: 502 }, "ApiError"],
    [{ _tag: "Drop" }, "TransportError"],
    [{ _tag: "Malformed" }, "DecodeError"],
    [{ _tag: "Truncated" }, "DecodeError"]
  ] as const
  for (const [fault, tag] of faultCases) {
    it.effect(`a scripted ${fault._tag} is a ${tag} in the middle of a listing`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          Stream.runDrain(PublishedTracks.list({ room: "Crowded", participant: "Publisher", pageSize: 2 }))
        )
        expect(error._tag).toBe(tag)
      }).pipe(Effect.provide(once(World.crowded(5), {
        faults: { script: ({ n }) => n === 2 ? fault : undefined }
      }))))
  }

  it.effect("rates are drawn from a seeded generator: the same seed, the same faults", () =>
    Effect.gen(function*() {
      const outcomes = (seed: number) =>
        Effect.forEach(
          Array.from({ length: 200 }),
          () => Effect.map(raw(`${list}?PageSize=1`), (r) => r.status)
        ).pipe(
          Effect.provide(
            Emulator.layer(World.crowded(3), { faults: { seed, rates: { rateLimited: 0.1, serverError: 0.1 } } })
          )
        )
      const a = yield* outcomes(7)
      const b = yield* outcomes(7)
      expect(a).toEqual(b)
      const count = (status: number) => a.filter((s) => s === status).length
      expect(count(429)).toBeGreaterThan(5)
      expect(count(503)).toBeGreaterThan(5)
      expect(count(200)).toBeGreaterThan(120)
    }))

  it.effect("latency delays every answer on the Clock", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(
        PublishedTracks.fetch({ room: "Crowded", participant: "Publisher", track: "track-0" })
      )
      yield* TestClock.adjust("999 millis")
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 millis")
      const track = yield* Fiber.join(fiber)
      expect(Schema.is(PublishedTrack)(track)).toBe(true)
    }).pipe(Effect.provide(TestTwilioVideo.layer(World.crowded(1), { faults: { latency: "1 second" } }))))
})

/** A raw request through the emulator HttpClient, with a form body for a POST: status and parsed body. */
const send = (method: "GET" | "POST" | "DELETE", url: string, form: Record<string, string> = {}) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const request = HttpClientRequest.make(method)(url).pipe(
      HttpClientRequest.setHeader("authorization", goodAuth),
      method === "POST" ? HttpClientRequest.bodyUrlParams(form) : (r) => r
    )
    const response = yield* client.execute(request)
    return { status: response.status, body: (yield* response.json) as { readonly code?: number } }
  })

describe("Emulator (HttpClient): the room tree", () => {
  const rooms = "https://video.twilio.com/v1/Rooms"
  const answers: ReadonlyArray<
    [
      string,
      Effect.Effect<{ status: number; body: { code?: number } }, unknown, HttpClient.HttpClient>,
      number,
      number | undefined
    ]
  > = [
    ["a bad Status filter", send("GET", `${rooms}?Status=done`), 400, 20001],
    ["a bad date filter", send("GET", `${rooms}?DateCreatedAfter=yesterday`), 400, 20001],
    ["a bad participant Status filter", send("GET", `${rooms}/DailyStandup/Participants?Status=gone`), 400, 20001],
    ["a bad MaxParticipants", send("POST", rooms, { MaxParticipants: "ten" }), 400, 20001],
    ["a bad Type", send("POST", rooms, { Type: "huge" }), 400, 20001],
    ["a bad VideoCodecs", send("POST", rooms, { VideoCodecs: "AV1" }), 400, 20001],
    ["RecordingRules that are not JSON", send("POST", rooms, { RecordingRules: "{" }), 400, 20001],
    ["a room update without Status", send("POST", `${rooms}/DailyStandup`), 400, 20001],
    ["a room update to another status", send("POST", `${rooms}/DailyStandup`, { Status: "failed" }), 400, 20001],
    [
      "a participant update to connected",
      send("POST", `${rooms}/DailyStandup/Participants/Alice`, { Status: "connected" }),
      400,
      20001
    ],
    ["an unknown room", send("GET", `${rooms}/Nowhere`), 404, 20404],
    ["an unknown room's participants", send("GET", `${rooms}/Nowhere/Participants`), 404, 20404],
    ["a POST to a listing of participants", send("POST", `${rooms}/DailyStandup/Participants`), 405, 20004],
    [
      "a POST to a published track",
      send("POST", `${rooms}/DailyStandup/Participants/Alice/PublishedTracks`),
      405,
      20004
    ],
    ["a DELETE", send("DELETE", `${rooms}/DailyStandup`), 405, 20004],
    [
      "a created room",
      send("POST", rooms, { UniqueName: "New", MaxParticipants: "4", AudioOnly: "true" }),
      201,
      undefined
    ]
  ]
  for (const [what, request, status, code] of answers) {
    it.effect(`answers ${what} with ${status}${code === undefined ? "" : `, code ${code}`}`, () =>
      Effect.gen(function*() {
        const answer = yield* request
        expect(answer.status).toBe(status)
        expect(answer.body.code).toBe(code)
      }).pipe(Effect.provide(Emulator.layer(World.documentation))))
  }

  it.effect("times a room's creation and end by Effect's Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.adjust("90 minutes")
      const created = yield* send("POST", rooms, { UniqueName: "Timed" })
      yield* TestClock.adjust("30 minutes")
      const ended = yield* send("POST", `${rooms}/Timed`, { Status: "completed" })
      expect(created.body).toMatchObject({
        date_created: "1970-01-01T01:30:00Z",
        status: "in-progress",
        end_time: null
      })
      expect(ended.body).toMatchObject({ end_time: "1970-01-01T02:00:00Z", duration: 1800, status: "completed" })
    }).pipe(Effect.provide(Emulator.layer(World.documentation))))
})

describe("EmulatorServer", () => {
  it.live("listens on a free loopback port and closes with its scope", () =>
    Effect.gen(function*() {
      const url = yield* Effect.scoped(Effect.gen(function*() {
        const server = yield* EmulatorServer.serve(World.documentation)
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        const response = yield* Effect.promise(() =>
          fetch(`${server.url}/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera`, {
            headers: { authorization: goodAuth }
          })
        )
        expect(response.status).toBe(200)
        expect(yield* server.requests).toBe(1)
        return server.url
      }))
      const after = yield* Effect.promise(() => fetch(url).then(() => "answered", () => "refused"))
      expect(after).toBe("refused")
    }))

  it.live("drops the connection when scripted to", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
      )
      expect(error._tag).toBe("TransportError")
    }).pipe(
      Effect.provide(
        EmulatorServer.layerClient(World.documentation, {
          faults: { script: () => ({ _tag: "Drop" }) },
          client: { retry: false }
        }).pipe(
          Layer.provide(FetchHttpClient.layer)
        )
      )
    ))
})

/** The emulator served by effect's own HTTP server (`NodeHttpServer`), and the real client over fetch. */
const onHttpServer = (options: Emulator.Options = {}) =>
  onServer(World.documentation, options, { retry: false, timeout: "200 millis" })

const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }

describe("EmulatorServer.layerHttpServer: on effect's HttpServer", () => {
  it.live("serves at the server's address and counts what it receives", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(server.env["TWILIO_VIDEO_BASE_URL"]).toBe(server.url)
      const track = yield* PublishedTracks.fetch(camera)
      expect(track.name).toBe("Camera")
      expect(yield* server.requests).toBe(1)
    }).pipe(Effect.provide(onHttpServer())))

  it.live("answers a method the API does not have on a path it has with 405, another path with 404", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const status = (method: string, path: string) =>
        Effect.promise(() =>
          fetch(`${server.url}${path}`, { method, headers: { authorization: goodAuth } }).then((r) => r.status)
        )
      expect(yield* status("DELETE", "/v1/Rooms/DailyStandup")).toBe(405)
      expect(yield* status("GET", "/v1/Rooms/DailyStandup/Nowhere")).toBe(404)
      expect(yield* status("GET", "/v1/rooms/DailyStandup")).toBe(404)
    }).pipe(Effect.provide(onHttpServer())))

  it.live("refuses a body over 64 KiB with 413", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const response = yield* Effect.promise(() =>
        fetch(`${server.url}/v1/Rooms`, {
          method: "POST",
          headers: { authorization: goodAuth, "content-type": "application/x-www-form-urlencoded" },
          body: `UniqueName=${"x".repeat(70_000)}`
        })
      )
      expect(response.status).toBe(413)
      expect(yield* Effect.promise(() => response.json())).toMatchObject({ code: 20001, status: 413 })
    }).pipe(Effect.provide(onHttpServer())))

  it.live("drops the connection when scripted to: the client sees the transport fail", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("TransportError")
    }).pipe(Effect.provide(onHttpServer({ faults: { script: () => ({ _tag: "Drop" }) } }))))

  it.live("a request the client gives up on is interrupted in the emulator, and counted", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("Timeout")
      let abandoned = 0
      for (let i = 0; i < 100 && abandoned === 0; i++) {
        yield* Effect.sleep("10 millis")
        abandoned = yield* server.abandoned
      }
      expect(abandoned).toBe(1)
    }).pipe(Effect.provide(onHttpServer({ faults: { script: () => ({ _tag: "Delay", duration: "10 seconds" }) } }))))

  for (
    const [what, request] of [
      ["a Host of [", "GET /v1/Rooms HTTP/1.1\r\nHost: [\r\nConnection: close\r\n\r\n"],
      ["a Host of a b", "GET /v1/Rooms HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"]
    ]
  ) {
    it.live(`answers a request with ${what} with 400 and Twilio's body, as serve does`, () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.EmulatorServer
        const answer = yield* rawRequest(server.url, request)
        expect(answer.status).toMatch(/^HTTP\/1\.1 400 /)
        expect(JSON.parse(answer.body)).toMatchObject({ code: 20001, status: 400 })
      }).pipe(Effect.provide(onHttpServer())))
  }

  it.live("a server on a Unix socket cannot serve it: the layer dies saying so", () =>
    Effect.gen(function*() {
      const path = join(mkdtempSync(join(tmpdir(), "etv-")), "emulator.sock")
      const exit = yield* Effect.exit(Effect.scoped(Layer.build(
        EmulatorServer.layerHttpServer(World.documentation).pipe(
          Layer.provide(NodeHttpServer.layerServer(createServer, { path })),
          Layer.orDie
        )
      )))
      expect(Exit.isFailure(exit) && Cause.pretty(exit.cause)).toMatch(/needs a server on a TCP address/)
    }))
})

describe("EmulatorServer: what a client library would not send", () => {
  const auth = goodAuth
  const head = (method: string, extra = "") =>
    `${method} /v1/Rooms/DailyStandup HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\n${extra}Connection: close\r\n\r\n`

  it.live("answers a HEAD with the GET's status and length, and no body", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.serve(World.documentation)
      const get = yield* rawRequest(server.url, head("GET"))
      const answer = yield* rawRequest(server.url, head("HEAD"))
      expect(answer.status).toBe("HTTP/1.1 200 OK")
      expect(answer.head).toContain(`content-length: ${Buffer.byteLength(get.body)}`)
      expect(answer.body).toBe("")
    }))

  it.live("reads two Authorization headers as node:http does: the first one counts", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.serve(World.documentation)
      const answer = yield* rawRequest(server.url, head("GET", `Authorization: ${basic("someone", "else")}\r\n`))
      expect(answer.status).toBe("HTTP/1.1 200 OK")
    }))

  it.live("a dropped connection is the emulator's doing: not counted as abandoned by the client", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.serve(World.documentation, { faults: { script: () => ({ _tag: "Drop" }) } })
      const answer = yield* rawRequest(server.url, head("GET"))
      expect(answer.status).toBe("")
      expect(yield* server.requests).toBe(1)
      expect(yield* server.abandoned).toBe(0)
    }))

  for (
    const [what, fault] of [
      ["a ServerError status of 99", { _tag: "ServerError", status: 99 }],
      ["a retryAfter with a line break", { _tag: "RateLimited", retryAfter: "1\r\nSet-Cookie: x=y" }]
    ] as const
  ) {
    it.live(`a fault no server could send (${what}) is the emulator's 500 naming it, at once`, () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.serve(World.documentation, { faults: { script: () => fault } })
        const answer = yield* rawRequest(server.url, head("GET")).pipe(Effect.timeout("5 seconds"))
        expect(answer.status).toMatch(/^HTTP\/1\.1 500 /)
        expect(answer.head).not.toContain("Set-Cookie")
        expect(JSON.parse(answer.body)).toMatchObject({
          code: 20500,
          message: expect.stringMatching(/^Invalid fault: /)
        })
      }))

    it.effect(`in memory too, a fault no server could send (${what}) is the emulator's 500 naming it`, () =>
      Effect.gen(function*() {
        const { body, status } = yield* raw(list)
        expect(status).toBe(500)
        expect(body).toMatchObject({ code: 20500, message: expect.stringMatching(/^Invalid fault: /) })
      }).pipe(Effect.provide(Emulator.layer(World.crowded(1), { faults: { script: () => fault } }))))
  }
})

describe("World", () => {
  it("derives valid, deterministic SIDs", () => {
    const a = World.make(World.room("R", World.participant("P", World.track("T"))))
    const b = World.make(World.room("R", World.participant("P", World.track("T"))))
    expect(a).toEqual(b)
    const room = a.rooms[0]!
    expect(room.sid).toMatch(/^RM[0-9a-f]{32}$/)
    expect(room.participants[0]!.sid).toMatch(/^PA[0-9a-f]{32}$/)
    expect(sid("MT", "x")).not.toBe(sid("MT", "y"))
  })

  it("builds fixtures through the production schema: an invalid value throws, naming the field", () => {
    expect(() => World.make(World.room("R", World.participant("P", World.track("T", { sid: "MT-nope" }))))).toThrow(
      /sid/
    )
    expect(() => World.make(World.room({ uniqueName: "R", sid: "RM123" }))).toThrow(/RoomSid/)
  })
})
