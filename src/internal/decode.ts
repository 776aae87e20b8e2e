import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { AbsoluteUrl, Page, PageMeta, PublishedTrack, TrackKind } from "../PublishedTrack.js"
import { ParticipantSid, RoomSid, TrackSid } from "../Sid.js"

const nullable = <A, I>(schema: Schema.Schema<A, I>) => Schema.optional(Schema.NullOr(schema))

/**
 * A track in its wire form with the same checks as `PublishedTrack`, and nothing else: no key
 * renames and no `Option`s, which cost a second pass over every field. A field added to
 * `PublishedTrack` must be added here too: `fromWire`'s return type makes the compiler ask for
 * it, and test/decodePage.test.ts compares the two decoders on valid and mutated input.
 */
const WireTrack = Schema.Struct({
  sid: nullable(TrackSid),
  participant_sid: nullable(ParticipantSid),
  room_sid: nullable(RoomSid),
  name: nullable(Schema.String),
  kind: nullable(TrackKind),
  enabled: nullable(Schema.Boolean),
  url: nullable(AbsoluteUrl),
  date_created: nullable(Schema.DateTimeUtc),
  date_updated: nullable(Schema.DateTimeUtc)
})

const checkWire = Schema.decodeUnknownEither(WireTrack)
const decodePublic = Schema.decodeUnknownEither(PublishedTrack)
const decodePublicPage = Schema.decodeUnknownEither(Page)
const decodeMeta = Schema.decodeUnknownEither(Schema.Struct({ meta: PageMeta }))

/** Renames a checked wire track into the `PublishedTrack` shape; cannot fail. */
const fromWire = (w: typeof WireTrack.Type): PublishedTrack => ({
  sid: Option.fromNullable(w.sid),
  participantSid: Option.fromNullable(w.participant_sid),
  roomSid: Option.fromNullable(w.room_sid),
  name: Option.fromNullable(w.name),
  kind: Option.fromNullable(w.kind),
  enabled: Option.fromNullable(w.enabled),
  url: Option.fromNullable(w.url),
  dateCreated: Option.fromNullable(w.date_created),
  dateUpdated: Option.fromNullable(w.date_updated)
})

/**
 * Decodes one track: the same result as the `PublishedTrack` schema, about twice as fast (see
 * docs/performance.md). Input the checks refuse is decoded again by `PublishedTrack`, so errors
 * read exactly as the schema's.
 */
export const decodeTrack = (input: unknown): Either.Either<PublishedTrack, ParseResult.ParseError> => {
  const wire = checkWire(input)
  return Either.isRight(wire) ? Either.right(fromWire(wire.right)) : decodePublic(input)
}

/** Twilio's largest page. */
const maxPageSize = 1000

/**
 * How many items a page at `url` may hold: its `PageSize` when it asks for a valid one, otherwise
 * the largest page Twilio sends.
 */
const pageBound = (url: URL): number => {
  const asked = url.searchParams.get("PageSize")
  const size = asked !== null && /^[1-9][0-9]{0,3}$/.test(asked) ? Number(asked) : maxPageSize
  return Math.min(size, maxPageSize)
}

/**
 * Decodes a page: the same result as the `Page` schema, item by item. On any failure the whole
 * page is decoded again by `Page`, so errors read exactly as the schema's. A page with more items
 * than were asked for (at `url`) is refused before any item is decoded.
 */
export const decodePage = (input: unknown, url: URL): Either.Either<Page, ParseResult.ParseError> => {
  const raw = typeof input === "object" && input !== null
    ? (input as { readonly published_tracks?: unknown }).published_tracks
    : undefined
  if (!Array.isArray(raw)) return decodePublicPage(input)
  const bound = pageBound(url)
  if (raw.length > bound) {
    const issue = new ParseResult.Type(
      Page.ast,
      raw,
      `a page of ${raw.length} items, more than the ${bound} asked for`
    )
    return Either.left(new ParseResult.ParseError({ issue: new ParseResult.Pointer("published_tracks", input, issue) }))
  }
  const meta = decodeMeta(input)
  if (Either.isLeft(meta)) return decodePublicPage(input)
  const items = new Array<PublishedTrack>(raw.length)
  for (let i = 0; i < raw.length; i++) {
    const wire = checkWire(raw[i])
    if (Either.isLeft(wire)) return decodePublicPage(input)
    items[i] = fromWire(wire.right)
  }
  return Either.right({ items, meta: meta.right.meta })
}
