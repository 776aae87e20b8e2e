/**
 * A page of a listing on the wire: its items under the resource's key, and Twilio's `meta`. A
 * listing acts on the items and `meta.next_page_url` alone: those are checked strictly, the rest of
 * `meta` is kept where valid.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Page, PageMeta } from "../Page.js"
import { AbsoluteUrl, camelCase } from "./model.js"

/** Twilio's largest page. */
export const maxPageSize = 1000

const Count = Schema.Int.pipe(Schema.nonNegative())

const lenient = <A, I>(wire: string, schema: Schema.Schema<A, I>) => ({
  wire,
  model: camelCase(wire),
  decode: Schema.decodeUnknownOption(schema) as (input: unknown) => Option.Option<unknown>
})

/** The meta fields a listing does not act on, each kept only where it is valid. */
const lenientFields = [
  lenient("page", Count),
  lenient("page_size", Count),
  lenient("first_page_url", AbsoluteUrl),
  lenient("previous_page_url", AbsoluteUrl),
  lenient("url", AbsoluteUrl),
  lenient("key", Schema.String)
]

/** The meta a listing acts on: `next_page_url`, `null` on the last page. */
const ListingMeta = Schema.Struct({ next_page_url: Schema.NullOr(AbsoluteUrl) })
const checkListingMeta = Schema.decodeUnknownEither(ListingMeta)

const metaOf = (raw: Record<string, unknown>, next: string | null): PageMeta => {
  const meta: Record<string, Option.Option<unknown>> = { nextPageUrl: Option.fromNullable(next) }
  for (const { decode, model, wire } of lenientFields) meta[model] = decode(raw[wire])
  return meta as unknown as PageMeta
}

const PageMetaFromSelf = Schema.Struct({
  nextPageUrl: Schema.OptionFromSelf(Schema.String),
  page: Schema.OptionFromSelf(Schema.Number),
  pageSize: Schema.OptionFromSelf(Schema.Number),
  firstPageUrl: Schema.OptionFromSelf(Schema.String),
  previousPageUrl: Schema.OptionFromSelf(Schema.String),
  url: Schema.OptionFromSelf(Schema.String),
  key: Schema.OptionFromSelf(Schema.String)
})

const PageMetaSchema = Schema.transform(
  Schema.Struct(ListingMeta.fields, Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  PageMetaFromSelf,
  {
    strict: false,
    decode: (raw) => metaOf(raw, raw.next_page_url),
    encode: (meta) => ({ next_page_url: Option.getOrNull(meta.nextPageUrl) })
  }
)

/** A page as Twilio writes it: the items (in their wire form) under `key`, and its meta. */
export const write = (
  key: string,
  items: ReadonlyArray<unknown>,
  meta: {
    readonly [K in keyof PageMeta]: PageMeta[K] extends Option.Option<infer A> ? A | null : never
  }
): Record<string, unknown> => {
  const wireMeta: Record<string, unknown> = { next_page_url: meta.nextPageUrl }
  for (const { model, wire } of lenientFields) wireMeta[wire] = meta[model as keyof PageMeta]
  return { [key]: items, meta: wireMeta }
}

/** The schema of a page whose items are under `key`. */
export const schema = <A, I>(key: string, item: Schema.Schema<A, I>) =>
  Schema.Struct({
    items: Schema.propertySignature(Schema.Array(item)).pipe(Schema.fromKey(key)),
    meta: PageMetaSchema
  })

/**
 * How many items a page at `url` may hold: the `PageSize` it asks for when that is valid, otherwise
 * the largest page Twilio sends.
 */
const maxItems = (url: URL): number => {
  const asked = url.searchParams.get("PageSize")
  return asked !== null && /^[1-9][0-9]{0,3}$/.test(asked) ? Math.min(Number(asked), maxPageSize) : maxPageSize
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * A decoder of the pages whose items are under `key`: the same result as `schema(key, …)`, item by
 * item through `accept`; on any miss, the whole page is decoded again by the schema, so that errors
 * are exactly the schema's. A page with more items than its URL asks for is refused before any item
 * is decoded.
 */
export const decoder = <A, I>(
  key: string,
  item: { readonly schema: Schema.Schema<A, I>; readonly accept: (input: unknown) => A | undefined }
) => {
  const pageSchema = schema(key, item.schema)
  const decodeSchema = Schema.decodeUnknownEither(pageSchema)
  return (input: unknown, url: URL): Either.Either<Page<A>, ParseResult.ParseError> => {
    if (!isRecord(input) || !Array.isArray(input[key]) || !isRecord(input.meta)) return decodeSchema(input)
    const raw: ReadonlyArray<unknown> = input[key]
    const bound = maxItems(url)
    if (raw.length > bound) {
      const issue = new ParseResult.Type(pageSchema.ast, raw, `${raw.length} items, more than the ${bound} asked for`)
      return Either.left(new ParseResult.ParseError({ issue: new ParseResult.Pointer(key, input, issue) }))
    }
    const meta = checkListingMeta(input.meta)
    if (Either.isLeft(meta)) return decodeSchema(input)
    const items = new Array<A>(raw.length)
    for (let i = 0; i < raw.length; i++) {
      const accepted = item.accept(raw[i])
      if (accepted === undefined) return decodeSchema(input)
      items[i] = accepted
    }
    return Either.right({ items, meta: metaOf(input.meta, meta.right.next_page_url) })
  }
}
