/**
 * The world of the testing kit, and what the test layer and emulator do with it; `World.ts` is
 * its public part.
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type * as SchemaIssue from "effect/SchemaIssue"
import * as Semaphore from "effect/Semaphore"
import { formatTimestamp, parseTimestamp } from "../../internal/date.js"
import { decodeOptions } from "../../internal/model.js"
import { Participant as ParticipantSchema, ParticipantStatus } from "../../Participant.js"
import type { Participant as ParticipantModel } from "../../Participant.js"
import { PublishedTrack, TrackKind } from "../../PublishedTrack.js"
import { Room as RoomSchema, RoomStatus, RoomType } from "../../Room.js"
import type { Room as RoomModel } from "../../Room.js"
import type { AccountSid, ParticipantSid, RoomSid } from "../../Sid.js"
import type { SubscribedTrack } from "../../SubscribedTrack.js"
import * as Issues from "./issues.js"

/**
 * A world: its rooms.
 *
 * @since 0.1.0
 * @category models
 */
export interface World {
  readonly rooms: ReadonlyArray<RoomState>
}

/**
 * A room: the `Room` Twilio sends, and its participants.
 *
 * @since 0.1.0
 * @category models
 */
export interface RoomState extends RoomModel {
  readonly participants: ReadonlyArray<ParticipantState>
}

/**
 * A participant: the `Participant` Twilio sends, the tracks it publishes, in publishing order, and
 * whose tracks it receives.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParticipantState extends ParticipantModel {
  readonly tracks: ReadonlyArray<PublishedTrack>
  /**
   * The tracks it receives: `"all"` the other participants' (Twilio's default rule), or these, each
   * a publisher's identity and a track's name.
   */
  readonly subscribesTo: "all" | ReadonlyArray<{ readonly publisher: string; readonly track: string }>
}

const sidOf = (prefix: string) => {
  const pattern = new RegExp(`^${prefix}[0-9a-fA-F]{32}$`)
  return Schema.String.check(Schema.isPattern(pattern, {
    description: `a string matching the pattern ${pattern.source}`,
    message: `Expected "${prefix}" followed by 32 hexadecimal digits`
  }))
}

const Timestamp = Schema.String.check(Schema.makeFilter((text: string) => parseTimestamp(text) !== undefined, {
  message: "Expected an RFC 3339 date and time, such as 2017-12-13T23:46:36Z"
}))

/** A list that may be left out: empty then. */
const listOf = <S extends Schema.Top>(item: S) =>
  Schema.Array(item).pipe(Schema.withDecodingDefault(Effect.succeed([])))

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
})

/**
 * A track to publish.
 *
 * @since 0.1.0
 * @category models
 */
export interface TrackSpec extends Schema.Schema.Type<typeof TrackSpec> {}

/**
 * A participant to build: identity, and optionally its SID, `status` (default `"connected"`), the
 * tracks it publishes, and `subscribesTo` (default `"all"`: every other participant's tracks).
 *
 * @since 0.2.0
 * @category schemas
 */
export const ParticipantSpec = Schema.Struct({
  identity: Schema.String,
  sid: Schema.optional(sidOf("PA")),
  status: Schema.optional(ParticipantStatus),
  tracks: listOf(TrackSpec),
  subscribesTo: Schema.optional(
    Schema.Union([
      Schema.Literal("all"),
      Schema.Array(Schema.Struct({ publisher: Schema.String, track: Schema.String }))
    ])
  )
})

/**
 * A participant to build.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParticipantSpec extends Schema.Schema.Type<typeof ParticipantSpec> {}

/**
 * A room to build: unique name, and optionally its SID, `status` (default `"in-progress"`),
 * `type` (default `"group"`), `dateCreated` (default 2017-12-13T23:46:36Z), `endTime` (for a room
 * that ended: default an hour after it was created), `statusCallback` (the URL the socket emulator
 * sends the room's events to) with `statusCallbackMethod` (default `"POST"`), and participants.
 *
 * @since 0.2.0
 * @category schemas
 */
