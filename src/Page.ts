/**
 * A page of a listing, as `page` and `pageAt` give it: its items, and the paging information
 * Twilio sends with them.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Stream from "effect/Stream"
import type { FetchError, ListError } from "./Errors.js"

/**
 * The names of the arguments of a route template: `"room" | "participant"` of
 * `"/v1/Rooms/{room}/Participants/{participant}"`.
 *
 * @since 1.3.0
 * @category models
 */
export type PathArguments<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathArguments<Rest>
  : never

/**
 * The path arguments a route template names, each a SID or a name, sent as exactly one path
 * segment: `PathParams<"/v1/Rooms/{room}">` is `{ readonly room: string }`. A service's
 * `FetchParams` and `PageParams` are its routes' `PathParams`, so their names are the template's.
 *
 * @since 1.3.0
 * @category models
 */
export type PathParams<Template extends string> = { readonly [Name in PathArguments<Template>]: string }

/**
 * The paging information of a page. A listing acts on `nextPageUrl` alone; the other fields are
 * kept where Twilio sends them valid, and are `None` where they are absent, `null` or unexpected.
 *
 * @since 0.1.0
 * @category models
 */
export interface PageMeta {
  /** The URL of the next page; `None` on the last page. */
  readonly nextPageUrl: Option.Option<string>
  /** The index of this page, from 0. */
  readonly page: Option.Option<number>
  /** The number of items a page holds. */
  readonly pageSize: Option.Option<number>
  readonly firstPageUrl: Option.Option<string>
  readonly previousPageUrl: Option.Option<string>
  /** The URL of this page. */
  readonly url: Option.Option<string>
  /** The key of the items in the body, e.g. `published_tracks`. */
  readonly key: Option.Option<string>
}

/**
 * A page of a listing: its items and its meta.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly meta: PageMeta
}

/**
 * How a page is asked for: its size, an integer from 1 to 1000 items; Twilio's default (50) when
 * absent.
 *
 * @since 1.0.0
 * @category models
 */
export interface PageOptions {
  readonly pageSize?: number | undefined
}

/**
 * How a listing is read: `limit` stops it after that many items, without requesting pages that are
 * not needed; with a limit and no page size, the page size is the limit (at most 1000).
 *
 * @since 1.0.0
 * @category models
 */
export interface ListOptions extends PageOptions {
  readonly limit?: number | undefined
}

/**
 * How far to read from a stored page URL.
 *
 * @since 1.0.0
 * @category models
 */
export interface ListFromOptions {
  readonly limit?: number | undefined
}

/**
 * The reads every resource has, for its items `A`: one item by its path, a listing as a `Stream`
 * that follows `next_page_url` lazily one page at a time, its first page with the meta, the page at
 * a URL a previous page gave (`meta.nextPageUrl`, e.g. one stored to resume later), and a listing
 * from such a URL on.
 *
 * @since 1.0.0
 * @category models
 */
export interface Reads<A, FetchParams, PageParams, ListParams> {
  readonly fetch: (params: FetchParams) => Effect.Effect<A, FetchError>
  readonly list: (params: ListParams) => Stream.Stream<A, ListError>
  readonly page: (params: PageParams) => Effect.Effect<Page<A>, FetchError>
  readonly pageAt: (url: string) => Effect.Effect<Page<A>, ListError>
  readonly listFrom: (url: string, options?: ListFromOptions) => Stream.Stream<A, ListError>
}
