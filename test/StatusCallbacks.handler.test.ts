import { NodeHttpServer } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { StatusCallbacks } from "effect-twilio-video"
import type { StatusCallbackEvent } from "effect-twilio-video"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpRouter from "effect/http/HttpRouter"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import twilio from "twilio"

const authToken = "0123456789abcdef0123456789abcdef"
const path = "/twilio/rooms"
const publicBaseUrl = "https://hooks.example.com/app"

const roomCreated: ReadonlyArray<readonly [string, string]> = [
  ["AccountSid", "AC0123456789abcdef0123456789abcdef"],
  ["RoomName", "DailyStandup"],
  ["RoomSid", "RM0123456789abcdef0123456789abcdef"],
  ["RoomStatus", "in-progress"],
  ["RoomType", "group"],
  ["StatusCallbackEvent", "room-created"],
  ["Timestamp", "2026-12-04T12:00:00.000Z"],
  ["SequenceNumber", "0"]
]

const sign = (url: string, parameters: ReadonlyArray<readonly [string, string]> = []) =>
  twilio.getExpectedTwilioSignature(authToken, url, Object.fromEntries(parameters))

/** The handler on effect's router, on a real socket; `onEvent` sees each event, and fails for a room named "fail". */
const served = (options: Omit<StatusCallbacks.Options, "authToken">, seen: Array<StatusCallbackEvent>) => {
  const onEvent = (event: StatusCallbackEvent) =>
    "roomName" in event && event.roomName === "fail"
      ? Effect.fail("the app's own failure")
      : Effect.sync(() => void seen.push(event))
  const routes = Layer.mergeAll(
    HttpRouter.add("POST", path, StatusCallbacks.handler(onEvent)),
    HttpRouter.add("GET", path, StatusCallbacks.handler(onEvent))
  )
  return HttpRouter.serve(routes, { disableLogger: true }).pipe(
    Layer.provide(
      Layer.effect(StatusCallbacks, StatusCallbacks.make({ ...options, authToken: Redacted.make(authToken) }))
    ),
    Layer.provideMerge(NodeHttpServer.layerTest)
  )
}

const post = (parameters: ReadonlyArray<readonly [string, string]>, headers: Record<string, string>) =>
  Effect.map(
    HttpClient.execute(
      HttpClientRequest.post(path).pipe(
        HttpClientRequest.bodyUrlParams(parameters),
        HttpClientRequest.setHeaders(headers)
      )
    ),
    (response) => response.status
  )