export const RoomSpec = Schema.Struct({
  uniqueName: Schema.String,
  sid: Schema.optional(sidOf("RM")),
  status: Schema.optional(RoomStatus),
  type: Schema.optional(RoomType),
  dateCreated: Schema.optional(Timestamp),
  endTime: Schema.optional(Timestamp),
  statusCallback: Schema.optional(Schema.String),
  statusCallbackMethod: Schema.optional(Schema.Literals(["GET", "POST"])),
  participants: listOf(ParticipantSpec)
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
 * The origin written into the resources' URLs.
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
 * The account every resource of a world belongs to (the emulator's).
 *
 * @since 0.2.0
 * @category constants
 */
export const accountSid = sid("AC", "emulator") as AccountSid

/**
 * A track to publish.
 *
 * @since 0.1.0
 * @category builders
 */
export const track = (name: string, options: Omit<TrackSpec, "name"> = {}): TrackSpec => ({ ...options, name })

/**
 * A participant, by identity (or `{ identity, sid, status, subscribesTo }`), and the tracks it
 * publishes.
 *
 * @since 0.1.0
 * @category builders
 */
export const participant = (
  identity: string | Omit<ParticipantSpec, "tracks">,
  ...tracks: ReadonlyArray<TrackSpec>
): ParticipantSpec => ({ ...(typeof identity === "string" ? { identity } : identity), tracks })

/**
 * A room, by unique name (or `{ uniqueName, sid, status, type, dateCreated, endTime,
 * statusCallback, statusCallbackMethod }`), and its participants.
 *
 * @since 0.1.0
 * @category builders
 */
export const room = (
  uniqueName: string | Omit<RoomSpec, "participants">,
  ...participants: ReadonlyArray<ParticipantSpec>
): RoomSpec => ({ ...(typeof uniqueName === "string" ? { uniqueName } : uniqueName), participants })

const validateTrack = Schema.decodeUnknownSync(Schema.toType(PublishedTrack))
const validateParticipant = Schema.decodeUnknownSync(Schema.toType(ParticipantSchema))
const validateRoom = Schema.decodeUnknownSync(Schema.toType(RoomSchema))

const date = (field: string, text: string): DateTime.Utc => {
  const millis = parseTimestamp(text)
  if (millis === undefined) throw new Error(`${field}: not an RFC 3339 date and time: ${text}`)
  return DateTime.makeUnsafe(millis)
}

const defaultCreated = "2017-12-13T23:46:36Z"

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
    dateCreated: date("dateCreated", spec.dateCreated ?? defaultCreated),
    dateUpdated: spec.dateUpdated === undefined || spec.dateUpdated === null
      ? Option.none()
      : Option.some(date("dateUpdated", spec.dateUpdated))
  })
}

/** Whole seconds from one date to another. */
const secondsBetween = (from: DateTime.Utc, to: DateTime.Utc) =>
  Math.round((DateTime.toEpochMillis(to) - DateTime.toEpochMillis(from)) / 1000)

