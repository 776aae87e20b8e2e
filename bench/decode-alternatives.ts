/**
 * Scratch measurements for src suggestions: the cost of decoding one 1,000-track page with the
 * package's `Page` schema, with variants that isolate where the time goes, and a "fast path"
 * decoder that keeps full validation (it accepts only what the schema accepts and builds the same
 * value; anything else goes to the schema, which produces the error as today).
 *
 *   npx tsx bench/decode-alternatives.ts
 */
import { Page, PublishedTrack } from "effect-twilio-video"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { decodePage as productionDecode } from "../src/internal/decode.js"
import { pageJson } from "./fixture.js"
import { time } from "./stats.js"

// --- variants of the schema, each changing one thing --------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variants of differing types, decoded as unknown
type AnySchema = Schema.Schema<any, any, never>
type Field = (schema: AnySchema, key: string) => Schema.Struct.Field

const sid = (prefix: string): AnySchema => Schema.String.pipe(Schema.pattern(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`)))
const Url: AnySchema = Schema.String.pipe(Schema.filter((s) => URL.canParse(s)))
const optional: Field = (schema, key) =>
  Schema.optionalWith(schema, { nullable: true, as: "Option" }).pipe(Schema.fromKey(key))
const nullable: Field = (schema, key) => Schema.optional(Schema.NullOr(schema)).pipe(Schema.fromKey(key))

const trackWith = (o: {
  readonly url: AnySchema
  readonly date: AnySchema
  readonly sid: (p: string) => AnySchema
  readonly field: Field
}): AnySchema =>
  Schema.Struct({
    sid: o.field(o.sid("MT"), "sid"),
    participantSid: o.field(o.sid("PA"), "participant_sid"),
    roomSid: o.field(o.sid("RM"), "room_sid"),
    name: o.field(Schema.String, "name"),
    kind: o.field(Schema.Literal("audio", "video", "data"), "kind"),
    enabled: o.field(Schema.Boolean, "enabled"),
    url: o.field(o.url, "url"),
    dateCreated: o.field(o.date, "date_created"),
    dateUpdated: o.field(o.date, "date_updated")
  }) as unknown as AnySchema
const pageOf = (track: AnySchema): AnySchema =>
  Schema.Struct({
    items: Schema.propertySignature(Schema.Array(track)).pipe(Schema.fromKey("published_tracks")),
    meta: Page.fields.meta
  }) as unknown as AnySchema
const base = { url: Url, date: Schema.DateTimeUtc, sid, field: optional }
const variants: Record<string, AnySchema> = {
  "same as src (rebuilt here)": pageOf(trackWith(base)),
  "url: plain string (no URL.canParse)": pageOf(trackWith({ ...base, url: Schema.String })),
  "dates: plain string (no DateTimeUtc)": pageOf(trackWith({ ...base, date: Schema.String })),
  "sids: plain string (no regex)": pageOf(trackWith({ ...base, sid: () => Schema.String })),
  "fields: NullOr, no Option (API change)": pageOf(trackWith({ ...base, field: nullable })),
  "all four of the above": pageOf(
    trackWith({ url: Schema.String, date: Schema.String, sid: () => Schema.String, field: nullable })
  )
}

// --- a fast path with the same validation ------------------------------------------------------

const sidPattern = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`)
const isTrackSid = sidPattern("MT")
const isParticipantSid = sidPattern("PA")
const isRoomSid = sidPattern("RM")
const none = Option.none()
const miss = Symbol("miss")

/** `undefined`/`null` → none; a value passing `ok` → some; anything else → `miss`. */
const field = <A>(u: unknown, ok: (u: unknown) => boolean): Option.Option<A> | typeof miss =>
  u === undefined || u === null ? none : ok(u) ? Option.some(u as A) : miss
const isString = (u: unknown) => typeof u === "string"
const isUrl = (u: unknown) => typeof u === "string" && URL.canParse(u)
const isKind = (u: unknown) => u === "audio" || u === "video" || u === "data"
const isBoolean = (u: unknown) => typeof u === "boolean"
const date = (u: unknown): Option.Option<DateTime.Utc> | typeof miss => {
  if (u === undefined || u === null) return none
  if (typeof u !== "string") return miss
  try {
    // the same constructor Schema.DateTimeUtc uses, so the same strings are accepted
    return Option.some(DateTime.unsafeMake(u))
  } catch {
    return miss
  }
}

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const fastTrack = (u: unknown): PublishedTrack | typeof miss => {
  if (!isPlainObject(u)) return miss
  const sid = field(u.sid, (s) => isString(s) && isTrackSid.test(s as string))
  const participantSid = field(u.participant_sid, (s) => isString(s) && isParticipantSid.test(s as string))
  const roomSid = field(u.room_sid, (s) => isString(s) && isRoomSid.test(s as string))
  const name = field(u.name, isString)
  const kind = field(u.kind, isKind)
  const enabled = field(u.enabled, isBoolean)
  const url = field(u.url, isUrl)
  const dateCreated = date(u.date_created)
  const dateUpdated = date(u.date_updated)
  if (
    sid === miss || participantSid === miss || roomSid === miss || name === miss || kind === miss ||
    enabled === miss || url === miss || dateCreated === miss || dateUpdated === miss
  ) return miss
  return {
    sid,
    participantSid,
    roomSid,
    name,
    kind,
    enabled,
    url,
    dateCreated,
    dateUpdated
  } as PublishedTrack
}

const decodeMeta = Schema.decodeUnknownEither(Page.fields.meta)
const decodePage = Schema.decodeUnknownEither(Page)

/** Items by the fast path; the (small) meta by the schema; any miss → the whole page by the schema. */
const fastPage = (u: unknown): Either.Either<Page, unknown> => {
  if (!isPlainObject(u) || !Array.isArray(u.published_tracks)) return decodePage(u)
  const raw = u.published_tracks
  const items: Array<PublishedTrack> = new Array(raw.length)
  for (let i = 0; i < raw.length; i++) {
    const track = fastTrack(raw[i])
    if (track === miss) return decodePage(u)
    items[i] = track
  }
  const meta = decodeMeta(u.meta)
  return Either.isRight(meta) ? Either.right({ items, meta: meta.right }) : decodePage(u)
}

// --- measurement -------------------------------------------------------------------------------

const main = () => {
  const json = pageJson("https://video.twilio.com", 1000)
  const parsed = JSON.parse(json) as unknown
  const pageUrl = new URL("https://video.twilio.com/v1/Rooms/R/Participants/P/PublishedTracks?PageSize=1000")

  // the fast path must give the same value as the schema
  const viaSchema = Schema.encodeSync(Page)(Either.getOrThrow(decodePage(parsed)))
  const viaFast = Schema.encodeSync(Page)(Either.getOrThrow(fastPage(parsed)))
  if (JSON.stringify(viaSchema) !== JSON.stringify(viaFast)) throw new Error("fast path differs from the schema")
  // ...and reject what the schema rejects, with the schema's error
  const bad = JSON.parse(json) as { published_tracks: Array<Record<string, unknown>> }
  bad.published_tracks[500]!.url = "not a url"
  if (!Either.isLeft(fastPage(bad))) throw new Error("fast path accepted a bad url")

  const parseOnly = time(() => JSON.parse(json))
  const rows: Array<[string, number]> = [["JSON.parse alone", parseOnly]]
  const decodeSrc = time(() => decodePage(parsed))
  rows.push(["Page schema from src (decodeUnknownEither)", decodeSrc])
  rows.push([
    "the client's decoder (src/internal/decode.ts: wire check, then rename)",
    time(() => productionDecode(parsed, pageUrl))
  ])
  for (const [name, schema] of Object.entries(variants)) {
    const decode = Schema.decodeUnknownEither(schema)
    rows.push([`  variant: ${name}`, time(() => decode(parsed))])
  }
  const decodeSrcAll = Schema.decodeUnknownEither(Page, { errors: "all" })
  rows.push(["  option errors: \"all\"", time(() => decodeSrcAll(parsed))])
  const decodeItems = Schema.decodeUnknownEither(PublishedTrack)
  rows.push([
    "  each item by decodeUnknownEither(PublishedTrack)",
    time(() => (parsed as { published_tracks: Array<unknown> }).published_tracks.forEach((t) => decodeItems(t)))
  ])
  rows.push(["fast path (same validation, schema on a miss)", time(() => fastPage(parsed))])
  rows.push([
    "  of which: DateTime.unsafeMake x2000",
    time(() => {
      for (let i = 0; i < 1000; i++) {
        DateTime.unsafeMake("2017-12-13T23:46:36Z")
        DateTime.unsafeMake("2017-12-13T23:47:01Z")
      }
    })
  ])
  rows.push([
    "  of which: URL.canParse x1000",
    time(() => {
      for (let i = 0; i < 1000; i++) {
        URL.canParse(
          "https://video.twilio.com/v1/Rooms/RM00000000000000000000000000000001/Participants/PA00000000000000000000000000000002/PublishedTracks/MT00000000000000000000000000000001"
        )
      }
    })
  ])

  console.log("µs per page of 1,000 tracks (median)")
  for (const [name, us] of rows) {
    const vsParse = name === "JSON.parse alone" ? "" : `  (${(us / parseOnly).toFixed(2)}x JSON.parse)`
    console.log(`${us.toFixed(0).padStart(8)}  ${name}${vsParse}`)
  }
}

if (process.argv[1]?.endsWith("decode-alternatives.ts")) main()
