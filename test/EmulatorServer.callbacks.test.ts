/**
 * The socket emulator sends status callbacks, over real HTTP, to a webhook on effect's HTTP server
 * that checks them with `StatusCallbacks` and the emulator's auth token, as an app checks Twilio's.
 */
import { NodeHttpServer } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, Rooms, StatusCallbacks, TwilioVideo } from "effect-twilio-video"
import type { StatusCallbackEvent } from "effect-twilio-video"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServer from "effect/http/HttpServer"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { createServer } from "node:http"

/** A webhook at `/hooks` (GET and POST) checking signatures with the emulator's auth token; its URL and events. */
const webhook = Effect.gen(function*() {
  const { events, onEvent } = yield* StatusCallbacks.queue(64)
  const routes = Layer.mergeAll(
    HttpRouter.add("POST", "/hooks", StatusCallbacks.handler(onEvent)),
    HttpRouter.add("GET", "/hooks", StatusCallbacks.handler(onEvent))
  )
  const server = yield* Layer.build(
    HttpRouter.serve(routes, { disableLogger: true, disableListenLog: true }).pipe(
      Layer.provide(Layer.effect(StatusCallbacks, StatusCallbacks.make({ authToken: Emulator.authToken }))),
      Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
    )
  )
  const address = HttpServer.formatAddress(Context.get(server, HttpServer.HttpServer).address)
  return { url: `${address}/hooks`, take: (n: number) => Stream.runCollect(Stream.take(events, n)) }
})

const summary = (events: ReadonlyArray<StatusCallbackEvent>) =>
  events.map((
    e
  ) => [
    e._tag,
    "sequenceNumber" in e ? e.sequenceNumber : undefined,
    "participantIdentity" in e ? e.participantIdentity : undefined
  ])

describe("the socket emulator's status callbacks", () => {
  it.live("sends each change of a room, signed, in order, numbered from 0", () =>
    Effect.gen(function*() {
      const hook = yield* webhook
      const server = yield* EmulatorServer.serve(
        World.make(World.room({ uniqueName: "Standup", statusCallback: hook.url }))
      )
      const { control } = server
      yield* control.connect("Standup", "ana")
      yield* control.publish("Standup", "ana", World.track("camera", { kind: "video" }))
      yield* control.setEnabled("Standup", "ana", "camera", false)
      yield* control.setEnabled("Standup", "ana", "camera", true)
      yield* control.unpublish("Standup", "ana", "camera")
      yield* control.disconnect("Standup", "ana")
      yield* control.complete("Standup")
      const events = yield* hook.take(7)
      expect(summary(events)).toEqual([
        ["ParticipantConnected", 0, "ana"],
        ["TrackAdded", 1, "ana"],
        ["TrackDisabled", 2, "ana"],
        ["TrackEnabled", 3, "ana"],
        ["TrackRemoved", 4, "ana"],
        ["ParticipantDisconnected", 5, "ana"],
        ["RoomEnded", 6, undefined]
      ])
      expect(events[1]).toMatchObject({ trackKind: "video", roomName: "Standup", accountSid: Emulator.accountSid })
      const deliveries = yield* Effect.repeat(server.callbacks, { until: (all) => all.length === 7 })
      expect(deliveries.map((d) => d.status)).toEqual([204, 204, 204, 204, 204, 204, 204])
    }).pipe(Effect.scoped))

  it.live("sends room-created for a room created through the API, and room-ended when it is completed", () =>
    Effect.gen(function*() {
      const hook = yield* webhook
      const server = yield* EmulatorServer.serve(World.make())
      const rooms = TwilioVideo.layer.pipe(
        Layer.provide(Emulator.credentials),
        Layer.provide(ClientConfig.layer({ baseUrl: server.url })),
        Layer.provide(FetchHttpClient.layer)
      )
      yield* Effect.gen(function*() {
        const room = yield* Rooms.create({ uniqueName: "Retro", statusCallback: hook.url })
        yield* server.control.connect("Retro", World.participant("ben", World.track("mic")))
        yield* Rooms.complete({ room: room.sid })
      }).pipe(Effect.provide(rooms))
      expect(summary(yield* hook.take(5))).toEqual([
        ["RoomCreated", 0, undefined],
        ["ParticipantConnected", 1, "ben"],
        ["TrackAdded", 2, "ben"],
        ["ParticipantDisconnected", 3, "ben"],
        ["RoomEnded", 4, undefined]
      ])
    }).pipe(Effect.scoped))

  it.live("sends a GET callback, signed over its URL, to a room whose method is GET", () =>
    Effect.gen(function*() {
      const hook = yield* webhook
      const server = yield* EmulatorServer.serve(
        World.make(World.room({ uniqueName: "Q", statusCallback: `${hook.url}?tenant=a`, statusCallbackMethod: "GET" }))
      )
      yield* server.control.connect("Q", "cy")
      expect(summary(yield* hook.take(1))).toEqual([["ParticipantConnected", 0, "cy"]])
      const deliveries = yield* Effect.repeat(server.callbacks, { until: (all) => all.length === 1 })
      expect(deliveries[0]).toMatchObject({ event: "participant-connected", status: 204 })
    }).pipe(Effect.scoped))

  it.live("signs the URL as it is sent, for a URL the HTTP client normalises", () =>
    Effect.gen(function*() {
      const hook = yield* webhook
      const server = yield* EmulatorServer.serve(World.make(
        World.room({ uniqueName: "Quoted", statusCallback: `${hook.url}?tenant=o'hara&x=/a/../b` }),
        World.room({
          uniqueName: "QuotedGet",
          statusCallback: `${hook.url}?tenant=o'hara`,
          statusCallbackMethod: "GET"
        })
      ))
      yield* server.control.connect("Quoted", "eve")
      yield* server.control.connect("QuotedGet", "eve")
      expect(summary(yield* hook.take(2))).toEqual([["ParticipantConnected", 0, "eve"], [
        "ParticipantConnected",
        0,
        "eve"
      ]])
    }).pipe(Effect.scoped))

  it.live("sends nothing for a room without a statusCallback, and records a URL it cannot reach as failed", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.serve(World.make(
        World.room("Quiet"),
        World.room({ uniqueName: "Lost", statusCallback: "http://127.0.0.1:9/nowhere" })
      ))
      yield* server.control.connect("Quiet", "dee")
      yield* server.control.connect("Lost", "dee")
      const deliveries = yield* Effect.repeat(server.callbacks, { until: (all) => all.length > 0 })
      expect(deliveries).toEqual([
        { url: "http://127.0.0.1:9/nowhere", event: "participant-connected", sequenceNumber: 0, status: "failed" }
      ])
    }).pipe(Effect.scoped))
})