describe("StatusCallbacks.handler on effect's HTTP server", () => {
  it.effect("answers 204 to a signed callback and runs onEvent with its event", () => {
    const seen: Array<StatusCallbackEvent> = []
    return Effect.gen(function*() {
      const status = yield* post(roomCreated, { "x-twilio-signature": sign(publicBaseUrl + path, roomCreated) })
      expect(status).toBe(204)
      expect(seen.map((e) => e._tag)).toEqual(["RoomCreated"])
    }).pipe(Effect.provide(served({ publicBaseUrl }, seen)))
  })

  it.effect("answers 403 to a bad or missing signature, and runs nothing", () => {
    const seen: Array<StatusCallbackEvent> = []
    return Effect.gen(function*() {
      expect(
        yield* post(roomCreated, { "x-twilio-signature": sign("https://elsewhere.example.com" + path, roomCreated) })
      )
        .toBe(403)
      expect(yield* post(roomCreated, {})).toBe(403)
      const changed = roomCreated.map(([n, v]) => [n, n === "RoomName" ? "Other" : v] as const)
      expect(yield* post(changed, { "x-twilio-signature": sign(publicBaseUrl + path, roomCreated) })).toBe(403)
      expect(seen).toEqual([])
    }).pipe(Effect.provide(served({ publicBaseUrl }, seen)))
  })

  it.effect("answers 400 to a signed callback it cannot decode, and 500 when onEvent fails", () => {
    const seen: Array<StatusCallbackEvent> = []
    return Effect.gen(function*() {
      const bad = roomCreated.map(([n, v]) => [n, n === "RoomStatus" ? "paused" : v] as const)
      expect(yield* post(bad, { "x-twilio-signature": sign(publicBaseUrl + path, bad) })).toBe(400)
      const failing = roomCreated.map(([n, v]) => [n, n === "RoomName" ? "fail" : v] as const)
      expect(yield* post(failing, { "x-twilio-signature": sign(publicBaseUrl + path, failing) })).toBe(500)
      expect(seen).toEqual([])
    }).pipe(Effect.provide(served({ publicBaseUrl }, seen)))
  })

  it.effect("under a router prefix, checks the path Twilio called, prefix included", () => {
    const seen: Array<StatusCallbackEvent> = []
    const routes = HttpRouter.addAll([
      HttpRouter.route("POST", "/rooms", StatusCallbacks.handler((event) => Effect.sync(() => void seen.push(event))))
    ], { prefix: "/hooks" })
    const app = HttpRouter.serve(routes, { disableLogger: true }).pipe(
      Layer.provide(
        Layer.effect(StatusCallbacks, StatusCallbacks.make({ publicBaseUrl, authToken: Redacted.make(authToken) }))
      ),
      Layer.provideMerge(NodeHttpServer.layerTest)
    )
    return Effect.gen(function*() {
      const response = yield* HttpClient.execute(
        HttpClientRequest.post("/hooks/rooms").pipe(
          HttpClientRequest.bodyUrlParams(roomCreated),
          HttpClientRequest.setHeader("x-twilio-signature", sign(`${publicBaseUrl}/hooks/rooms`, roomCreated))
        )
      )
      expect(response.status).toBe(204)
      expect(seen.map((e) => e._tag)).toEqual(["RoomCreated"])
    }).pipe(Effect.provide(app))
  })

  it.effect("verifies a GET callback over its URL, query included, and reads the event from the query", () => {
    const seen: Array<StatusCallbackEvent> = []
    return Effect.gen(function*() {
      const query = new URLSearchParams(roomCreated as Array<[string, string]>).toString()
      const response = yield* HttpClient.execute(
        HttpClientRequest.get(`${path}?${query}`).pipe(
          HttpClientRequest.setHeader("x-twilio-signature", sign(`${publicBaseUrl}${path}?${query}`))
        )
      )
      expect(response.status).toBe(204)
      expect(seen.map((e) => e._tag)).toEqual(["RoomCreated"])
    }).pipe(Effect.provide(served({ publicBaseUrl }, seen)))
  })

  it.effect("behind a proxy it trusts, checks the URL of X-Forwarded-Proto and X-Forwarded-Host", () => {
    const seen: Array<StatusCallbackEvent> = []
    return Effect.gen(function*() {
      const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" }
      const signature = sign(`https://hooks.example.com${path}`, roomCreated)
      expect(yield* post(roomCreated, { ...forwarded, "x-twilio-signature": signature })).toBe(204)
      expect(yield* post(roomCreated, { "x-twilio-signature": signature })).toBe(403)
    }).pipe(Effect.provide(served({ trustForwardedHeaders: true }, seen)))
  })

  it.effect("does not trust forwarded headers unless told to", () => {
    const seen: Array<StatusCallbackEvent> = []
    return Effect.gen(function*() {
      const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" }
      const signature = sign(`https://hooks.example.com${path}`, roomCreated)
      expect(yield* post(roomCreated, { ...forwarded, "x-twilio-signature": signature })).toBe(403)
    }).pipe(Effect.provide(served({}, seen)))
  })

  it.effect("answers 400 to a body over the limit", () => {
    const seen: Array<StatusCallbackEvent> = []
    return Effect.gen(function*() {
      const big = [...roomCreated, ["Padding", "x".repeat(2048)] as const]
      expect(yield* post(big, { "x-twilio-signature": sign(publicBaseUrl + path, big) })).toBe(400)
      expect(seen).toEqual([])
    }).pipe(Effect.provide(served({ publicBaseUrl, maxBodyBytes: 1024 }, seen)))
  })
})

