import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, PublishedTracks } from "effect-twilio-video"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { createServer } from "node:http"
import type { IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { credentials, wirePage, wireTrack } from "./support/fakeHttp.js"

/** A real node:http server on 127.0.0.1 that serves two pages and records what it received. */
const server = Effect.acquireRelease(
  Effect.async<{ url: string; seen: Array<IncomingMessage>; close: () => void }>((resume) => {
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
  it.scoped("lists two pages through the real transport", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server
      const layer = PublishedTracks.layer.pipe(
        Layer.provide(Layer.mergeAll(credentials, FetchHttpClient.layer, ClientConfig.layer({ baseUrl: url })))
      )
      const tracks = yield* Stream.runCollect(PublishedTracks.list({ room: "Room 1", participant: "Zoë" })).pipe(
        Effect.provide(layer)
      )
      expect(Chunk.toReadonlyArray(tracks).map((t) => t.name)).toEqual(["track-1", "track-2"])
      expect(seen.map((r) => r.url)).toEqual([
        "/v1/Rooms/Room%201/Participants/Zo%C3%AB/PublishedTracks",
        "/v1/Rooms/Room%201/Participants/Zo%C3%AB/PublishedTracks?PageToken=p2"
      ])
      expect(seen[0]!.headers.authorization).toMatch(/^Basic /)
      expect(seen[0]!.headers["user-agent"]).toMatch(/^effect-twilio-video\//)
    }))
})
