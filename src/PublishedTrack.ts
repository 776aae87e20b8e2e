/**
 * The PublishedTrack resource: a track a participant publishes to a room.
 *
 * Its fields are declared once, below, as Twilio sends them; the public type, its schema, the
 * client's decoder and the testing kit's emulator all derive from that declaration.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Model from "./internal/model.js"
import { ParticipantSid, RoomSid, TrackSid } from "./Sid.js"

/**
 * The kind of a track.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TrackKind = Schema.Literals(["audio", "video", "data"])
/**
 * `"audio"`, `"video"` or `"data"`.
 *
 * @since 0.1.0
 * @category models
 */
export type TrackKind = typeof TrackKind.Type

/** The track as Twilio sends it: every key present, `date_updated` `null` until the track changes. */
const wire = Schema.Struct({
  sid: TrackSid,
  participant_sid: ParticipantSid,
  room_sid: RoomSid,
  name: Schema.String,
  kind: TrackKind,
  enabled: Schema.Boolean,
  url: Model.AbsoluteUrl,
  date_created: Model.Timestamp,
  date_updated: Schema.NullOr(Model.Timestamp)
})

/**
 * The track's model, derived from its wire declaration.
 *
 * @internal
 */
export const model = Model.make(wire, "PublishedTrack", "published_tracks")

/**
 * A track a participant publishes to a room, as Twilio sends it: every field is always there but
 * `dateUpdated`, which is `None` until the track changes.
 *
 * - `sid`, `participantSid`, `roomSid`: SIDs, branded.
 * - `name`: the name the participant gave the track.
 * - `kind`: `"audio"`, `"video"` or `"data"`.
 * - `enabled`: whether the track is enabled.
 * - `url`: the track's absolute URL.
 * - `dateCreated`, `dateUpdated`: when it was created and last updated.
 *
 * @since 0.1.0
 * @category models
 */
export interface PublishedTrack extends Model.ModelOf<typeof wire.fields> {}

/**
 * Types that go with the `PublishedTrack` schema.
 *
 * @since 0.1.0
 */
export declare namespace PublishedTrack {
  /**
   * A track in its wire form, as Twilio sends it: snake_case keys, dates as RFC 3339 strings,
   * `date_updated` `null` when absent. Write fixtures in it.
   *
   * @since 0.1.0
   * @category models
   */
  export interface Encoded extends Schema.Struct.Encoded<typeof wire.fields> {}
}

/**
 * The schema of a track: decodes Twilio's wire form into a `PublishedTrack`, and encodes one back.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublishedTrack: Schema.Codec<PublishedTrack, PublishedTrack.Encoded> = model.schema
