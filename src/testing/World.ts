/**
 * An in-memory Twilio Video world: rooms, their participants, and the tracks those publish. The
 * test layer and the emulator both serve one.
 *
 * ```ts
 * const world = World.make(
 *   World.room("DailyStandup",
 *     World.participant("Alice", World.track("Camera", { kind: "video" })))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { parseTimestamp } from "../internal/date.js"
import { PublishedTrack, TrackKind } from "../PublishedTrack.js"
import type { ParticipantSid, RoomSid } from "../Sid.js"
import { ParticipantSid as ParticipantSidSchema, RoomSid as RoomSidSchema } from "../Sid.js"

/**
 * A world: its rooms.
 *
 * @since 0.1.0
 * @category models
 */
export interface World {
  readonly rooms: ReadonlyArray<Room>
}

/**
 * A room: its SID, unique name and participants.
 *
 * @since 0.1.0
 * @category models
 */
export interface Room {
  readonly sid: RoomSid
  readonly uniqueName: string
  readonly participants: ReadonlyArray<Participant>
}

/**
 * A participant: its SID, identity and published tracks.
 *
 * @since 0.1.0
 * @category models
 */
export interface Participant {
  readonly sid: ParticipantSid
  readonly identity: string
  /** Checked by the production `PublishedTrack` schema, in publishing order. */
  readonly tracks: ReadonlyArray<PublishedTrack>
}

const sidOf = (prefix: string) =>
  Schema.String.pipe(Schema.pattern(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), {
    message: () => `Expected "${prefix}" followed by 32 hexadecimal digits`
  }))

const Timestamp = Schema.String.pipe(Schema.filter((text) => parseTimestamp(text) !== undefined, {
  message: () => "Expected an RFC 3339 date and time, such as 2017-12-13T23:46:36Z"
}))

/**
 * A track to publish: its name and, optionally, anything else. What is left out gets a default: a
 * SID derived from the room, participant and name, kind `"audio"`, enabled, created
 * 2017-12-13T23:46:36Z, never updated.
 *
 * @since 0.2.0
 * @category schemas
 */
export const TrackSpec = Schema.Struct({
  name: Schema.String,
  sid: Schema.optional(sidOf("MT")),
  kind: Schema.optional(TrackKind),
  enabled: Schema.optional(Schema.Boolean),
  dateCreated: Schema.optional(Timestamp),
  dateUpdated: Schema.optional(Schema.NullOr(Timestamp))
}).annotations({ identifier: "TrackSpec" })

/**
 * A track to publish.
 *
 * @since 0.1.0
 * @category models
 */
export interface TrackSpec extends Schema.Schema.Type<typeof TrackSpec> {}

/**
 * A participant to build: identity, optional SID, tracks (none when left out).
 *
 * @since 0.2.0
 * @category schemas
 */
export const ParticipantSpec = Schema.Struct({
  identity: Schema.String,
  sid: Schema.optional(sidOf("PA")),
  tracks: Schema.optionalWith(Schema.Array(TrackSpec), { default: () => [] })
})

/**
 * A participant to build.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParticipantSpec extends Schema.Schema.Type<typeof ParticipantSpec> {}

/**
 * A room to build: unique name, optional SID, participants (none when left out).
 *
 * @since 0.2.0
 * @category schemas
 */
export const RoomSpec = Schema.Struct({
  uniqueName: Schema.String,
  sid: Schema.optional(sidOf("RM")),
  participants: Schema.optionalWith(Schema.Array(ParticipantSpec), { default: () => [] })
})

/**
 * A room to build.
 *
 * @since 0.1.0
 * @category models
 */
export interface RoomSpec extends Schema.Schema.Type<typeof RoomSpec> {}

/**
 * A world as JSON: `{ "rooms": [{ "uniqueName": "DailyStandup", "participants": [{ "identity":
 * "Alice", "tracks": [{ "name": "Camera", "kind": "video" }] }] }] }`. Every field of `RoomSpec`,
 * `ParticipantSpec` and `TrackSpec` may be given, in camelCase.
 *
 * @since 0.2.0
 * @category schemas
 */
export const WorldSpec = Schema.Struct({ rooms: Schema.Array(RoomSpec) })

/**
 * The origin written into track URLs.
 *
 * @since 0.1.0
 * @category constants
 */
export const origin = "https://video.twilio.com"

/**
 * A deterministic SID: `prefix` and 32 hex digits derived from `key`. The same key always gives the
 * same SID, so fixtures are stable across runs.
 *
 * @since 0.1.0
 * @category constructors
 */