describe("StatusCallbacks.toWebHandler", () => {
  const url = "https://hooks.example.com/cb"
  const request = (body: string, signature: string | undefined, method = "POST") =>
    new Request(url, {
      method,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(signature === undefined ? {} : { "x-twilio-signature": signature })
      },
      ...(method === "POST" ? { body } : {})
    })
  const form = new URLSearchParams(roomCreated as Array<[string, string]>).toString()
  const callbacks = Layer.effect(StatusCallbacks, StatusCallbacks.make({ authToken: Redacted.make(authToken) }))

  it.effect("answers Requests with Responses: 204, 403, 405, as the router's handler does", () =>
    Effect.gen(function*() {
      const seen: Array<StatusCallbackEvent> = []
      const handle = yield* StatusCallbacks.toWebHandler((event) => Effect.sync(() => void seen.push(event)))
      expect((yield* Effect.promise(() => handle(request(form, sign(url, roomCreated))))).status).toBe(204)
      expect(yield* Effect.promise(() => handle(request(form, "AAAA")))).toMatchObject({ status: 403 })
      expect(yield* Effect.promise(() => handle(request(form, undefined, "PUT")))).toMatchObject({ status: 405 })
      expect(seen.map((e) => e._tag)).toEqual(["RoomCreated"])
    }).pipe(Effect.provide(callbacks)))

  it.effect("answers 400 to a body over the limit from a Request too", () =>
    Effect.gen(function*() {
      const handle = yield* StatusCallbacks.toWebHandler(() => Effect.void)
      const big = `${form}&Padding=${"x".repeat(100_000)}`
      const response = yield* Effect.promise(() => handle(request(big, sign(url, [...new URLSearchParams(big)]))))
      expect(response.status).toBe(400)
    }).pipe(Effect.provide(callbacks)))

  it.effect("logs an onEvent failure with the event's tag and the cause, and no secret or signature", () =>
    Effect.gen(function*() {
      const logs: Array<string> = []
      const logger = Logger.make((options) => logs.push(Logger.formatLogFmt.log(options)))
      const signature = sign(url, roomCreated)
      const handle = yield* StatusCallbacks.toWebHandler(() => Effect.fail("the app's own failure")).pipe(
        Effect.provide(Logger.layer([logger]))
      )
      expect((yield* Effect.promise(() => handle(request(form, signature)))).status).toBe(500)
      expect(logs.join("\n")).toContain("status callback RoomCreated: the handler failed")
      expect(logs.join("\n")).toContain("the app's own failure")
      expect(logs.join("\n")).not.toContain(authToken)
      expect(logs.join("\n")).not.toContain(signature)
    }).pipe(Effect.provide(callbacks)))

  it.effect("feeds a queue whose events are a Stream, in order", () =>
    Effect.gen(function*() {
      const { events, onEvent } = yield* StatusCallbacks.queue(4)
      const handle = yield* StatusCallbacks.toWebHandler(onEvent)
      for (const n of [0, 1, 2]) {
        const parameters = roomCreated.map(([k, v]) => [k, k === "SequenceNumber" ? String(n) : v] as const)
        const body = new URLSearchParams(parameters as Array<[string, string]>).toString()
        expect(yield* Effect.promise(() => handle(request(body, sign(url, parameters))))).toMatchObject({ status: 204 })
      }
      const taken = yield* Stream.runCollect(Stream.take(events, 3))
      expect(taken.map((e) => "sequenceNumber" in e ? e.sequenceNumber : undefined)).toEqual([0, 1, 2])
    }).pipe(Effect.scoped, Effect.provide(callbacks)))

  const Form = Schema.Array(Schema.Tuple([Schema.String, Schema.String]))
  const answered = new Set<number>()
  it.effect.prop(
    "for any form, body, signature and outcome of onEvent, answers only 204, 400, 403 or 500",
    [
      Arbitrary.schema(Form),
      Arbitrary.schema(Schema.String),
      Arbitrary.schema(Schema.Literals(["signed form", "signed body", "random", "none"])),
      Arbitrary.schema(Schema.Literals(["room-created", "broken room-created", "random"])),
      Arbitrary.schema(Schema.Boolean)
    ],
    ([pairs, raw, signing, event, fails]) =>
      Effect.gen(function*() {
        const broken = roomCreated.map(([n, v]) => [n, n === "RoomStatus" ? raw : v] as const)
        const parameters: Array<readonly [string, string]> = event === "room-created"
          ? [...roomCreated, ...pairs]
          : event === "broken room-created"
          ? [...broken, ...pairs]
          : [...pairs]
        const body = signing === "signed body"
          ? raw
          : new URLSearchParams(parameters as Array<[string, string]>).toString()
        const signature = signing === "signed form"
          ? sign(url, [...new Map(new URLSearchParams(body))])
          : signing === "signed body"
          ? sign(url, [...new Map(new URLSearchParams(raw))])
          : signing === "random"
          ? raw.replace(/[^\x21-\x7e]/g, "") // what a header can carry
          : undefined
        const handle = yield* StatusCallbacks.toWebHandler(() => fails ? Effect.die("boom") : Effect.void)
        const response = yield* Effect.promise(() => handle(request(body, signature)))
        expect([204, 400, 403, 500]).toContain(response.status)
        answered.add(response.status)
      }).pipe(Effect.provide(callbacks)),
    { arbitrary: { runs: 300 } }
  )

  it("the fuzzing reached each of the four answers", () => {
    expect([...answered].sort()).toEqual([204, 400, 403, 500])
  })
})
