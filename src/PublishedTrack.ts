/**
 * The PublishedTrack resource and the page that lists it, as `effect/Schema`s: camelCase in
 * TypeScript, snake_case on the wire.
 *
 * The OpenAPI description marks every field of the resource as optional and nullable, so each one
 * decodes to an `Option`: absent and `null` both give `Option.none()`. Extra fields are ignored.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ParticipantSid, RoomSid, TrackSid } from "./Sid.js"

/**
 * The kind of a track.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TrackKind = Schema.Literal("audio", "video", "data")
/**
 * `"audio"`, `"video"` or `"data"`.
 *
 * @since 0.1.0
 * @category models
 */
export type TrackKind = typeof TrackKind.Type

/**
 * An absolute URL, kept as a string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AbsoluteUrl = Schema.String.pipe(
  Schema.filter((s) => URL.canParse(s), { message: () => "Expected an absolute URL" })
)

const optional = <A, I>(schema: Schema.Schema<A, I>, key: string) =>
  Schema.optionalWith(schema, { nullable: true, as: "Option" }).pipe(Schema.fromKey(key))

/**
 * A track a participant publishes to a room.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublishedTrack = Schema.Struct({
  sid: optional(TrackSid, "sid"),
  participantSid: optional(ParticipantSid, "participant_sid"),
  roomSid: optional(RoomSid, "room_sid"),
  name: optional(Schema.String, "name"),
  kind: optional(TrackKind, "kind"),
  enabled: optional(Schema.Boolean, "enabled"),
  url: optional(AbsoluteUrl, "url"),
  dateCreated: optional(Schema.DateTimeUtc, "date_created"),
  dateUpdated: optional(Schema.DateTimeUtc, "date_updated")
}).annotations({ identifier: "PublishedTrack" })

/**
 * A decoded track.
 *
 * @since 0.1.0
 * @category models
 */
export interface PublishedTrack extends Schema.Schema.Type<typeof PublishedTrack> {}

/**
 * Types that go with the `PublishedTrack` schema.
 *
 * @since 0.1.0
 */
export declare namespace PublishedTrack {
  /**
   * The wire form of a track, as the API sends it: write fixtures in it.
   *
   * @since 0.1.0
   * @category models
   */
  export interface Encoded extends Schema.Schema.Encoded<typeof PublishedTrack> {}
}

/**
 * The paging information of a list page.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageMeta = Schema.Struct({
  page: Schema.Int.pipe(Schema.nonNegative()),
  pageSize: Schema.propertySignature(Schema.Int.pipe(Schema.positive())).pipe(Schema.fromKey("page_size")),
  firstPageUrl: Schema.propertySignature(AbsoluteUrl).pipe(Schema.fromKey("first_page_url")),
  previousPageUrl: Schema.propertySignature(Schema.OptionFromNullOr(AbsoluteUrl)).pipe(
    Schema.fromKey("previous_page_url")
  ),
  url: AbsoluteUrl,
  nextPageUrl: Schema.propertySignature(Schema.OptionFromNullOr(AbsoluteUrl)).pipe(Schema.fromKey("next_page_url")),
  key: Schema.String
}).annotations({ identifier: "PageMeta" })

/**
 * A decoded page meta: its index and size, and the URLs of the first, previous, this and next page.
 *
 * @since 0.1.0
 * @category models
 */
export interface PageMeta extends Schema.Schema.Type<typeof PageMeta> {}

/**
 * One page of a listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Page = Schema.Struct({
  items: Schema.propertySignature(Schema.Array(PublishedTrack)).pipe(Schema.fromKey("published_tracks")),
  meta: PageMeta
}).annotations({ identifier: "PublishedTracksPage" })

/**
 * A decoded page: its tracks and its meta.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page extends Schema.Schema.Type<typeof Page> {}

/**
 * Types that go with the `Page` schema.
 *
 * @since 0.1.0
 */
export declare namespace Page {
  /**
   * The wire form of a page.
   *
   * @since 0.1.0
   * @category models
   */
  export interface Encoded extends Schema.Schema.Encoded<typeof Page> {}
}
