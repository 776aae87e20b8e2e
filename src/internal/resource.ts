/**
 * The resource core: a resource is a declaration (its name, its routes, the key of its pages'
 * items, its model, its list filters), and this gives it its operations with every guarantee the
 * client makes: one encoded segment per path argument, arguments and filters checked before any
 * request, the typed errors, safe paging (origin and path pinned, loop guard, bounded pages), the
 * body bound, the compiled decoder, and a span per operation.
 */
import * as Effect from "effect/Effect"
import * as HashSet from "effect/HashSet"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { InvalidArgument, PageLoop } from "../Errors.js"
import type { FetchError, ListError } from "../Errors.js"
import type { Page, PathArguments } from "../Page.js"
import type { Pairs, Problem } from "./form.js"
import type { RequestLine, Source, VideoHttp } from "./http.js"
import * as WirePage from "./page.js"
import { withSpan } from "./span.js"

/** A route: a path template below the base URL, with one `{name}` a path argument. */
export interface Route<Name extends string> {
  /** `/v1/Rooms/{room}/Participants/{participant}/PublishedTracks` */
  readonly template: string
  /** The paths it matches, each argument one non-empty segment. */
  readonly pattern: RegExp
  /** The path for these arguments, each encoded as exactly one segment, or the first one that cannot be. */
  readonly path: (args: Readonly<Record<Name, unknown>>) => Result.Result<string, Problem>
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Encodes a name or SID as exactly one path segment, or says why it cannot be one. */
const segment = (value: unknown): Result.Result<string, string> => {
  if (typeof value !== "string") return Result.fail("must be a string")
  if (value === "") return Result.fail("must not be empty")
  // URL parsers resolve these segments (also as %2E) instead of sending them
  if (value === "." || value === "..") return Result.fail(`"${value}" cannot be sent as a path segment`)
  try {
    return Result.succeed(encodeURIComponent(value))
  } catch {
    return Result.fail("is not well-formed Unicode (it holds a lone surrogate)")
  }
}

/**
 * The route of a template such as `/v1/Rooms/{room}/Participants`, its arguments named by the
 * template. `rules` add checks of some arguments, each giving the reason a value cannot be sent,
 * or `undefined`.
 */
export const route = <const Template extends string>(
  template: Template,
  rules: Partial<Record<PathArguments<Template>, (value: string) => string | undefined>> = {}
): Route<PathArguments<Template>> => {
  type Name = PathArguments<Template>
  const parts = template.split("/").slice(1).map((part) => {
    const match = /^\{(\w+)\}$/.exec(part)
    return match === null ? { literal: part } : { argument: match[1] as Name }
  })
  const pattern = new RegExp(
    `^${parts.map((part) => "literal" in part ? `/${escapeRegExp(part.literal)}` : "/[^/]+").join("")}$`
  )
  return {
    template,
    pattern,
    path: (args) =>
      Result.gen(function*() {
        let path = ""
        for (const part of parts) {
          if ("literal" in part) {
            path += `/${part.literal}`
            continue
          }
          const argument = part.argument
          const value = args[argument]
          const reason = typeof value === "string" ? rules[argument]?.(value) : undefined
          if (reason !== undefined) return yield* Result.fail({ argument, reason })
          path += "/" + (yield* Result.mapError(segment(value), (reason) => ({ argument, reason })))
        }
        return path
      })
  }
}

/** A resource's model, as the core needs it. */
export interface Item<A, I> {
  /** The key of the items in a page's body: `published_tracks`. */
  readonly pageKey: string
  readonly schema: Schema.Codec<A, I>
  readonly accept: (input: unknown) => A | undefined
  readonly decode: (input: unknown) => Result.Result<A, Schema.SchemaError>
}

/** A resource: what the core needs to give it its operations. */
export interface Declaration<A, I, ItemArg extends string, ListArg extends string, Filters> {
  /** The service's name, which names its spans and its operations in errors: `PublishedTracks`. */
  readonly name: string
  /** One item: `…/PublishedTracks/{track}`. */
  readonly item: Route<ItemArg>
  /** The listing: `…/PublishedTracks`. */
  readonly list: Route<ListArg>
  readonly model: Item<A, I>
  /** The listing's filters as query parameters, checked (see `internal/form.ts`). */
  readonly filters: (filters: Filters) => Result.Result<Pairs, Problem>
}

/** The filters of a resource that has none. */
export const noFilters = (): Result.Result<Pairs, Problem> => Result.succeed([])

/** How a page is asked for: its size, from 1 to 1000; Twilio's default (50) when absent. */
export interface PageOptions {
  readonly pageSize?: number | undefined
}

/** How a listing is read: `limit` stops it after that many items, without asking for more pages. */
export interface ListOptions extends PageOptions {
  readonly limit?: number | undefined
}

/** The operations of every resource. */
export interface Operations<A, ItemArg extends string, ListArg extends string, Filters> {
  readonly fetch: (params: Readonly<Record<ItemArg, string>>) => Effect.Effect<A, FetchError>
  readonly list: (params: Readonly<Record<ListArg, string>> & Filters & ListOptions) => Stream.Stream<A, ListError>
  readonly page: (
    params: Readonly<Record<ListArg, string>> & Filters & PageOptions
  ) => Effect.Effect<Page<A>, FetchError>
  readonly pageAt: (url: string) => Effect.Effect<Page<A>, ListError>
  readonly listFrom: (url: string, options?: { readonly limit?: number | undefined }) => Stream.Stream<A, ListError>
  /**
   * A write: POSTs `form` (and the checked `parameters`) to the item at `args`, and gives the item
   * Twilio answers with.
   */
  readonly write: (
    operation: string,
    args: object,
    form: Result.Result<Pairs, Problem>,
    at?: Route<string>
  ) => Effect.Effect<A, FetchError>
}

/** The core's write: POSTs a form to the item at `args` (or to `at`), and gives the item Twilio answers with. */
export type Write<A> = Operations<A, string, string, unknown>["write"]

/**
 * Where a listing is: the next page's URL, where it came from, the request whose answer gave it,
 * and every page URL read so far, as requested.
 */
interface Cursor {
  readonly url: string
  /** `url` as it will be requested. */
  readonly sent: string
  readonly from: Source
  readonly linking: RequestLine
  readonly seen: HashSet.HashSet<string>
  readonly loopAfter: number | undefined
}

/** A span's captured stack would point into this package, not at the caller: skip the cost, as platform's client does. */
const captureStackTrace = false

const integerIn =
  (min: number, max: number) => (value: number | undefined): Result.Result<number | undefined, string> =>
    value === undefined || (Number.isInteger(value) && value >= min && value <= max)
      ? Result.succeed(value)
      : Result.fail(`must be an integer from ${min} to ${max}`)

const pageSizeRule = integerIn(1, WirePage.maxPageSize)
const limitRule = integerIn(0, Number.MAX_SAFE_INTEGER)

/** The operations of a resource over the Video API's HTTP client. */
export const operations = <A, I, ItemArg extends string, ListArg extends string, Filters>(
  http: VideoHttp,
  resource: Declaration<A, I, ItemArg, ListArg, Filters>
): Operations<A, ItemArg, ListArg, Filters> => {
  const name = (operation: string) => `${resource.name}.${operation}`
  const invalid = (operation: string) => (problem: Problem) =>
    new InvalidArgument({ operation: name(operation), ...problem })
  const argument = <T>(operation: string, argument: string, result: Result.Result<T, string>) =>
    Result.mapError(result, (reason) => invalid(operation)({ argument, reason }))
  const spanAttributes = (args: Readonly<Record<string, unknown>>, route: Route<string>) => {
    const attributes: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(args)) {
      if (route.template.includes(`{${key}}`)) attributes[`twilio.video.${key}`] = value
    }
    return attributes
  }
  const decodePage = WirePage.decoder(resource.model)
  const decodeItem = (body: unknown) => resource.model.decode(body)
  const listRoute: RequestLine = { method: "GET", path: resource.list.template }

