/**
 * The events of a room's status callbacks, as Twilio documents them: one schema each, with the
 * parameters Twilio sends for it as plain values (SIDs branded, timestamps `DateTime.Utc`,
 * durations and sizes numbers), and `Option` only where a parameter can be absent for that event.
 * Each field's parameter is its name in PascalCase (`roomSid` is `RoomSid`). An event name not
 * known here decodes to `Unknown`, which keeps every parameter.
 *
 * @since 1.2.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { pascalCase } from "./internal/form.js"
import { ParticipantStatus } from "./Participant.js"
import { TrackKind } from "./PublishedTrack.js"
import { RoomStatus, RoomType } from "./Room.js"
import { AccountSid, ParticipantSid, RecordingSid, RoomSid, TrackSid } from "./Sid.js"

/** A whole number sent as text: a duration in seconds, a size in bytes, a sequence number. */
const Count = Schema.NumberFromString.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))

const room = {
  accountSid: AccountSid,
  roomName: Schema.String,
  roomSid: RoomSid,
  roomStatus: RoomStatus,
  roomType: RoomType,
  /** When the event happened: what orders events (`sequenceNumber` does not). */
  timestamp: Schema.DateTimeUtcFromString,
  sequenceNumber: Count
}

const participant = {
  ...room,
  participantSid: ParticipantSid,
  participantStatus: ParticipantStatus,
  participantIdentity: Schema.String
}

const track = {
  ...participant,
  trackSid: TrackSid,
  trackKind: TrackKind,
  /** Documented for recordings only; sent with track events by some rooms. */
  trackName: Schema.OptionFromOptionalKey(Schema.String)
}

const recording = {
  accountSid: AccountSid,
  roomName: Schema.String,
  roomSid: RoomSid,
  roomType: RoomType,
  /** Not in the documented parameters of recording events. */
  roomStatus: Schema.OptionFromOptionalKey(RoomStatus),
  timestamp: Schema.DateTimeUtcFromString,
  sequenceNumber: Schema.OptionFromOptionalKey(Count),
  recordingSid: RecordingSid,
  participantSid: ParticipantSid,
  participantIdentity: Schema.String,
  /** The recorded track. */
  sourceSid: TrackSid,
  /** The recording's URI, relative to the API's origin. */
  recordingUri: Schema.String,
  container: Schema.Literals(["mka", "mkv"]),
  codec: Schema.Literals(["PCMU", "OPUS", "VP8", "H264"]),
  /** The track's name, or its SID when it has none. */
  trackName: Schema.String,
  /** Milliseconds from the Twilio Video epoch to the recording's start. */
  offsetFromTwilioVideoEpoch: Count,
  type: Schema.Literals(["audio", "video", "data"])
}

// Each event's schema, tagged; `known` maps the name Twilio sends as `StatusCallbackEvent` to it.
export const RoomCreated = Schema.TaggedStruct("RoomCreated", room)
export const RoomEnded = Schema.TaggedStruct("RoomEnded", { ...room, roomDuration: Count })
export const ParticipantConnected = Schema.TaggedStruct("ParticipantConnected", participant)
export const ParticipantDisconnected = Schema.TaggedStruct("ParticipantDisconnected", {
  ...participant,
  /** Seconds the participant was connected. */
  participantDuration: Count
})
export const TrackAdded = Schema.TaggedStruct("TrackAdded", track)
export const TrackRemoved = Schema.TaggedStruct("TrackRemoved", track)
export const TrackEnabled = Schema.TaggedStruct("TrackEnabled", track)
export const TrackDisabled = Schema.TaggedStruct("TrackDisabled", track)
export const RecordingStarted = Schema.TaggedStruct("RecordingStarted", recording)
export const RecordingCompleted = Schema.TaggedStruct("RecordingCompleted", {
  ...recording,
  mediaUri: Schema.String,
  /** Seconds. */
  duration: Count,
  /** Bytes. */
  size: Count,
  /** Where the media was stored, for accounts with external storage. */
  mediaExternalLocation: Schema.OptionFromOptionalKey(Schema.String)
})
export const RecordingFailed = Schema.TaggedStruct("RecordingFailed", {
  ...recording,
  failedOperation: Schema.Literals(["RecordingStart", "RecordingComplete", "RecordingUpload"])
})

/** An event whose name this version does not know: its name and every parameter, as sent. */
export const Unknown = Schema.TaggedStruct("Unknown", {
  event: Schema.String,
  parameters: Schema.Record(Schema.String, Schema.String)
})

