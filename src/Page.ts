/**
 * A page of a listing, as `page` and `pageAt` give it: its items, and the paging information
 * Twilio sends with them.
 *
 * @since 0.1.0
 */
import type * as Option from "effect/Option"

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
