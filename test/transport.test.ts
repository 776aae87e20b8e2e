import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, PublishedTracks, Rooms } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { createServer } from "node:http"
import type { IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { credentials, wirePage, wireTrack } from "./support/fakeHttp.js"
import { httpClients } from "./support/loopback.js"

/** A real node:http server on 127.0.0.1 that serves two pages and records what it received. */
const server = Effect.acquireRelease(
  Effect.callback<{ url: string; seen: Array<IncomingMessage>; close: () => void }>((resume) => {
    const seen: Array<IncomingMessage> = []
    const s = createServer((req, res) => {
      seen.push(req)
      const here = new URL(req.url!, `http://${req.headers.host}`)
      const next = here.searchParams.has("PageToken") ? null : `${here.origin}${here.pathname}?PageToken=p2`
      const body = wirePage([wireTrack(seen.length)], here.href, next)
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body))
    })
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, seen, close: () => s.close() }))
    })
  }),
  (s) => Effect.sync(s.close)
)

describe("over FetchHttpClient and a real socket", () => {
  it.effect("lists two pages through the real transport", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server
      const layer = PublishedTracks.layer.pipe(
        Layer.provide(Layer.mergeAll(credentials, FetchHttpClient.layer, ClientConfig.layer({ baseUrl: url })))
      )
      const tracks = yield* Stream.runCollect(PublishedTracks.list({ room: "Room 1", participant: "Zoë" })).pipe(
        Effect.provide(layer)
      )
      expect(tracks.map((t) => t.name)).toEqual(["track-1", "track-2"])
      expect(seen.map((r) => r.url)).toEqual([
        "/v1/Rooms/Room%201/Participants/Zo%C3%AB/PublishedTracks",
        "/v1/Rooms/Room%201/Participants/Zo%C3%AB/PublishedTracks?PageToken=p2"
      ])
      expect(seen[0]!.headers.authorization).toMatch(/^Basic /)
      expect(seen[0]!.headers["user-agent"]).toMatch(/^effect-twilio-video\//)
    }))
})

describe("whether a failed request may have left, from the step that failed, over a real socket", () => {
  /** A port nothing listens on: taken, then freed. */
  const closedPort = Effect.callback<number>((resume) => {
    const s = createServer()
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo
      s.close(() => resume(Effect.succeed(port)))
    })
  })
  /** A server that reads the request, then drops the connection without an answer. */
  const dropping = Effect.acquireRelease(
    Effect.callback<{ url: string; close: () => void }>((resume) => {
      const s = createServer((req) => req.socket.destroy())
      s.listen(0, "127.0.0.1", () => {
        const { port } = s.address() as AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, close: () => s.close() }))
      })
    }),
    (s) => Effect.sync(s.close)
  )
  const create = (http: Layer.Layer<HttpClient.HttpClient>, baseUrl: string) =>
    Effect.flip(Rooms.create({ uniqueName: "x" })).pipe(
      Effect.provide(Rooms.layer.pipe(
        Layer.provide(Layer.mergeAll(
          credentials,
          http,
          ClientConfig.layer({ baseUrl, retry: { maxAttempts: 2, baseDelay: "1 millis", maxDelay: "1 millis" } })
        ))
      ))
    )
  for (const { layer: http, name } of httpClients) {
    it.live(`a refused connection never opened, so a write is tried again (${name})`, () =>
      Effect.gen(function*() {
        const error = yield* create(http, `http://127.0.0.1:${yield* closedPort}`)
        expect(error).toMatchObject({ _tag: "TransportError", connected: false })
      }))
    it.effect(`a connection dropped after the request had opened, so a write is sent once (${name})`, () =>
      Effect.gen(function*() {
        const server = yield* dropping
        const error = yield* create(http, server.url)
        expect(error).toMatchObject({ _tag: "TransportError", connected: true })
      }))
  }
})