const known = {
  "room-created": RoomCreated,
  "room-ended": RoomEnded,
  "participant-connected": ParticipantConnected,
  "participant-disconnected": ParticipantDisconnected,
  "track-added": TrackAdded,
  "track-removed": TrackRemoved,
  "track-enabled": TrackEnabled,
  "track-disabled": TrackDisabled,
  "recording-started": RecordingStarted,
  "recording-completed": RecordingCompleted,
  "recording-failed": RecordingFailed
} as const

/** The name Twilio sends as `StatusCallbackEvent` for each known event. */
export type EventName = keyof typeof known

/**
 * Every event, tagged (`_tag`): match on it with `Match.tags` or a `switch`.
 *
 * @since 1.2.0
 * @category schemas
 */
export const StatusCallbackEvent = Schema.Union([...Object.values(known), Unknown])

/**
 * A status callback's event.
 *
 * @since 1.2.0
 * @category models
 */
export type StatusCallbackEvent = typeof StatusCallbackEvent.Type

/**
 * Each event's type, by its tag.
 *
 * @since 1.2.0
 */
export declare namespace StatusCallbackEvent {
  /** `room-created`. @since 1.2.0 */
  export type RoomCreated = typeof RoomCreated.Type
  /** `room-ended`, with the room's duration in seconds. @since 1.2.0 */
  export type RoomEnded = typeof RoomEnded.Type
  /** `participant-connected`. @since 1.2.0 */
  export type ParticipantConnected = typeof ParticipantConnected.Type
  /** `participant-disconnected`, with the seconds the participant was connected. @since 1.2.0 */
  export type ParticipantDisconnected = typeof ParticipantDisconnected.Type
  /** `track-added`. @since 1.2.0 */
  export type TrackAdded = typeof TrackAdded.Type
  /** `track-removed`. @since 1.2.0 */
  export type TrackRemoved = typeof TrackRemoved.Type
  /** `track-enabled`. @since 1.2.0 */
  export type TrackEnabled = typeof TrackEnabled.Type
  /** `track-disabled`. @since 1.2.0 */
  export type TrackDisabled = typeof TrackDisabled.Type
  /** `recording-started`. @since 1.2.0 */
  export type RecordingStarted = typeof RecordingStarted.Type
  /** `recording-completed`, with the media's URI, duration and size. @since 1.2.0 */
  export type RecordingCompleted = typeof RecordingCompleted.Type
  /** `recording-failed`, with the operation that failed. @since 1.2.0 */
  export type RecordingFailed = typeof RecordingFailed.Type
  /** An event this version does not know, with every parameter. @since 1.2.0 */
  export type Unknown = typeof Unknown.Type
}

const nameOf = Object.fromEntries(
  Object.entries(known).map(([name, schema]) => [schema.fields._tag.schema.literal, name])
)

/** The name Twilio sends as `StatusCallbackEvent` for a known event's tag: `room-created` for `RoomCreated`. */
export const eventName = (tag: Exclude<StatusCallbackEvent["_tag"], "Unknown">): EventName => nameOf[tag] as EventName

const camelCase = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

/**
 * The event of a callback's parameters (its form fields, or its query for a GET callback). A
 * known event whose parameters do not match its schema fails with the `SchemaError`; a parameter
 * given twice counts once, the first. Public as `StatusCallbacks.decode`.
 */
export const fromParameters = (
  parameters: Iterable<readonly [string, string]>
): Effect.Effect<StatusCallbackEvent, Schema.SchemaError> => {
  // a Map, then own properties (Object.fromEntries): a parameter named __proto__ is only a name
  const first = new Map<string, string>()
  for (const [name, value] of parameters) if (!first.has(name)) first.set(name, value)
  const event = first.get("StatusCallbackEvent") ?? ""
  const schema = Object.hasOwn(known, event) ? known[event as EventName] : undefined
  if (schema === undefined) return Effect.succeed(Unknown.make({ event, parameters: Object.fromEntries(first) }))
  const fields = Object.fromEntries([
    ...[...first].map(([name, value]) => [camelCase(name), value] as const),
    ["_tag", schema.fields._tag.schema.literal] as const
  ])
  return Schema.decodeUnknownEffect(schema as Schema.Codec<StatusCallbackEvent, unknown>)(fields)
}

/**
 * The parameters Twilio sends for `event`: `StatusCallbackEvent` and each field present, in
 * PascalCase. What the emulator signs and sends.
 */
export const toParameters = (event: StatusCallbackEvent): Array<readonly [string, string]> => {
  if (event._tag === "Unknown") return Object.entries(event.parameters)
  const schema = known[eventName(event._tag)] as unknown as Schema.Codec<
    StatusCallbackEvent,
    Record<string, string>
  >
  const { _tag, ...fields } = Schema.encodeSync(schema)(event)
  return [
    ["StatusCallbackEvent", eventName(event._tag)],
    ...Object.entries(fields).map(([key, value]) => [pascalCase(key), value] as const)
  ]
}