  /** The first page's URL: the path, the filters, then `PageSize` (from `limit` when it is not given). */
  const firstPage = (operation: string, params: Readonly<Record<ListArg, string>> & Filters & ListOptions) =>
    Result.gen(function*() {
      const path = yield* Result.mapError(resource.list.path(params), invalid(operation))
      const filters = yield* Result.mapError(resource.filters(params), invalid(operation))
      const query = new URLSearchParams(filters.map(([key, value]) => [key, value]))
      const explicit = yield* argument(operation, "pageSize", pageSizeRule(params.pageSize))
      const limit = params.limit
      const pageSize = explicit ??
        (limit !== undefined && limit > 0 ? Math.min(limit, WirePage.maxPageSize) : undefined)
      if (pageSize !== undefined) query.append("PageSize", String(pageSize))
      const search = query.toString()
      return http.url(search === "" ? path : `${path}?${search}`)
    })

  const pageAt = (url: string, linking: RequestLine, from: Source) =>
    http.get(url, resource.list.pattern, decodePage, linking, from).pipe(
      withSpan(name("pageAt"), { captureStackTrace })
    )
  /** A page URL as it will be requested: two spellings of one request are one page. */
  const requested = (url: string, from: Source) => http.requested(url, resource.list.pattern, from)

  const stream = (firstUrl: string, from: Source, limit: number | undefined): Stream.Stream<A, ListError> => {
    if (limit === 0) return Stream.empty
    const step = (cursor: Cursor): Effect.Effect<readonly [ReadonlyArray<A>, Option.Option<Cursor>], ListError> =>
      cursor.loopAfter !== undefined
        ? Effect.fail(new PageLoop({ ...cursor.linking, pagesRead: cursor.loopAfter }))
        : Effect.map(pageAt(cursor.url, cursor.linking, cursor.from), (page) => {
          const here = new URL(cursor.sent)
          const linking = { method: "GET", path: here.pathname + here.search }
          return [
            page.items,
            Option.map(page.meta.nextPageUrl, (url): Cursor => {
              const from = { linkedFrom: here.pathname }
              const sent = requested(url, from)
              return {
                url,
                sent,
                from,
                linking,
                seen: HashSet.add(cursor.seen, sent),
                // a page already read: deliver this one, then fail instead of going round again
                loopAfter: HashSet.has(cursor.seen, sent) ? HashSet.size(cursor.seen) : undefined
              }
            })
          ] as const
        })
    const sent = requested(firstUrl, from)
    const items = Stream.paginate<Cursor, A, ListError, never>(
      { url: firstUrl, sent, from, linking: listRoute, seen: HashSet.make(sent), loopAfter: undefined },
      step
    )
    return limit === undefined ? items : Stream.take(items, limit)
  }

