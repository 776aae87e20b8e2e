/**
 * The status callbacks a change of the world causes, as Twilio sends them: for each room with a
 * `statusCallback`, the events between the world before and after, in the order they happened
 * (the room created, then each participant's connection, track changes and disconnection, then the
 * room ended), numbered per room; and their delivery, signed with the emulator's auth token.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as Signature from "../../internal/signature.js"
import type { StatusCallbackEvent } from "../../StatusCallbackEvent.js"
import { eventName, toParameters } from "../../StatusCallbackEvent.js"
import { authToken } from "../Emulator.js"
import type { CallbackDelivery } from "../EmulatorServer.js"
import type { ParticipantState, RoomState, World } from "./world.js"
import { accountSid } from "./world.js"

/** A callback to send: where, how, and the event (numbered when it is sent). */
export interface Callback {
  readonly url: string
  readonly method: "GET" | "POST"
  /** The events a world's changes cause: of rooms, participants and tracks (no recordings yet). */
  readonly event: Exclude<StatusCallbackEvent, { readonly _tag: "Unknown" | `Recording${string}` }>
}

type Unnumbered<E> = E extends unknown ? Omit<E, "sequenceNumber"> : never

const roomFields = (room: RoomState, timestamp: Callback["event"]["timestamp"]) => ({
  accountSid,
  roomName: room.uniqueName,
  roomSid: room.sid,
  roomStatus: room.status,
  roomType: room.type,
  timestamp
})

const participantFields = (room: RoomState, p: ParticipantState, timestamp: Callback["event"]["timestamp"]) => ({
  ...roomFields(room, timestamp),
  participantSid: p.sid,
  participantStatus: p.status,
  participantIdentity: p.identity
})

const trackFields = (
  fields: ReturnType<typeof participantFields>,
  track: ParticipantState["tracks"][number]
) => ({ ...fields, trackSid: track.sid, trackKind: track.kind, trackName: Option.none() })

/** The events of one room's change, unnumbered. */
const roomEvents = (
  before: RoomState | undefined,
  after: RoomState,
  at: Callback["event"]["timestamp"]
): Array<Unnumbered<Callback["event"]>> => {
  const events: Array<Unnumbered<Callback["event"]>> = []
  if (before === undefined && after.status === "in-progress") {
    events.push({ _tag: "RoomCreated", ...roomFields(after, at) })
  }
  for (const p of after.participants) {
    const was = before?.participants.find((q) => q.sid === p.sid)
    const fields = participantFields(after, p, at)
    if (was === undefined && p.status !== "connected") continue
    if (was === undefined) events.push({ _tag: "ParticipantConnected", ...fields })
    const earlier = was?.tracks ?? []
    for (const t of p.tracks) {
      const had = earlier.find((u) => u.sid === t.sid)
      const track = trackFields(fields, t)
      if (had === undefined) events.push({ _tag: "TrackAdded", ...track })
      else if (had.enabled !== t.enabled) events.push({ _tag: t.enabled ? "TrackEnabled" : "TrackDisabled", ...track })
    }
    for (const u of earlier) {
      if (!p.tracks.some((t) => t.sid === u.sid)) {
        events.push({ _tag: "TrackRemoved", ...trackFields(fields, u) })
      }
    }
    if (was !== undefined && was.status === "connected" && p.status === "disconnected") {
      events.push({
        _tag: "ParticipantDisconnected",
        ...fields,
        participantDuration: Option.getOrElse(p.duration, () => 0)
      })
    }
  }
  if (before !== undefined && before.status === "in-progress" && after.status === "completed") {
    events.push({
      _tag: "RoomEnded",
      ...roomFields(after, at),
      roomDuration: Option.getOrElse(after.duration, () => 0)
    })
  }
  return events
}

/**
 * A sender of the callbacks of each change: `onChange` for `makeControl` queues them, and the
 * scoped fiber it starts sends them one at a time, in order, through the `HttpClient` in context.
 * `deliveries` tells what became of each.
 */
export const sender: Effect.Effect<
  {
    readonly onChange: (before: World, after: World) => Effect.Effect<void>
    readonly deliveries: Effect.Effect<ReadonlyArray<CallbackDelivery>>
  },
  never,
  HttpClient.HttpClient | Scope.Scope
> = Effect.gen(function*() {
  const client = (yield* HttpClient.HttpClient).pipe(HttpClient.filterStatusOk)
  const queue = yield* Queue.unbounded<Callback>()
  const sequence = new Map<string, number>()
  const log = yield* Ref.make<ReadonlyArray<CallbackDelivery>>([])
  const signer = yield* Signature.make(authToken)
  /** Sends one callback: the status its URL answered, or `"failed"` when it could not be reached. */
  const deliver = (callback: Callback) =>
    Effect.gen(function*() {
      const parameters = toParameters(callback.event)
      const get = callback.method === "GET"
      const given = get
        ? `${callback.url}${callback.url.includes("?") ? "&" : "?"}${new URLSearchParams(
          parameters as Array<[string, string]>
        )}`
        : callback.url
      // the URL as it is sent (the HTTP client normalises it: `'` as `%27`, the host in lower case),
      // which is the one Twilio signs
      const url = new URL(given).href
      const signature = yield* signer.sign(url, get ? [] : parameters)
      const request = (get
        ? HttpClientRequest.get(url)
        : HttpClientRequest.post(url).pipe(HttpClientRequest.bodyUrlParams(parameters))).pipe(
          HttpClientRequest.setHeaders({ "x-twilio-signature": signature, "user-agent": "TwilioProxy/1.1" })
        )
      return yield* client.execute(request).pipe(
        Effect.map((response): number | "failed" => response.status),
        Effect.catch((error) =>
          Effect.succeed(error.reason._tag === "StatusCodeError" ? error.reason.response.status : "failed" as const)
        ),
        Effect.timeoutOrElse({ duration: "5 seconds", orElse: () => Effect.succeed("failed" as const) })
      )
    })
  // each callback is recorded once; one that cannot be sent at all is recorded as failed, and the
  // next ones still go
  const attempt = (callback: Callback) =>
    Effect.flatMap(
      Effect.catchCause(deliver(callback), () => Effect.succeed("failed" as const)),
      (status) =>
        Ref.update(log, (all) => [...all, {
          url: callback.url,
          event: eventName(callback.event._tag),
          sequenceNumber: callback.event.sequenceNumber,
          status
        }])
    )
  yield* Effect.forkScoped(Effect.forever(Effect.flatMap(Queue.take(queue), attempt)))
  return {
    onChange: (before, after) =>
      Effect.flatMap(DateTime.now, (timestamp) => {
        const callbacks: Array<Callback> = []
        for (const room of after.rooms) {
          if (Option.isNone(room.statusCallback)) continue
          const was = before.rooms.find((r) => r.sid === room.sid)
          if (was === room) continue
          for (const event of roomEvents(was, room, timestamp)) {
            const n = sequence.get(room.sid) ?? 0
            sequence.set(room.sid, n + 1)
            callbacks.push({
              url: room.statusCallback.value,
              method: room.statusCallbackMethod,
              event: { ...event, sequenceNumber: n } as Callback["event"]
            })
          }
        }
        return Queue.offerAll(queue, callbacks)
      }).pipe(Effect.asVoid),
    deliveries: Ref.get(log)
  }
})
