/**
 * The SubscribedTracks service: the tracks a participant receives.
 *
 * @since 0.2.0
 */
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { TwilioCredentials } from "./Credentials.js"
import type { FetchError, ListError } from "./Errors.js"
import * as VideoHttp from "./internal/http.js"
import * as Resource from "./internal/resource.js"
import * as Service from "./internal/service.js"
import type { Page } from "./Page.js"
import { TrackSid } from "./Sid.js"
import * as SubscribedTrackModel from "./SubscribedTrack.js"
import type { SubscribedTrack } from "./SubscribedTrack.js"

const isTrackSid = Schema.is(TrackSid)

const resource: Resource.Declaration<
  SubscribedTrack,
  SubscribedTrack.Encoded,
  "room" | "participant" | "track",
  "room" | "participant",
  unknown
> = {
  name: "SubscribedTracks",
  // Twilio finds a subscribed track by its SID only
  item: Resource.route("/v1/Rooms/{room}/Participants/{participant}/SubscribedTracks/{track}", {
    track: (value) => isTrackSid(value) ? undefined : "must be a track SID: \"MT\" followed by 32 hexadecimal digits"
  }),
  list: Resource.route("/v1/Rooms/{room}/Participants/{participant}/SubscribedTracks"),
  key: SubscribedTrackModel.pageKey,
  model: SubscribedTrackModel.model,
  filters: () => Result.succeed([])
}

/**
 * The service over the Video API's HTTP client.
 *
 * @internal
 */
export const fromHttp = (http: VideoHttp.VideoHttp): SubscribedTracks.Service => {
  const { fetch, list, listFrom, page, pageAt } = Resource.operations(http, resource)
  return { fetch, list, page, pageAt, listFrom }
}

const make: Effect.Effect<SubscribedTracks.Service, never, HttpClient.HttpClient | TwilioCredentials> = Effect.map(
  VideoHttp.make,
  fromHttp
)

/**
 * The SubscribedTracks service.
 *
 * ```ts
 * const received = SubscribedTracks.list({ room: "DailyStandup", participant: "Alice" })
 * ```
 *
 * @since 0.2.0
 * @category tags
 */
export class SubscribedTracks
  extends Context.Service<SubscribedTracks, SubscribedTracks.Service>()("effect-twilio-video/SubscribedTracks")
{
  /**
   * Builds the service over an `HttpClient` and `TwilioCredentials`, with the `ClientConfig` in context.
   *
   * @since 0.2.0
   * @category constructors
   */
  static readonly make: Effect.Effect<SubscribedTracks.Service, never, HttpClient.HttpClient | TwilioCredentials> = make

  /**
   * The service over an `HttpClient` and `TwilioCredentials`.
   *
   * @since 0.2.0
   * @category layers
   */
  static readonly layer: Layer.Layer<SubscribedTracks, never, HttpClient.HttpClient | TwilioCredentials> = Layer
    .effect(this, make)

  /**
   * The service configured from the environment; needs only an `HttpClient`.
   *
   * @since 0.2.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<SubscribedTracks, Config.ConfigError, HttpClient.HttpClient> = Service
    .fromConfig(this.layer)

  /**
   * Fetches a track a participant receives, by its SID.
   *
   * @since 0.2.0
   * @category accessors
   */
  static readonly fetch = Service.effect(this, "fetch")

  /**
   * Streams the tracks a participant receives, following `next_page_url` lazily.
   *
   * @since 0.2.0
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
   * The page at a URL a previous page gave.
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
 * Types that go with `SubscribedTracks`.
 *
 * @since 0.2.0
 */
export declare namespace SubscribedTracks {
  /**
   * Which track: the room and the participant by SID or name, the track by its SID (`MT…`).
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
   * Whose page to read, and its size (1 to 1000).
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
   * Whose tracks to list, and `limit`: stop after that many.
   *
   * @since 0.2.0
   * @category models
   */
  export interface ListParams extends PageParams {
    readonly limit?: number | undefined
  }

  /**
   * The operations of the service.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Service {
    /** Fetches a track a participant receives. */
    readonly fetch: (params: FetchParams) => Effect.Effect<SubscribedTrack, FetchError>
    /** Streams the tracks a participant receives, following `next_page_url` lazily, one page at a time. */
    readonly list: (params: ListParams) => Stream.Stream<SubscribedTrack, ListError>
    /** The first page of a listing, with its meta. */
    readonly page: (params: PageParams) => Effect.Effect<Page<SubscribedTrack>, FetchError>
    /** The page at a URL a previous page gave (`meta.nextPageUrl`). */
    readonly pageAt: (url: string) => Effect.Effect<Page<SubscribedTrack>, ListError>
    /** Streams the tracks from the page at `url` on, as `list` does. */
    readonly listFrom: (
      url: string,
      options?: { readonly limit?: number | undefined }
    ) => Stream.Stream<SubscribedTrack, ListError>
  }
}
