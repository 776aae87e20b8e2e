/**
 * The PublishedTracks service: fetch one track, or stream a participant's tracks page by page.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { ClientConfig } from "./ClientConfig.js"
import { TwilioCredentials } from "./Credentials.js"
import type { FetchError, ListError } from "./Errors.js"
import * as VideoHttp from "./internal/http.js"
import { fromHttp } from "./internal/service.js"
import type { Page, PublishedTrack } from "./PublishedTrack.js"

/**
 * Which track to fetch. Each part is a SID or a name (the room's unique name, the participant's
 * identity, the track's name); any string is sent as exactly one path segment.
 *
 * @since 0.1.0
 * @category models
 */
export interface FetchParams {
  readonly room: string
  readonly participant: string
  readonly track: string
}

/**
 * Whose tracks to list.
 *
 * - `pageSize`: tracks a page, an integer from 1 to 1000; Twilio's default (50) when absent.
 * - `limit`: stop after this many tracks, without requesting pages that are not needed. With a
 *   limit and no page size, the page size is the limit (at most 1000).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListParams {
  readonly room: string
  readonly participant: string
  readonly pageSize?: number | undefined
  readonly limit?: number | undefined
}

/**
 * Whose first page to read, and its size (1 to 1000).
 *
 * @since 0.1.0
 * @category models
 */
export interface PageParams {
  readonly room: string
  readonly participant: string
  readonly pageSize?: number | undefined
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Fetches one track. */
  readonly fetch: (params: FetchParams) => Effect.Effect<PublishedTrack, FetchError>
  /** Streams a participant's tracks, following `next_page_url` lazily, one page at a time. */
  readonly list: (params: ListParams) => Stream.Stream<PublishedTrack, ListError>
  /** The first page of a listing, with its meta. */
  readonly page: (params: PageParams) => Effect.Effect<Page, FetchError>
  /** The page at a URL a previous page gave (`meta.nextPageUrl`), e.g. one stored to resume later. */
  readonly pageAt: (url: string) => Effect.Effect<Page, ListError>
  /** Streams the tracks from the page at `url` on, as `list` does. */
  readonly listFrom: (url: string, options?: { readonly limit?: number | undefined }) => Stream.Stream<
    PublishedTrack,
    ListError
  >
}

/**
 * Builds the service over an `HttpClient` and `TwilioCredentials`, with the `ClientConfig` in
 * context (Twilio's global endpoint by default).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, HttpClient.HttpClient | TwilioCredentials> = Effect.map(
  VideoHttp.make,
  fromHttp
)

/**
 * The PublishedTracks service.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const track = yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
 * }).pipe(
 *   Effect.provide(PublishedTracks.layer),
 *   Effect.provide(TwilioCredentials.layerConfig),
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class PublishedTracks extends Context.Tag("effect-twilio-video/PublishedTracks")<PublishedTracks, Service>() {
  /**
   * The service over an `HttpClient` and `TwilioCredentials`. Endpoint settings come from
   * `ClientConfig` when a layer provides it, Twilio's global endpoint otherwise.
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
  static readonly layerConfig: Layer.Layer<PublishedTracks, ConfigError.ConfigError, HttpClient.HttpClient> = this.layer
    .pipe(Layer.provide(TwilioCredentials.layerConfig), Layer.provide(ClientConfig.layerConfig))

  /**
   * Fetches one track with the service in context.
   *
   * @since 0.1.0
   * @category accessors
   */
  static readonly fetch = (params: FetchParams): Effect.Effect<PublishedTrack, FetchError, PublishedTracks> =>
    Effect.flatMap(this, (service) => service.fetch(params))

  /**
   * Streams a participant's tracks with the service in context.
   *
   * @since 0.1.0
   * @category accessors
   */
  static readonly list = (params: ListParams): Stream.Stream<PublishedTrack, ListError, PublishedTracks> =>
    Stream.unwrap(Effect.map(this, (service) => service.list(params)))
}
