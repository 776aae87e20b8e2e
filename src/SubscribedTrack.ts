/**
 * The SubscribedTrack resource: a track a participant receives from another.
 *
 * Its fields are declared once, below, as Twilio sends them; the public type, its schema, the
 * client's decoder and the testing kit's emulator all derive from that declaration.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as Model from "./internal/model.js"
import { TrackKind } from "./PublishedTrack.js"
import { ParticipantSid, RoomSid, TrackSid } from "./Sid.js"

/** The subscribed track as Twilio sends it: every key present, `date_updated` `null` until it changes. */
const wire = Schema.Struct({
  sid: TrackSid,
  participant_sid: ParticipantSid,
  publisher_sid: ParticipantSid,
  room_sid: RoomSid,
  name: Schema.String,
  date_created: Model.Timestamp,
  date_updated: Schema.NullOr(Model.Timestamp),
  enabled: Schema.Boolean,
  kind: TrackKind,
  url: Model.AbsoluteUrl
})

/**
 * The subscribed track's model, derived from its wire declaration.
 *
 * @internal
 */
export const model = Model.make(wire, "SubscribedTrack", "subscribed_tracks")

/**
 * A track a participant (`participantSid`) receives from the participant that publishes it
 * (`publisherSid`). Its `sid` is the published track's. Its fields are plain values but
 * `dateUpdated`, which Twilio sends as `null` until the track changes.
 *
 * @since 0.2.0
 * @category models
 */
export interface SubscribedTrack extends Model.ModelOf<typeof wire.fields> {}

/**
 * Types that go with the `SubscribedTrack` schema.
 *
 * @since 0.2.0
 */
export declare namespace SubscribedTrack {
  /**
   * A subscribed track in its wire form, as Twilio sends it.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Encoded extends Schema.Struct.Encoded<typeof wire.fields> {}
}

/**
 * The schema of a subscribed track: decodes Twilio's wire form into a `SubscribedTrack`, and
 * encodes one back.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SubscribedTrack: Schema.Codec<SubscribedTrack, SubscribedTrack.Encoded> = model.schema