export const sid = <const Prefix extends string>(prefix: Prefix, key: string): `${Prefix}${string}` => {
  let hex = ""
  for (let round = 0; round < 4; round++) {
    // FNV-1a, 32 bits, a different offset basis a round
    let h = (0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    hex += h.toString(16).padStart(8, "0")
  }
  return `${prefix}${hex}`
}

/**
 * A track to publish.
 *
 * @since 0.1.0
 * @category builders
 */
export const track = (name: string, options: Omit<TrackSpec, "name"> = {}): TrackSpec => ({ ...options, name })

/**
 * A participant, by identity (or `{ identity, sid }`), and the tracks it publishes.
 *
 * @since 0.1.0
 * @category builders
 */
export const participant = (
  identity: string | { readonly identity: string; readonly sid?: string | undefined },
  ...tracks: ReadonlyArray<TrackSpec>
): ParticipantSpec => ({ ...(typeof identity === "string" ? { identity } : identity), tracks })

/**
 * A room, by unique name (or `{ uniqueName, sid }`), and its participants.
 *
 * @since 0.1.0
 * @category builders
 */
export const room = (
  uniqueName: string | { readonly uniqueName: string; readonly sid?: string | undefined },
  ...participants: ReadonlyArray<ParticipantSpec>
): RoomSpec => ({ ...(typeof uniqueName === "string" ? { uniqueName } : uniqueName), participants })

const validateTrack = Schema.validateSync(Schema.typeSchema(PublishedTrack))
const decodeRoomSid = Schema.decodeUnknownSync(RoomSidSchema)
const decodeParticipantSid = Schema.decodeUnknownSync(ParticipantSidSchema)

const date = (field: string, text: string): DateTime.Utc =>
  Option.getOrThrowWith(DateTime.make(text), () => new Error(`${field}: not a date and time: ${text}`)).pipe(
    DateTime.toUtc
  )

/**
 * Builds a track of a participant in a room, checked by the production schema (an invalid SID or
 * date throws, naming the field).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeTrack = (roomSid: RoomSid, participantSid: ParticipantSid, spec: TrackSpec): PublishedTrack => {
  const trackSid = spec.sid ?? sid("MT", `${roomSid}/${participantSid}/${spec.name}`)
  return validateTrack({
    sid: trackSid,
    participantSid,
    roomSid,
    name: spec.name,
    kind: spec.kind ?? "audio",
    enabled: spec.enabled ?? true,
    url: `${origin}/v1/Rooms/${roomSid}/Participants/${participantSid}/PublishedTracks/${trackSid}`,
    dateCreated: date("dateCreated", spec.dateCreated ?? "2017-12-13T23:46:36Z"),
    dateUpdated: spec.dateUpdated === undefined || spec.dateUpdated === null
      ? Option.none()
      : Option.some(date("dateUpdated", spec.dateUpdated))
  })
}

const makeParticipant = (roomSid: RoomSid, spec: ParticipantSpec): Participant => {
  const participantSid = decodeParticipantSid(spec.sid ?? sid("PA", `${roomSid}/${spec.identity}`))
  return {
    sid: participantSid,
    identity: spec.identity,
    tracks: spec.tracks.map((t) => makeTrack(roomSid, participantSid, t))
  }
}

const makeRoom = (spec: RoomSpec): Room => {
  const roomSid = decodeRoomSid(spec.sid ?? sid("RM", spec.uniqueName))
  return {
    sid: roomSid,
    uniqueName: spec.uniqueName,
    participants: spec.participants.map((p) => makeParticipant(roomSid, p))
  }
}

/**
 * A world of these rooms.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (...rooms: ReadonlyArray<RoomSpec>): World => ({ rooms: rooms.map(makeRoom) })

const decodeJson = Schema.decodeUnknownEither(Schema.parseJson(WorldSpec))

/**
 * A world from its JSON form (see `WorldSpec`), or a message saying what is wrong with it and where.
 *
 * @since 0.2.0
 * @category constructors
 */
export const fromJson = (json: string): Either.Either<World, string> =>
  decodeJson(json).pipe(
    Either.mapLeft((error) => {
      // one line a place; the alternatives of a union (`"audio"`, `"video"`…) on one line
      const byPlace = new Map<string, Array<string>>()
      for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
        const place = issue.path.length === 0 ? "the file" : issue.path.join(".")
        if (issue.message.startsWith("Expected undefined")) continue
        byPlace.set(place, [...(byPlace.get(place) ?? []), issue.message])
      }
      return Array.from(byPlace, ([place, messages]) => `${place}: ${messages.join("; or ")}`).join("\n")
    }),
    Either.map((spec) => make(...spec.rooms))
  )

/**
 * The world of Twilio's documentation page: room `DailyStandup`; `Alice` publishing `Camera`; a
 * `Moderator` publishing `moderator-audio` and `moderator-camera`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const documentation: World = make(
  room(
    "DailyStandup",
    participant("Alice", track("Camera", { kind: "video" })),
    participant(
      "Moderator",
      track("moderator-audio", { kind: "audio" }),
      track("moderator-camera", { kind: "video" })
    )
  )
)

/**
 * A participant with `count` tracks named `track-0`, `track-1`…: for paging and load tests.
 *
 * @since 0.1.0
 * @category constructors
 */
