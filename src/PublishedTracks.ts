/**
 * The PublishedTracks service: fetch one track, or stream a participant's tracks page by page.
 *
 * @since 0.1.0
 */
import * as Resource from "./internal/resource.js"
import * as Service from "./internal/service.js"
import type { ListOptions, PageOptions, PathParams, Reads } from "./Page.js"
import * as Track from "./PublishedTrack.js"
import type { PublishedTrack } from "./PublishedTrack.js"

const itemPath = "/v1/Rooms/{room}/Participants/{participant}/PublishedTracks/{track}"
const listPath = "/v1/Rooms/{room}/Participants/{participant}/PublishedTracks"

/**
 * The PublishedTracks service.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const track = yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
 *   yield* Effect.log(`${track.name} is ${track.kind}`)
 * }).pipe(Effect.provide(PublishedTracks.layerConfig), Effect.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class PublishedTracks extends Service.Tag<PublishedTracks, PublishedTracks.Service>()(
  "effect-twilio-video/PublishedTracks",
  {
    name: "PublishedTracks",
    item: Resource.route(itemPath),
    list: Resource.route(listPath),
    model: Track.model,
    filters: Resource.noFilters
  },
  {}
) {}

/**
 * Types that go with `PublishedTracks`.
 *
 * @since 0.2.0
 */
export declare namespace PublishedTracks {
  /**
   * Which track to fetch. Each part is a SID or a name (the room's unique name, the participant's
   * identity, the track's name); any string is sent as exactly one path segment.
   *
   * @since 0.2.0
   * @category models
   */
  export interface FetchParams extends PathParams<typeof itemPath> {}

  /**
   * Whose page to read, and its size: tracks a page, an integer from 1 to 1000; Twilio's default
   * (50) when absent.
   *
   * @since 0.2.0
   * @category models
   */
  export interface PageParams extends PathParams<typeof listPath>, PageOptions {}

  /**
   * Whose tracks to list. `limit` stops after that many tracks, without requesting pages that are
   * not needed; with a limit and no page size, the page size is the limit (at most 1000).
   *
   * @since 0.2.0
   * @category models
   */
  export interface ListParams extends PageParams, ListOptions {}

  /**
   * The operations of the service.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Service extends Reads<PublishedTrack, FetchParams, PageParams, ListParams> {}
}
