/**
 * A status callback webhook on effect's HTTP server that keeps a live roster of who is in each
 * room: `POST /twilio/rooms` takes Twilio's callbacks (the rooms' `StatusCallback` URL), checked
 * with the auth token (`TWILIO_AUTH_TOKEN`); `GET /roster` answers `{ "DailyStandup": ["alice"] }`.
 *
 *   npx tsx docs/examples/webhook.ts        # listens on PORT, default 3000
 *
 * Behind a proxy, set `TWILIO_WEBHOOK_BASE_URL` to the public URL Twilio calls (docs/status-callbacks.md).
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { StatusCallbacks } from "effect-twilio-video"
import type { StatusCallbackEvent } from "effect-twilio-video"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import { createServer } from "node:http"

/** Who is connected to each room in progress, by identity. */
type Rooms = ReadonlyMap<string, ReadonlySet<string>>

/** The roster after one event: a connection or disconnection changes a room; an ended room goes. */
const apply = (rooms: Rooms, event: StatusCallbackEvent): Rooms => {
  const next = new Map(rooms)
  switch (event._tag) {
    case "ParticipantConnected":
      next.set(event.roomName, new Set(rooms.get(event.roomName)).add(event.participantIdentity))
      return next
    case "ParticipantDisconnected": {
      const people = new Set(rooms.get(event.roomName))
      people.delete(event.participantIdentity)
      next.set(event.roomName, people)
      return next
    }
    case "RoomEnded":
      next.delete(event.roomName)
      return next
    default:
      return rooms
  }
}

/** The roster, kept in memory. */
export class Roster extends Context.Service<Roster, {
  readonly record: (event: StatusCallbackEvent) => Effect.Effect<void>
  readonly current: Effect.Effect<Record<string, ReadonlyArray<string>>>
}>()("example/Roster") {
  static readonly layer = Layer.effect(
    Roster,
    Effect.map(Ref.make<Rooms>(new Map()), (rooms) => ({
      record: (event) => Ref.update(rooms, (r) => apply(r, event)),
      current: Effect.map(
        Ref.get(rooms),
        (r) => Object.fromEntries([...r].map(([room, people]) => [room, [...people].sort()]))
      )
    }))
  )
}

const Routes = Layer.mergeAll(
  HttpRouter.add(
    "POST",
    "/twilio/rooms",
    StatusCallbacks.handler((event) => Effect.flatMap(Roster, (roster) => roster.record(event)))
  ),
  HttpRouter.add(
    "GET",
    "/roster",
    Effect.flatMap(Roster, (roster) => Effect.flatMap(roster.current, (r) => HttpServerResponse.json(r)))
  )
)

/** The app: both routes, with the roster and `StatusCallbacks` from configuration. It needs an `HttpServer`. */
export const WebhookServer = HttpRouter.serve(Routes).pipe(
  Layer.provide(Roster.layer),
  Layer.provide(StatusCallbacks.layerConfig)
)

if (import.meta.url === `file://${process.argv[1]}`) {
  const NodeServer = Layer.unwrap(
    Effect.map(
      Config.Port("PORT").pipe(Config.withDefault(3000)),
      (port) => NodeHttpServer.layer(createServer, { port })
    )
  )
  NodeRuntime.runMain(Layer.launch(WebhookServer.pipe(Layer.provide(NodeServer))))
}
