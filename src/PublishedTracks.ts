/**
 * The PublishedTracks service: fetch one track, or stream a participant's tracks page by page.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Chunk from "effect/Chunk"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { ClientConfig } from "./ClientConfig.js"
import { TwilioCredentials } from "./Credentials.js"
import { InvalidArgument } from "./Errors.js"
import type { FetchError, ListError } from "./Errors.js"
import * as VideoHttp from "./internal/http.js"
import { Page, PublishedTrack } from "./PublishedTrack.js"

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

const trackPath = "/v1/Rooms/{RoomNameOrSid}/Participants/{ParticipantIdentityOrSid}/PublishedTracks/{TrackNameOrSid}"
const listPath = "/v1/Rooms/{RoomNameOrSid}/Participants/{ParticipantIdentityOrSid}/PublishedTracks"

const invalid = (path: string, argument: string, reason: string) =>
  Either.left(new InvalidArgument({ method: "GET", path, argument, reason }))

/** Encodes a name or SID as exactly one path segment, or says why it cannot be one. */
const segment = (path: string, argument: string, value: unknown): Either.Either<string, InvalidArgument> => {
  if (typeof value !== "string") return invalid(path, argument, "must be a string")
  if (value === "") return invalid(path, argument, "must not be empty")
  // URL parsers resolve these segments (also as %2E) instead of sending them
  if (value === "." || value === "..") return invalid(path, argument, `"${value}" cannot be sent as a path segment`)
  try {
    return Either.right(encodeURIComponent(value))
  } catch {
    return invalid(path, argument, "is not well-formed Unicode (it holds a lone surrogate)")
  }
}

const integerIn = (
  path: string,
  argument: string,
  value: number | undefined,
  min: number,
  max: number
): Either.Either<number | undefined, InvalidArgument> =>
  value === undefined || (Number.isInteger(value) && value >= min && value <= max)
    ? Either.right(value)
    : invalid(path, argument, `must be an integer from ${min} to ${max}`)

const listUrl = (http: VideoHttp.VideoHttp, params: PageParams, limit?: number | undefined) =>
  Either.gen(function*() {
    const room = yield* segment(listPath, "room", params.room)
    const participant = yield* segment(listPath, "participant", params.participant)
    const explicit = yield* integerIn(listPath, "pageSize", params.pageSize, 1, 1000)
    const pageSize = explicit ?? (limit !== undefined && limit > 0 ? Math.min(limit, 1000) : undefined)
    const query = pageSize === undefined ? "" : `?PageSize=${pageSize}`
    return http.url(`/v1/Rooms/${room}/Participants/${participant}/PublishedTracks${query}`)
  })

const decodeTrack = Schema.decodeUnknownEither(PublishedTrack)
const decodePage = Schema.decodeUnknownEither(Page)

const spanAttributes = (params: { readonly room: string; readonly participant: string; readonly track?: string }) => ({
  "twilio.video.room": params.room,
  "twilio.video.participant": params.participant,
  ...(params.track !== undefined ? { "twilio.video.track": params.track } : {})
})

/**
 * Builds the service over an `HttpClient` and `TwilioCredentials`, with the `ClientConfig` in
 * context (Twilio's global endpoint by default).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, HttpClient.HttpClient | TwilioCredentials> = Effect.gen(function*() {
  const http = yield* VideoHttp.make

  const pageAt = (url: string, from: VideoHttp.Origin = { method: "GET", path: listPath }) =>
    http.get(url, decodePage, from).pipe(Effect.withSpan("PublishedTracks.page"))

  const stream = (firstUrl: string, limit: number | undefined): Stream.Stream<PublishedTrack, ListError> => {
    if (limit === 0) return Stream.empty
    const tracks = Stream.paginateChunkEffect(
      { url: firstUrl, from: { method: "GET", path: listPath } },
      (state: { readonly url: string; readonly from: VideoHttp.Origin }) =>
        Effect.map(pageAt(state.url, state.from), (page) => {
          const here = new URL(state.url)
          const from = { method: "GET", path: here.pathname + here.search }
          return [
            Chunk.unsafeFromArray(page.items),
            Option.map(page.meta.nextPageUrl, (url) => ({ url, from }))
          ] as const
        })
    )
    return limit === undefined ? tracks : Stream.take(tracks, limit)
  }

  const limitOf = (path: string, limit: number | undefined) =>
    integerIn(path, "limit", limit, 0, Number.MAX_SAFE_INTEGER)

  return {
    fetch: (params) =>
      Either.gen(function*() {
        const room = yield* segment(trackPath, "room", params.room)
        const participant = yield* segment(trackPath, "participant", params.participant)
        const track = yield* segment(trackPath, "track", params.track)
        return http.url(`/v1/Rooms/${room}/Participants/${participant}/PublishedTracks/${track}`)
      }).pipe(
        Effect.flatMap((url) => http.get(url, decodeTrack, { method: "GET", path: trackPath })),
        // a URL we built is always on the configured origin
        Effect.catchTag("UnsafeNextPage", Effect.die),
        Effect.withSpan("PublishedTracks.fetch", { attributes: spanAttributes(params) })
      ),
    list: (params) =>
      Either.all([listUrl(http, params, params.limit), limitOf(listPath, params.limit)]).pipe(
        Either.match({
          onLeft: (error) => Stream.fail(error),
          onRight: ([url, limit]) => stream(url, limit)
        }),
        Stream.withSpan("PublishedTracks.list", { attributes: spanAttributes(params) })
      ),
    page: (params) =>
      listUrl(http, params).pipe(
        Effect.flatMap((url) => pageAt(url)),
        Effect.catchTag("UnsafeNextPage", Effect.die),
        Effect.withSpan("PublishedTracks.firstPage", { attributes: spanAttributes(params) })
      ),
    pageAt: (url) => pageAt(url),
    listFrom: (url, options) =>
      limitOf("listFrom", options?.limit).pipe(
        Either.match({ onLeft: (error) => Stream.fail(error), onRight: (limit) => stream(url, limit) }),
        Stream.withSpan("PublishedTracks.listFrom")
      )
  }
})

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
