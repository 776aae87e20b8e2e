/**
 * A page of a listing on the wire: its items under the resource's key, and Twilio's `meta`. A
 * listing acts on the items and `meta.next_page_url` alone: those are checked strictly, the rest of
 * `meta` is kept where valid.
 */
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaTransformation from "effect/SchemaTransformation"
import type { Page, PageMeta } from "../Page.js"
import { AbsoluteUrl, camelCase, decodeOptions } from "./model.js"

/** Twilio's largest page. */
export const maxPageSize = 1000

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

const lenient = <A, I>(wire: string, schema: Schema.Codec<A, I>) => ({
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
const checkListingMeta = Schema.decodeUnknownResult(ListingMeta)

const metaOf = (raw: Record<string, unknown>, next: string | null): PageMeta => {
  const meta: Record<string, Option.Option<unknown>> = { nextPageUrl: Option.fromNullishOr(next) }
  for (const { decode, model, wire } of lenientFields) meta[model] = decode(raw[wire])
  return meta as unknown as PageMeta
}

const PageMetaFromSelf = Schema.Struct({
  nextPageUrl: Schema.Option(Schema.String),
  page: Schema.Option(Schema.Number),
  pageSize: Schema.Option(Schema.Number),
  firstPageUrl: Schema.Option(Schema.String),
  previousPageUrl: Schema.Option(Schema.String),
  url: Schema.Option(Schema.String),
  key: Schema.Option(Schema.String)
})

const PageMetaSchema = Schema.StructWithRest(ListingMeta, [Schema.Record(Schema.String, Schema.Unknown)]).pipe(
  Schema.decodeTo(
    PageMetaFromSelf,
    SchemaTransformation.transform<PageMeta, { readonly next_page_url: string | null; readonly [x: string]: unknown }>({
      decode: (raw) => metaOf(raw, raw.next_page_url),
      encode: (meta) => ({ next_page_url: Option.getOrNull(meta.nextPageUrl) })
    })
  )
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
export const schema = <A, I>(key: string, item: Schema.Codec<A, I>) =>
  Schema.Struct({ items: Schema.Array(item), meta: PageMetaSchema }).pipe(Schema.encodeKeys({ items: key }))

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
 * A decoder of the pages whose items are under `item.pageKey`: the same result as `schema(…)`, item by
 * item through `accept`; on any miss, the whole page is decoded again by the schema, so that errors
 * are exactly the schema's. A page with more items than its URL asks for is refused before any item
 * is decoded.
 */
export const decoder = <A, I>(
  item: {
    readonly pageKey: string
    readonly schema: Schema.Codec<A, I>
    readonly accept: (input: unknown) => A | undefined
  }
) => {
  const key = item.pageKey
  const pageSchema = schema(key, item.schema)
  const decodeSchema = Schema.decodeUnknownResult(pageSchema, decodeOptions)
  return (input: unknown, url: URL): Result.Result<Page<A>, Schema.SchemaError> => {
    if (!isRecord(input) || !Array.isArray(input[key]) || !isRecord(input.meta)) return decodeSchema(input)
    const raw: ReadonlyArray<unknown> = input[key]
    const bound = maxItems(url)
    if (raw.length > bound) {
      const issue = new SchemaIssue.InvalidValue({ message: `${raw.length} items, more than the ${bound} asked for` })
      return Result.fail(new Schema.SchemaError(new SchemaIssue.Pointer([key], issue)))
    }
    const meta = checkListingMeta(input.meta)
    if (Result.isFailure(meta)) return decodeSchema(input)
    const items = new Array<A>(raw.length)
    for (let i = 0; i < raw.length; i++) {
      const accepted = item.accept(raw[i])
      if (accepted === undefined) return decodeSchema(input)
      items[i] = accepted
    }
    return Result.succeed({ items, meta: metaOf(input.meta, meta.success.next_page_url) })
  }
}
