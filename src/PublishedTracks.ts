/**
 * The PublishedTracks service: fetch one track, or stream a participant's tracks page by page.
 *
 * @since 0.1.0
 */
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import type * as Stream from "effect/Stream"
import type { TwilioCredentials } from "./Credentials.js"
import type { FetchError, ListError } from "./Errors.js"
import * as VideoHttp from "./internal/http.js"
import * as Resource from "./internal/resource.js"
import * as Service from "./internal/service.js"
import type { Page } from "./Page.js"
import * as Track from "./PublishedTrack.js"
import type { PublishedTrack } from "./PublishedTrack.js"

const resource: Resource.Declaration<
  PublishedTrack,
  PublishedTrack.Encoded,
  "room" | "participant" | "track",
  "room" | "participant",
  unknown
> = {
  name: "PublishedTracks",
  item: Resource.route("/v1/Rooms/{room}/Participants/{participant}/PublishedTracks/{track}"),
  list: Resource.route("/v1/Rooms/{room}/Participants/{participant}/PublishedTracks"),
  key: Track.pageKey,
  model: Track.model,
  filters: () => Result.succeed([])
}

/**
 * The service over the Video API's HTTP client.
 *
 * @internal
 */
export const fromHttp = (http: VideoHttp.VideoHttp): PublishedTracks.Service => {
  const { fetch, list, listFrom, page, pageAt } = Resource.operations(http, resource)
  return { fetch, list, page, pageAt, listFrom }
}

const make: Effect.Effect<PublishedTracks.Service, never, HttpClient.HttpClient | TwilioCredentials> = Effect.map(
  VideoHttp.make,
  fromHttp
)

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
export class PublishedTracks
  extends Context.Service<PublishedTracks, PublishedTracks.Service>()("effect-twilio-video/PublishedTracks")
{
  /**
   * Builds the service over an `HttpClient` and `TwilioCredentials`, with the `ClientConfig` in
   * context (Twilio's global endpoint by default).
   *
   * @since 0.2.0
   * @category constructors
   */
  static readonly make: Effect.Effect<PublishedTracks.Service, never, HttpClient.HttpClient | TwilioCredentials> = make

  /**
   * The service over an `HttpClient` and `TwilioCredentials`. Endpoint, retries and timeout come
   * from `ClientConfig` when a layer provides it, Twilio's defaults otherwise.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<PublishedTracks, never, HttpClient.HttpClient | TwilioCredentials> = Layer
    .effect(this, make)

  /**
   * The service configured from the environment: credentials (`TwilioCredentials.config`) and
   * endpoint (`ClientConfig.config`). Needs only an `HttpClient`.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<PublishedTracks, Config.ConfigError, HttpClient.HttpClient> = Service
    .fromConfig(this.layer)

  /**
   * Fetches one track.
   *
   * @since 0.1.0
   * @category accessors
   */
  static readonly fetch = Service.effect(this, "fetch")

  /**
   * Streams a participant's tracks, following `next_page_url` lazily, one page at a time.
   *
   * @since 0.1.0
   * @category accessors
   */
  static readonly list = Service.stream(this, "list")

  /**
   * The first page of a listing, with its meta.
   *
   * @since 0.2.0
   * @category accessors
   */
  static readonly page = Service.effect(this, "page")

  /**
   * The page at a URL a previous page gave (`meta.nextPageUrl`), e.g. one stored to resume later.
   *
   * @since 0.2.0
   * @category accessors
   */
  static readonly pageAt = Service.effect(this, "pageAt")

  /**
   * Streams the tracks from the page at `url` on, as `list` does.
   *
   * @since 0.2.0
   * @category accessors
   */
  static readonly listFrom = Service.stream(this, "listFrom")
}

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
  export interface FetchParams {
    readonly room: string
    readonly participant: string
    readonly track: string
  }

  /**
   * Whose page to read, and its size: tracks a page, an integer from 1 to 1000; Twilio's default
   * (50) when absent.
   *
   * @since 0.2.0
   * @category models
   */
  export interface PageParams {
    readonly room: string
    readonly participant: string
    readonly pageSize?: number | undefined
  }

  /**
   * Whose tracks to list. `limit` stops after that many tracks, without requesting pages that are
   * not needed; with a limit and no page size, the page size is the limit (at most 1000).
   *
   * @since 0.2.0
   * @category models
   */
  export interface ListParams extends PageParams {
    readonly limit?: number | undefined
  }

  /**
   * How far to read from a stored page URL.
   *
   * @since 0.2.0
   * @category models
   */
  export interface ListFromOptions {
    readonly limit?: number | undefined
  }

  /**
   * The operations of the service.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Service {
    /** Fetches one track. */
    readonly fetch: (params: FetchParams) => Effect.Effect<PublishedTrack, FetchError>
    /** Streams a participant's tracks, following `next_page_url` lazily, one page at a time. */
    readonly list: (params: ListParams) => Stream.Stream<PublishedTrack, ListError>
    /** The first page of a listing, with its meta. */
    readonly page: (params: PageParams) => Effect.Effect<Page<PublishedTrack>, FetchError>
    /** The page at a URL a previous page gave (`meta.nextPageUrl`), e.g. one stored to resume later. */
    readonly pageAt: (url: string) => Effect.Effect<Page<PublishedTrack>, ListError>
    /** Streams the tracks from the page at `url` on, as `list` does. */
    readonly listFrom: (url: string, options?: ListFromOptions) => Stream.Stream<PublishedTrack, ListError>
  }
}