/**
 * Builds a participant of a room, checked by the production schema. A participant that is not
 * connected ended when its room did (or when it started, in a room still in progress).
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeParticipant = (room: RoomModel, spec: ParticipantSpec): ParticipantState => {
  const participantSid = spec.sid ?? sid("PA", `${room.sid}/${spec.identity}`)
  const status = spec.status ?? (room.status === "in-progress" ? "connected" : "disconnected")
  const started = room.dateCreated
  const ended = status === "disconnected" ? Option.some(Option.getOrElse(room.endTime, () => started)) : Option.none()
  const url = `${origin}/v1/Rooms/${room.sid}/Participants/${participantSid}`
  const model = validateParticipant({
    sid: participantSid,
    roomSid: room.sid,
    accountSid,
    status,
    identity: spec.identity,
    dateCreated: started,
    dateUpdated: Option.getOrElse(ended, () => started),
    startTime: started,
    endTime: ended,
    duration: Option.map(ended, (end) => secondsBetween(started, end)),
    url,
    links: { published_tracks: `${url}/PublishedTracks`, subscribed_tracks: `${url}/SubscribedTracks` }
  })
  return {
    ...model,
    tracks: spec.tracks.map((t) => makeTrack(room.sid, model.sid, t)),
    subscribesTo: spec.subscribesTo ?? "all"
  }
}

/**
 * Builds a room, checked by the production schema, with Twilio's defaults for a group room.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeRoom = (spec: RoomSpec): RoomState => {
  const roomSid = spec.sid ?? sid("RM", spec.uniqueName)
  const status = spec.status ?? "in-progress"
  const created = date("dateCreated", spec.dateCreated ?? defaultCreated)
  const ended = spec.endTime !== undefined
    ? Option.some(date("endTime", spec.endTime))
    : status === "in-progress"
    ? Option.none()
    : Option.some(DateTime.add(created, { hours: 1 }))
  const url = `${origin}/v1/Rooms/${roomSid}`
  const model = validateRoom({
    sid: roomSid,
    status,
    dateCreated: created,
    dateUpdated: Option.getOrElse(ended, () => created),
    accountSid,
    enableTurn: true,
    uniqueName: spec.uniqueName,
    statusCallback: Option.fromUndefinedOr(spec.statusCallback),
    statusCallbackMethod: spec.statusCallbackMethod ?? "POST",
    endTime: ended,
    duration: Option.map(ended, (end) => secondsBetween(created, end)),
    type: spec.type ?? "group",
    maxParticipants: 50,
    maxParticipantDuration: 14400,
    maxConcurrentPublishedTracks: Option.some(170),
    recordParticipantsOnConnect: false,
    videoCodecs: Option.some(["VP8", "H264"] as const),
    mediaRegion: Option.some("us1"),
    audioOnly: false,
    emptyRoomTimeout: 5,
    unusedRoomTimeout: 5,
    largeRoom: false,
    url,
    links: { participants: `${url}/Participants`, recordings: `${url}/Recordings` }
  })
  return { ...model, participants: spec.participants.map((p) => makeParticipant(model, p)) }
}

/**
 * A world of these rooms.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (...rooms: ReadonlyArray<RoomSpec>): World => ({ rooms: rooms.map(makeRoom) })

const decodeSpec = Schema.decodeUnknownResult(WorldSpec, decodeOptions)

/** The deepest JSON a world may be (a world is 7 deep): a deeper text is refused before it is decoded. */
const maxDepth = 64

/** Whether a parsed JSON value nests deeper than `limit`, measured without recursion. */
const deeperThan = (value: unknown, limit: number): boolean => {
  const pending: Array<readonly [unknown, number]> = [[value, 1]]
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!
    if (typeof next !== "object" || next === null) continue
    if (depth > limit) return true
    for (const child of Object.values(next)) pending.push([child, depth + 1])
  }
  return false
}

/**
 * What is wrong with a world's JSON: one line a place; the alternatives of a union (`"audio"`,
 * `"video"`…) on one line.
 */
const problemsOf = (issue: SchemaIssue.Issue): string => {
  const byPlace = new Map<string, Array<string>>()
  for (const problem of Issues.problems(issue, WorldSpec.ast)) {
    const place = problem.path.length === 0 ? "the file" : problem.path.map(String).join(".")
    if (problem.message.startsWith("Expected undefined")) continue
    byPlace.set(place, [...(byPlace.get(place) ?? []), problem.message])
  }
  return Array.from(byPlace, ([place, messages]) => `${place}: ${messages.join("; or ")}`).join("\n")
}

/**
 * A world from its JSON form (see `WorldSpec`), or a message saying what is wrong with it and where.
 * It never throws: JSON nested deeper than a world can be is refused before it is decoded.
 *
 * @since 0.2.0
 * @category constructors
 */
