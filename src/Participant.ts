/**
 * The Participant resource: a client connected, or once connected, to a room.
 *
 * Its fields are declared once, below, as Twilio sends them; the public type, its schema, the
 * client's decoder and the testing kit's emulator all derive from that declaration.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as Model from "./internal/model.js"
import { AccountSid, ParticipantSid, RoomSid } from "./Sid.js"

/**
 * The status of a participant.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ParticipantStatus = Schema.Literals(["connected", "disconnected", "reconnecting"])
/**
 * `"connected"`, `"disconnected"` or `"reconnecting"`.
 *
 * @since 0.2.0
 * @category models
 */
export type ParticipantStatus = typeof ParticipantStatus.Type

/** The participant as Twilio sends it: every key present; `null` where the JSDoc of `Participant` says. */
const wire = Schema.Struct({
  sid: ParticipantSid,
  room_sid: RoomSid,
  account_sid: AccountSid,
  status: ParticipantStatus,
  identity: Schema.String,
  date_created: Model.Timestamp,
  date_updated: Model.Timestamp,
  start_time: Model.Timestamp,
  end_time: Schema.NullOr(Model.Timestamp),
  duration: Schema.NullOr(Schema.Int),
  url: Model.AbsoluteUrl,
  links: Schema.Record(Schema.String, Model.AbsoluteUrl)
})

/**
 * The participant's model, derived from its wire declaration.
 *
 * @internal
 */
export const model = Model.make(wire, "Participant", "participants")

/**
 * A participant, as Twilio sends it. Its fields are plain values but `endTime` and `duration`
 * (seconds), which Twilio sends as `null` while the participant is connected. `links` holds the
 * URLs of its sub-resources (`published_tracks`, `subscribed_tracks`…).
 *
 * @since 0.2.0
 * @category models
 */
export interface Participant extends Model.ModelOf<typeof wire.fields> {}

/**
 * Types that go with the `Participant` schema.
 *
 * @since 0.2.0
 */
export declare namespace Participant {
  /**
   * A participant in its wire form, as Twilio sends it: snake_case keys, dates as RFC 3339 strings.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Encoded extends Schema.Struct.Encoded<typeof wire.fields> {}
}

/**
 * The schema of a participant: decodes Twilio's wire form into a `Participant`, and encodes one back.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Participant: Schema.Codec<Participant, Participant.Encoded> = model.schema