export const crowded = (count: number, roomName = "Crowded", identity = "Publisher"): World =>
  make(room(roomName, participant(identity, ...Array.from({ length: count }, (_, i) => track(`track-${i}`)))))

/**
 * A room by SID or unique name.
 *
 * @since 0.1.0
 * @category lookups
 */
export const findRoom = (world: World, key: string): Option.Option<Room> =>
  Option.fromNullable(world.rooms.find((r) => r.sid === key || r.uniqueName === key))

/**
 * A participant of a room by SID or identity.
 *
 * @since 0.1.0
 * @category lookups
 */
export const findParticipant = (room: Room, key: string): Option.Option<Participant> =>
  Option.fromNullable(room.participants.find((p) => p.sid === key || p.identity === key))

/**
 * A track of a participant by SID or name.
 *
 * @since 0.1.0
 * @category lookups
 */
export const findTrack = (participant: Participant, key: string): Option.Option<PublishedTrack> =>
  Option.fromNullable(participant.tracks.find((t) => t.sid === key || t.name === key))

/**
 * Publishes a track, creating the room and participant when they do not exist yet.
 *
 * @since 0.1.0
 * @category transformations
 */
export const publish = (world: World, roomKey: string, participantKey: string, spec: TrackSpec): World => {
  const existing = findRoom(world, roomKey)
  const theRoom = Option.getOrElse(existing, () => makeRoom({ uniqueName: roomKey, participants: [] }))
  const existingParticipant = findParticipant(theRoom, participantKey)
  const who = Option.getOrElse(
    existingParticipant,
    () => makeParticipant(theRoom.sid, { identity: participantKey, tracks: [] })
  )
  const updated: Participant = { ...who, tracks: [...who.tracks, makeTrack(theRoom.sid, who.sid, spec)] }
  const participants = Option.isSome(existingParticipant)
    ? theRoom.participants.map((p) => p === who ? updated : p)
    : [...theRoom.participants, updated]
  const rooms = Option.isSome(existing)
    ? world.rooms.map((r) => r === theRoom ? { ...theRoom, participants } : r)
    : [...world.rooms, { ...theRoom, participants }]
  return { rooms }
}

/**
 * Unpublishes a track (by SID or name). A track that is not there leaves the world as it is.
 *
 * @since 0.1.0
 * @category transformations
 */
export const unpublish = (world: World, roomKey: string, participantKey: string, trackKey: string): World => ({
  rooms: world.rooms.map((r) =>
    r.sid === roomKey || r.uniqueName === roomKey
      ? {
        ...r,
        participants: r.participants.map((p) =>
          p.sid === participantKey || p.identity === participantKey
            ? { ...p, tracks: p.tracks.filter((t) => !(t.sid === trackKey || t.name === trackKey)) }
            : p
        )
      }
      : r
  )
})

/**
 * Changes the world while a test runs. Each test layer (and emulator) build gets its own, so tests
 * running concurrently share nothing.
 *
 * @since 0.1.0
 * @category models
 */
export interface WorldControl {
  /** The world as it is now. */
  readonly get: Effect.Effect<World>
  /** Replaces it. */
  readonly set: (world: World) => Effect.Effect<void>
  readonly publish: (room: string, participant: string, track: TrackSpec) => Effect.Effect<void>
  readonly unpublish: (room: string, participant: string, track: string) => Effect.Effect<void>
  /** While true, every request is refused as Twilio refuses bad credentials (401, code 20003). */
  readonly rejectCredentials: (reject: boolean) => Effect.Effect<void>
  /** Whether requests are being refused. */
  readonly rejecting: Effect.Effect<boolean>
}

/**
 * The `WorldControl` of the test layer or emulator in context.
 *
 * @since 0.1.0
 * @category tags
 */
export const WorldControl: Context.Tag<WorldControl, WorldControl> = Context.GenericTag<WorldControl>(
  "effect-twilio-video/testing/WorldControl"
)

/**
 * A fresh state over `world`, and the control of it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeControl = (
  world: World,
  options: { readonly rejectCredentials?: boolean | undefined } = {}
): Effect.Effect<WorldControl> =>
  Effect.gen(function*() {
    const state = yield* Ref.make(world)
    const reject = yield* Ref.make(options.rejectCredentials ?? false)
    return {
      get: Ref.get(state),
      set: (w) => Ref.set(state, w),
      publish: (r, p, t) => Ref.update(state, (w) => publish(w, r, p, t)),
      unpublish: (r, p, t) => Ref.update(state, (w) => unpublish(w, r, p, t)),
      rejectCredentials: (value) => Ref.set(reject, value),
      rejecting: Ref.get(reject)
    }
  })
