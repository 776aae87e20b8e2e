/**
 * All four services at once, over one `HttpClient` shaped once: `Rooms`, `Participants`,
 * `PublishedTracks` and `SubscribedTracks`.
 *
 * @since 0.2.0
 */
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type { TwilioCredentials } from "./Credentials.js"
import * as VideoHttp from "./internal/http.js"
import * as Service from "./internal/service.js"
import * as Participants from "./Participants.js"
import * as PublishedTracks from "./PublishedTracks.js"
import * as Rooms from "./Rooms.js"
import * as SubscribedTracks from "./SubscribedTracks.js"

/**
 * The services `TwilioVideo.layer` provides.
 *
 * @since 0.2.0
 * @category models
 */
export type Services =
  | Rooms.Rooms
  | Participants.Participants
  | PublishedTracks.PublishedTracks
  | SubscribedTracks.SubscribedTracks

/**
 * The four services over an `HttpClient` and `TwilioCredentials`, with the `ClientConfig` in
 * context: one client for a pipeline that walks rooms, participants and tracks.
 *
 * ```ts
 * const Live = TwilioVideo.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<Services, never, HttpClient.HttpClient | TwilioCredentials> = Layer.effectContext(
  Effect.map(VideoHttp.make, (http) =>
    Context.make(Rooms.Rooms, Rooms.Rooms.fromHttp(http)).pipe(
      Context.add(Participants.Participants, Participants.Participants.fromHttp(http)),
      Context.add(PublishedTracks.PublishedTracks, PublishedTracks.PublishedTracks.fromHttp(http)),
      Context.add(SubscribedTracks.SubscribedTracks, SubscribedTracks.SubscribedTracks.fromHttp(http))
    ))
)

/**
 * The four services configured from the environment; needs only an `HttpClient`.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerConfig: Layer.Layer<Services, Config.ConfigError, HttpClient.HttpClient> = Service.fromConfig(
  layer
)