export const fromJson = (json: string): Result.Result<World, string> => {
  try {
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch (error) {
      return Result.fail(`the file: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (deeperThan(parsed, maxDepth)) return Result.fail(`the file: nested deeper than ${maxDepth} levels`)
    return decodeSpec(parsed).pipe(
      Result.mapError((error) => problemsOf(error.issue)),
      Result.map((spec) => make(...spec.rooms))
    )
  } catch (error) {
    // whatever else goes wrong with a text is its message, never an exception
    return Result.fail(
      `the file: cannot be read as a world (${error instanceof Error ? error.message : String(error)})`
    )
  }
}

/**
 * The world of Twilio's documentation page: room `DailyStandup`, in progress; `Alice` publishing
 * `Camera`; a `Moderator` publishing `moderator-audio` and `moderator-camera`. Each receives the
 * other's tracks.
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
 * A room by SID, or by unique name while it is in progress, as Twilio finds one.
 *
 * @since 0.1.0
 * @category lookups
 */
export const findRoom = (world: World, key: string): Option.Option<RoomState> =>
  Option.fromNullishOr(
    world.rooms.find((r) => r.sid === key) ??
      world.rooms.find((r) => r.uniqueName === key && r.status === "in-progress")
  )

/**
 * A participant of a room by SID or identity (the connected one first, as an identity may have
 * connected more than once).
 *
 * @since 0.1.0
 * @category lookups
 */
export const findParticipant = (room: RoomState, key: string): Option.Option<ParticipantState> =>
  Option.fromNullishOr(
    room.participants.find((p) => p.sid === key) ??
      room.participants.find((p) => p.identity === key && p.status === "connected") ??
      room.participants.find((p) => p.identity === key)
  )

/**
 * A track of a participant by SID or name.
 *
 * @since 0.1.0
 * @category lookups
 */
export const findTrack = (participant: ParticipantState, key: string): Option.Option<PublishedTrack> =>
  Option.fromNullishOr(participant.tracks.find((t) => t.sid === key || t.name === key))

/**
 * The tracks a participant receives in its room: none when it is not connected; otherwise the
 * tracks of the others it subscribes to, each as Twilio describes a subscribed track.
 *
 * @since 0.2.0
 * @category lookups
 */
export const subscribedTracks = (room: RoomState, subscriber: ParticipantState): ReadonlyArray<SubscribedTrack> => {
  if (subscriber.status !== "connected") return []
  const rules = subscriber.subscribesTo
  return room.participants.flatMap((publisher) =>
    publisher.sid === subscriber.sid || publisher.status !== "connected"
      ? []
      : publisher.tracks.filter((t) =>
        rules === "all" || rules.some((rule) => rule.publisher === publisher.identity && rule.track === t.name)
      ).map((t): SubscribedTrack => ({
        sid: t.sid,
        participantSid: subscriber.sid,
        publisherSid: publisher.sid,
        roomSid: room.sid,
        name: t.name,
        dateCreated: t.dateCreated,
        dateUpdated: Option.none(),
        enabled: t.enabled,
        kind: t.kind,
        url: `${origin}/v1/Rooms/${room.sid}/Participants/${subscriber.sid}/SubscribedTracks/${t.sid}`
      }))
  )
}

const updateRoom = (world: World, target: RoomState, f: (room: RoomState) => RoomState): World => ({
  rooms: world.rooms.map((r) => r === target ? f(r) : r)
})

const updateParticipant = (
  room: RoomState,
  target: ParticipantState,
  f: (p: ParticipantState) => ParticipantState
): RoomState => ({
  ...room,
  participants: room.participants.map((p) => p === target ? f(p) : p)
})

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
    () => makeParticipant(theRoom, { identity: participantKey, tracks: [] })
  )
  const updated: ParticipantState = { ...who, tracks: [...who.tracks, makeTrack(theRoom.sid, who.sid, spec)] }
  const room: RoomState = Option.isSome(existingParticipant)
    ? updateParticipant(theRoom, who, () => updated)
    : { ...theRoom, participants: [...theRoom.participants, updated] }
  return Option.isSome(existing) ? updateRoom(world, theRoom, () => room) : { rooms: [...world.rooms, room] }
}

/**
 * Unpublishes a track (by SID or name). A track that is not there leaves the world as it is.
 *
 * @since 0.1.0
 * @category transformations
 */
export const unpublish = (world: World, roomKey: string, participantKey: string, trackKey: string): World =>
  Option.match(findRoom(world, roomKey), {
    onNone: () => world,
    onSome: (room) =>
      Option.match(findParticipant(room, participantKey), {
        onNone: () => world,
        onSome: (who) =>
          updateRoom(world, room, (r) =>
            updateParticipant(r, who, (p) => ({
              ...p,
              tracks: p.tracks.filter((t) => !(t.sid === trackKey || t.name === trackKey))
            })))
      })
  })

/**
 * A new room, created at `at` as Twilio creates one (its `uniqueName` is its SID when none is
 * given, `settings` are the parameters given), and the world with it.
 *
 * @since 0.2.0
 * @category transformations
 */
export const create = (
  world: World,
  params: {
    readonly uniqueName?: string | undefined
    readonly type?: RoomType | undefined
    readonly settings?: Partial<RoomModel> | undefined
  },
  at: DateTime.Utc
): readonly [World, RoomState] => {
  const roomSid = sid("RM", `${params.uniqueName ?? ""}#${world.rooms.length}`)
  const built = makeRoom({
    sid: roomSid,
    uniqueName: params.uniqueName ?? roomSid,
    type: params.type,
    dateCreated: formatTimestamp(DateTime.toEpochMillis(at)),
    participants: []
  })
  const room: RoomState = { ...built, ...params.settings, participants: [] }
  return [{ rooms: [...world.rooms, room] }, room]
}

/**
 * Ends a room now: it becomes `"completed"`, and its participants are disconnected.
 *
 * @since 0.2.0
 * @category transformations
 */
export const complete = (world: World, room: RoomState, now: DateTime.Utc): readonly [World, RoomState] => {
  // a room ends after it began, whatever the clock says (a TestClock starts at 1970)
  const at = DateTime.max(now, room.dateCreated)
  const ended: RoomState = {
    ...room,
    status: "completed",
    endTime: Option.some(at),
    duration: Option.some(secondsBetween(room.dateCreated, at)),
    dateUpdated: at,
    participants: room.participants.map((p) =>
      p.status === "disconnected" ? p : endParticipant(p, DateTime.max(at, p.startTime))
    )
  }
  return [updateRoom(world, room, () => ended), ended]
}

const endParticipant = (p: ParticipantState, at: DateTime.Utc): ParticipantState => ({
  ...p,
  status: "disconnected",
  endTime: Option.some(at),
  duration: Option.some(secondsBetween(p.startTime, at)),
  dateUpdated: at
})

/**
 * Disconnects a participant now.
 *
 * @since 0.2.0
 * @category transformations
 */
export const disconnect = (
  world: World,
  room: RoomState,
  participant: ParticipantState,
  now: DateTime.Utc
): readonly [World, ParticipantState] => {
  const at = DateTime.max(now, participant.startTime)
  const ended = participant.status === "disconnected" ? participant : endParticipant(participant, at)
  return [updateRoom(world, room, (r) => updateParticipant(r, participant, () => ended)), ended]
}

/**
 * Now by Effect's `Clock`, to the whole second, as Twilio writes its timestamps: the time of every
 * change, made through the API or `WorldControl`.
 */
export const currentSecond: Effect.Effect<DateTime.Utc> = Effect.map(
  Clock.currentTimeMillis,
  (millis) => DateTime.makeUnsafe(Math.floor(millis / 1000) * 1000)
)

/**
 * Connects a participant now, with the tracks it publishes: a new participant (a new SID), as each
 * connection is to Twilio, even for an identity that connected before.
 *
 * @since 1.2.0
 * @category transformations
 */
export const connect = (
  world: World,
  room: RoomState,
  spec: ParticipantSpec,
  now: DateTime.Utc
): readonly [World, ParticipantState] => {
  const earlier = room.participants.filter((p) => p.identity === spec.identity).length
  const sidKey = earlier === 0 ? `${room.sid}/${spec.identity}` : `${room.sid}/${spec.identity}#${earlier}`
  const at = DateTime.max(now, room.dateCreated)
  const built = makeParticipant(room, { ...spec, sid: spec.sid ?? sid("PA", sidKey), status: "connected" })
  const joined: ParticipantState = { ...built, dateCreated: at, dateUpdated: at, startTime: at }
  return [updateRoom(world, room, (r) => ({ ...r, participants: [...r.participants, joined] })), joined]
}

/**
 * Enables or disables a participant's track (by SID or name), as its owner pausing or resuming it.
 *
 * @since 1.2.0
 * @category transformations
 */
export const setEnabled = (
  world: World,
  room: RoomState,
  participant: ParticipantState,
  trackKey: string,
  enabled: boolean,
  now: DateTime.Utc
): World =>
  updateRoom(world, room, (r) =>
    updateParticipant(r, participant, (p) => ({
      ...p,
      tracks: p.tracks.map((t) =>
        (t.sid === trackKey || t.name === trackKey) && t.enabled !== enabled
          ? { ...t, enabled, dateUpdated: Option.some(now) }
          : t
      )
    })))

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
  /** Changes it with a function, and gives what the function gives besides the new world. */
  readonly modify: <A>(f: (world: World) => readonly [World, A]) => Effect.Effect<A>
  /** Publishes a track, creating the room and participant when they do not exist yet. */
  readonly publish: (room: string, participant: string, track: TrackSpec) => Effect.Effect<void>
  /** Unpublishes a track (by SID or name). */
  readonly unpublish: (room: string, participant: string, track: string) => Effect.Effect<void>
  /**
   * Connects a participant (an identity, or a `ParticipantSpec` with the tracks it publishes) to a
   * room in progress, as a person's app does with a token; the room is created when there is none,
   * as Twilio creates rooms on connect. Gives the new participant.
   */
  readonly connect: (room: string, participant: string | ParticipantSpec) => Effect.Effect<ParticipantState>
  /** Disconnects a participant (by SID or identity). */
  readonly disconnect: (room: string, participant: string) => Effect.Effect<void>
  /** Enables or disables a participant's track (by SID or name), as its owner resuming or pausing it. */
  readonly setEnabled: (room: string, participant: string, track: string, enabled: boolean) => Effect.Effect<void>
  /** Ends a room, disconnecting its participants. */
  readonly complete: (room: string) => Effect.Effect<void>
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
export const WorldControl: Context.Service<WorldControl, WorldControl> = Context.Service<WorldControl>(
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
  options: {
    readonly rejectCredentials?: boolean | undefined
    /** Told of every change, in order, with the world before and after it. */
    readonly onChange?: ((before: World, after: World) => Effect.Effect<void>) | undefined
  } = {}
): Effect.Effect<WorldControl> =>
  Effect.gen(function*() {
    const state = yield* Ref.make(world)
    const reject = yield* Ref.make(options.rejectCredentials ?? false)
    // one change at a time, so that whoever is told of them sees them in the order they happened
    const lock = yield* Semaphore.make(1)
    const onChange = options.onChange
    const modify = <A>(f: (world: World, now: DateTime.Utc) => readonly [World, A]): Effect.Effect<A> =>
      lock.withPermit(Effect.gen(function*() {
        const now = yield* currentSecond
        const before = yield* Ref.get(state)
        const [after, a] = f(before, now)
        yield* Ref.set(state, after)
        if (onChange !== undefined && after !== before) yield* onChange(before, after)
        return a
      }))
    const update = (f: (world: World, now: DateTime.Utc) => World) => modify((w, now) => [f(w, now), undefined])
    const inRoom = (
      roomKey: string,
      participantKey: string,
      f: (w: World, room: RoomState, who: ParticipantState, now: DateTime.Utc) => World
    ) =>
      update((w, now) =>
        Option.match(findRoom(w, roomKey), {
          onNone: () => w,
          onSome: (room) =>
            Option.match(findParticipant(room, participantKey), {
              onNone: () => w,
              onSome: (who) => f(w, room, who, now)
            })
        })
      )
    return {
      get: Ref.get(state),
      set: (w) => update(() => w),
      modify: (f) => modify((w) => f(w)),
      publish: (r, p, t) => update((w) => publish(w, r, p, t)),
      unpublish: (r, p, t) => update((w) => unpublish(w, r, p, t)),
      connect: (roomKey, spec) =>
        Effect.flatten(modify((w, now): readonly [World, Effect.Effect<ParticipantState>] => {
          const existing = findRoom(w, roomKey)
          if (Option.isSome(existing) && existing.value.status !== "in-progress") {
            // a mistake in the test's own setup, as Twilio refuses to connect anyone to an ended room
            return [w, Effect.die(new Error(`no one can connect to room ${roomKey}: it is ${existing.value.status}`))]
          }
          const [withRoom, room] = Option.isSome(existing)
            ? [w, existing.value] as const
            : create(w, { uniqueName: roomKey }, now)
          const [after, joined] = connect(
            withRoom,
            room,
            typeof spec === "string" ? { identity: spec, tracks: [] } : spec,
            now
          )
          return [after, Effect.succeed(joined)]
        })),
      disconnect: (r, p) => inRoom(r, p, (w, room, who, now) => disconnect(w, room, who, now)[0]),
      setEnabled: (r, p, t, enabled) => inRoom(r, p, (w, room, who, now) => setEnabled(w, room, who, t, enabled, now)),
      complete: (r) =>
        update((w, now) =>
          Option.match(findRoom(w, r), {
            onNone: () => w,
            onSome: (room) => room.status === "in-progress" ? complete(w, room, now)[0] : w
          })
        ),
      rejectCredentials: (value) => Ref.set(reject, value),
      rejecting: Ref.get(reject)
    }
  })
