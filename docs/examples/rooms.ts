/**
 * An application that runs a room's life: it creates a room, lists who joined, then ends it.
 *
 * ```sh
 * npx tsx docs/examples/rooms.ts Standup
 * ```
 */
import { Participants, Rooms, TwilioVideo } from "effect-twilio-video"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/** Creates the room (or takes the one in progress under that name), reports who is in it, and ends it. */
export const runRoom = (uniqueName: string) =>
  Effect.gen(function*() {
    const room = yield* Rooms.create({ uniqueName, maxParticipants: 10, emptyRoomTimeout: 5 }).pipe(
      // a room of that name is already in progress: use it
      Effect.catchTag("ApiError", (error) =>
        error.code === 53113 ? Rooms.fetch({ room: uniqueName }) : Effect.fail(error))
    )
    yield* Console.log(`${room.uniqueName} (${room.sid}) is ${room.status}`)
    const connected = yield* Participants.list({ room: room.sid, status: "connected" }).pipe(
      Stream.map((participant) =>
        participant.identity
      ),
      Stream.runCollect
    )
    yield* Console.log(`connected: ${connected.length === 0 ? "nobody" : connected.join(", ")}`)
    const ended = yield* Rooms.complete({ room: room.sid })
    yield* Console.log(`${ended.uniqueName} is ${ended.status}, after ${Option.getOrElse(ended.duration, () => 0)} s`)
    return ended
  })

if (import.meta.url === `file://${process.argv[1]}`) {
  runRoom(process.argv[2] ?? "Standup").pipe(
    Effect.provide(TwilioVideo.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))),
    Effect.runPromise
  ).catch((error) => {
    console.error(String(error))
    process.exitCode = 1
  })
}