  /** A URL given by the caller: it must be absolute; where it may point is checked as any page URL. */
  const givenUrl = (operation: string, url: unknown) =>
    argument(
      operation,
      "url",
      typeof url === "string" && URL.canParse(url) ? Result.succeed(url) : Result.fail("is not an absolute URL")
    )

  return {
    fetch: (params) =>
      Effect.fromResult(Result.mapError(resource.item.path(params), invalid("fetch"))).pipe(
        Effect.flatMap((path) =>
          http.get(
            http.url(path),
            resource.item.pattern,
            decodeItem,
            { method: "GET", path: resource.item.template },
            "built"
          )
        ),
        // a URL built from the configured base is always on its origin, under its path
        Effect.catchTag("UnsafeNextPage", Effect.die),
        withSpan(name("fetch"), { attributes: spanAttributes(params, resource.item), captureStackTrace })
      ),
    // a listing with no required argument (Rooms) may be called with none
    list: (params = {} as typeof params) =>
      Result.all([firstPage("list", params), argument("list", "limit", limitRule(params.limit))]).pipe(
        Result.match({
          onFailure: (error) => Stream.fail(error),
          onSuccess: ([url, limit]) => stream(url, "built", limit)
        }),
        Stream.withSpan(name("list"), { attributes: spanAttributes(params, resource.list), captureStackTrace })
      ),
    page: (params = {} as typeof params) =>
      Effect.fromResult(firstPage("page", params)).pipe(
        Effect.flatMap((url) => http.get(url, resource.list.pattern, decodePage, listRoute, "built")),
        Effect.catchTag("UnsafeNextPage", Effect.die),
        withSpan(name("page"), { attributes: spanAttributes(params, resource.list), captureStackTrace })
      ),
    pageAt: (url) =>
      Effect.flatMap(Effect.fromResult(givenUrl("pageAt", url)), (url) => pageAt(url, listRoute, "given")),
    listFrom: (url, options) =>
      Result.all([givenUrl("listFrom", url), argument("listFrom", "limit", limitRule(options?.limit))]).pipe(
        Result.match({
          onFailure: (error) => Stream.fail(error),
          onSuccess: ([url, limit]) => stream(url, "given", limit)
        }),
        Stream.withSpan(name("listFrom"), { captureStackTrace })
      ),
    write: (operation, args, form, at: Route<string> = resource.item) =>
      Effect.fromResult(Result.all([
        Result.mapError(at.path(args as Readonly<Record<string, unknown>>), invalid(operation)),
        Result.mapError(form, invalid(operation))
      ])).pipe(
        Effect.flatMap(([path, pairs]) => http.post(http.url(path), at.pattern, pairs, decodeItem)),
        withSpan(name(operation), {
          attributes: spanAttributes(args as Readonly<Record<string, unknown>>, at),
          captureStackTrace
        })
      )
  }
}
