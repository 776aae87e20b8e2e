/**
 * Twilio SIDs: two letters naming the resource type, then 32 hexadecimal digits.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const sid = <const Prefix extends string, const Brand extends string>(prefix: Prefix, brand: Brand) =>
  Schema.String.pipe(
    Schema.check(Schema.isPattern(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), {
      message: `Expected ${/^[AEIOU]/.test(brand) ? "an" : "a"} ${brand}: "${prefix}" followed by 32 hexadecimal digits`
    })),
    Schema.brand<Brand>(brand as never)
  )

/**
 * The SID of a Room: `RM` and 32 hex digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RoomSid = sid("RM", "RoomSid")
/**
 * A Room SID.
 *
 * @since 0.1.0
 * @category models
 */
export type RoomSid = typeof RoomSid.Type

/**
 * The SID of a Participant: `PA` and 32 hex digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParticipantSid = sid("PA", "ParticipantSid")
/**
 * A Participant SID.
 *
 * @since 0.1.0
 * @category models
 */
export type ParticipantSid = typeof ParticipantSid.Type

/**
 * The SID of a published track: `MT` and 32 hex digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TrackSid = sid("MT", "TrackSid")
/**
 * A published track SID.
 *
 * @since 0.1.0
 * @category models
 */
export type TrackSid = typeof TrackSid.Type

/**
 * The SID of a Twilio account: `AC` and 32 hex digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccountSid = sid("AC", "AccountSid")
/**
 * An account SID.
 *
 * @since 0.1.0
 * @category models
 */
export type AccountSid = typeof AccountSid.Type

/**
 * The SID of an API key: `SK` and 32 hex digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApiKeySid = sid("SK", "ApiKeySid")
/**
 * An API key SID.
 *
 * @since 0.1.0
 * @category models
 */
export type ApiKeySid = typeof ApiKeySid.Type

/**
 * The SID of a Recording: `RT` and 32 hex digits.
 *
 * @since 1.2.0
 * @category schemas
 */
export const RecordingSid = sid("RT", "RecordingSid")
/**
 * A Recording SID.
 *
 * @since 1.2.0
 * @category models
 */
export type RecordingSid = typeof RecordingSid.Type
