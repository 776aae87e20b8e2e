/**
 * The Room resource: a video session that participants join.
 *
 * Its fields are declared once, below, as Twilio sends them; the public type, its schema, the
 * client's decoder and the testing kit's emulator all derive from that declaration.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as Model from "./internal/model.js"
import { AccountSid, RoomSid } from "./Sid.js"

/**
 * The status of a room: `"in-progress"` until it ends, then `"completed"` (or `"failed"`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const RoomStatus = Schema.Literals(["in-progress", "completed", "failed"])
/**
 * `"in-progress"`, `"completed"` or `"failed"`.
 *
 * @since 0.2.0
 * @category models
 */
export type RoomStatus = typeof RoomStatus.Type

/**
 * The type of a room. Twilio creates `"group"` rooms; the others are legacy.
 *
 * @since 0.2.0
 * @category schemas
 */
export const RoomType = Schema.Literals(["group", "go", "peer-to-peer", "group-small"])
/**
 * `"group"`, `"go"`, `"peer-to-peer"` or `"group-small"`.
 *
 * @since 0.2.0
 * @category models
 */
export type RoomType = typeof RoomType.Type

/**
 * A video codec a room supports.
 *
 * @since 0.2.0
 * @category schemas
 */
export const VideoCodec = Schema.Literals(["VP8", "H264"])
/**
 * `"VP8"` or `"H264"`.
 *
 * @since 0.2.0
 * @category models
 */
export type VideoCodec = typeof VideoCodec.Type

/** The room as Twilio sends it: every key present; `null` where the JSDoc of `Room` says. */
const wire = Schema.Struct({
  sid: RoomSid,
  status: RoomStatus,
  date_created: Model.Timestamp,
  date_updated: Model.Timestamp,
  account_sid: AccountSid,
  enable_turn: Schema.Boolean,
  unique_name: Schema.String,
  status_callback: Schema.NullOr(Model.AbsoluteUrl),
  status_callback_method: Schema.Literals(["GET", "POST"]),
  end_time: Schema.NullOr(Model.Timestamp),
  duration: Schema.NullOr(Schema.Int),
  type: RoomType,
  max_participants: Schema.Int,
  max_participant_duration: Schema.Int,
  max_concurrent_published_tracks: Schema.NullOr(Schema.Int),
  record_participants_on_connect: Schema.Boolean,
  video_codecs: Schema.NullOr(Schema.Array(VideoCodec)),
  media_region: Schema.NullOr(Schema.String),
  audio_only: Schema.Boolean,
  empty_room_timeout: Schema.Int,
  unused_room_timeout: Schema.Int,
  large_room: Schema.Boolean,
  url: Model.AbsoluteUrl,
  links: Schema.Record(Schema.String, Model.AbsoluteUrl)
})

/**
 * The room's model, derived from its wire declaration.
 *
 * @internal
 */
export const model = Model.make(wire, "Room", "rooms")

/**
 * A room, as Twilio sends it. Its fields are plain values but these `Option`s, which Twilio sends
 * as `null`:
 *
 * - `endTime` and `duration` (seconds), until the room ends;
 * - `statusCallback`, when the room has none;
 * - `maxConcurrentPublishedTracks`, `videoCodecs` and `mediaRegion`, for rooms that have no such
 *   setting (legacy peer-to-peer rooms).
 *
 * `uniqueName` is the name given at creation, or the SID when none was. `links` holds the URLs of
 * the room's sub-resources (`participants`, `recordings`…).
 *
 * @since 0.2.0
 * @category models
 */
export interface Room extends Model.ModelOf<typeof wire.fields> {}

/**
 * Types that go with the `Room` schema.
 *
 * @since 0.2.0
 */
export declare namespace Room {
  /**
   * A room in its wire form, as Twilio sends it: snake_case keys, dates as RFC 3339 strings.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Encoded extends Schema.Struct.Encoded<typeof wire.fields> {}
}

/**
 * The schema of a room: decodes Twilio's wire form into a `Room`, and encodes one back.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Room: Schema.Codec<Room, Room.Encoded> = model.schema
