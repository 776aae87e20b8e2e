/**
 * The Participants service: find and list a room's participants, and disconnect one.
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
import * as Form from "./internal/form.js"
import * as VideoHttp from "./internal/http.js"
import * as Resource from "./internal/resource.js"
import * as Service from "./internal/service.js"
import type { Page } from "./Page.js"
import * as ParticipantModel from "./Participant.js"
import type { Participant } from "./Participant.js"
import { ParticipantStatus } from "./Participant.js"

/** The filters of a listing of participants, as Twilio's query parameters declare them. */
const Filters = Schema.Struct({
  status: Schema.optional(ParticipantStatus),
  identity: Schema.optional(Schema.String),
  dateCreatedAfter: Schema.optional(Form.DateInput),
  dateCreatedBefore: Schema.optional(Form.DateInput)
})

const disconnected = Result.succeed([["Status", "disconnected"]] as const)

const resource: Resource.Declaration<
  Participant,
  Participant.Encoded,
  "room" | "participant",
  "room",
  Participants.Filters
> = {
  name: "Participants",
  item: Resource.route("/v1/Rooms/{room}/Participants/{participant}"),
  list: Resource.route("/v1/Rooms/{room}/Participants"),
  key: ParticipantModel.pageKey,
  model: ParticipantModel.model,
  filters: Form.encoder(Filters)
}

/**
 * The service over the Video API's HTTP client.
 *
 * @internal
 */
export const fromHttp = (http: VideoHttp.VideoHttp): Participants.Service => {
  const { fetch, list, listFrom, page, pageAt, write } = Resource.operations(http, resource)
  return {
    fetch,
    list,
    page,
    pageAt,
    listFrom,
    disconnect: (params) => write("disconnect", params, disconnected)
  }
}

const make: Effect.Effect<Participants.Service, never, HttpClient.HttpClient | TwilioCredentials> = Effect.map(
  VideoHttp.make,
  fromHttp
)

/**
 * The Participants service.
 *
 * ```ts
 * const connected = Participants.list({ room: "DailyStandup", status: "connected" })
 * ```
 *
 * @since 0.2.0
 * @category tags
 */
export class Participants
  extends Context.Service<Participants, Participants.Service>()("effect-twilio-video/Participants")
{
  /**
   * Builds the service over an `HttpClient` and `TwilioCredentials`, with the `ClientConfig` in context.
   *
   * @since 0.2.0
   * @category constructors
   */
  static readonly make: Effect.Effect<Participants.Service, never, HttpClient.HttpClient | TwilioCredentials> = make

  /**
   * The service over an `HttpClient` and `TwilioCredentials`.
   *
   * @since 0.2.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Participants, never, HttpClient.HttpClient | TwilioCredentials> = Layer.effect(
    this,
    make
  )

  /**
   * The service configured from the environment; needs only an `HttpClient`.
   *
   * @since 0.2.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<Participants, Config.ConfigError, HttpClient.HttpClient> = Service
    .fromConfig(this.layer)

  /**
   * Fetches a participant of a room, by SID or identity.
   *
   * @since 0.2.0
   * @category accessors
   */
  static readonly fetch = Service.effect(this, "fetch")

  /**
   * Streams a room's participants that pass the filters, following `next_page_url` lazily.
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
   * Streams the participants from the page at `url` on, as `list` does.
   *
   * @since 0.2.0
   * @category accessors
   */
  static readonly listFrom = Service.stream(this, "listFrom")

  /**
   * Disconnects a participant from its room.
   *
   * @since 0.2.0
   * @category accessors
   */
  static readonly disconnect = Service.effect(this, "disconnect")
}

/**
 * Types that go with `Participants`.
 *
 * @since 0.2.0
 */
export declare namespace Participants {
  /**
   * Which participant: the room and the participant, each by SID or name (unique name, identity).
   *
   * @since 0.2.0
   * @category models
   */
  export interface FetchParams {
    readonly room: string
    readonly participant: string
  }

  /**
   * The filters of a listing: `status`, `identity`, and participants created after or before a
   * date (a `DateTime` or a `Date`, sent as RFC 3339).
   *
   * @since 0.2.0
   * @category models
   */
  export interface Filters extends Readonly<typeof Filters.Type> {}

  /**
   * Whose page to read: the room, the filters, and the page size (1 to 1000).
   *
   * @since 0.2.0
   * @category models
   */
  export interface PageParams extends Filters {
    readonly room: string
    readonly pageSize?: number | undefined
  }

  /**
   * Whose participants to list, and `limit`: stop after that many.
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
    /** Fetches a participant. */
    readonly fetch: (params: FetchParams) => Effect.Effect<Participant, FetchError>
    /** Streams a room's participants, following `next_page_url` lazily, one page at a time. */
    readonly list: (params: ListParams) => Stream.Stream<Participant, ListError>
    /** The first page of a listing, with its meta. */
    readonly page: (params: PageParams) => Effect.Effect<Page<Participant>, FetchError>
    /** The page at a URL a previous page gave (`meta.nextPageUrl`). */
    readonly pageAt: (url: string) => Effect.Effect<Page<Participant>, ListError>
    /** Streams the participants from the page at `url` on, as `list` does. */
    readonly listFrom: (
      url: string,
      options?: { readonly limit?: number | undefined }
    ) => Stream.Stream<Participant, ListError>
    /** Disconnects a participant. Not retried after a timeout or a 5xx: Twilio may have done it. */
    readonly disconnect: (params: FetchParams) => Effect.Effect<Participant, FetchError>
  }
}
