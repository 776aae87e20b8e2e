/**
 * The Participants service: find and list a room's participants, and disconnect one.
 *
 * @since 0.2.0
 */
import type * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { FetchError } from "./Errors.js"
import * as Form from "./internal/form.js"
import * as Resource from "./internal/resource.js"
import * as Service from "./internal/service.js"
import type { ListOptions, PageOptions, PathParams, Reads } from "./Page.js"
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

const itemPath = "/v1/Rooms/{room}/Participants/{participant}"
const listPath = "/v1/Rooms/{room}/Participants"
const disconnected = Result.succeed([["Status", "disconnected"]] as const)

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
export class Participants extends Service.Tag<Participants, Participants.Service>()(
  "effect-twilio-video/Participants",
  {
    name: "Participants",
    item: Resource.route(itemPath),
    list: Resource.route(listPath),
    model: ParticipantModel.model,
    filters: Form.encoder(Filters)
  },
  { disconnect: (write) => (params) => write("disconnect", params, disconnected) }
) {}

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
  export interface FetchParams extends PathParams<typeof itemPath> {}

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
  export interface PageParams extends PathParams<typeof listPath>, Filters, PageOptions {}

  /**
   * Whose participants to list, and `limit`: stop after that many.
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
  export interface Service extends Reads<Participant, FetchParams, PageParams, ListParams> {
    /** Disconnects a participant. Not retried after a timeout or a 5xx: Twilio may have done it. */
    readonly disconnect: (params: FetchParams) => Effect.Effect<Participant, FetchError>
  }
}
