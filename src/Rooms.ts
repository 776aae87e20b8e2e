/**
 * The Rooms service: create rooms, find them, list them, and end them.
 *
 * @since 0.2.0
 */
import type * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { FetchError, ListError } from "./Errors.js"
import * as Form from "./internal/form.js"
import * as Resource from "./internal/resource.js"
import * as Service from "./internal/service.js"
import type { ListOptions, Page, PageOptions, PathParams, Reads } from "./Page.js"
import * as RoomModel from "./Room.js"
import type { Room } from "./Room.js"
import { RoomStatus, RoomType, VideoCodec } from "./Room.js"

/** An integer within the range Twilio's description of the parameter states. */
const between = (min: number, max: number) =>
  Schema.Int.check(Schema.isBetween({ minimum: min, maximum: max })).annotate({
    description: `an integer from ${min} to ${max}`
  })
const callbackUrl = Schema.String.check(
  Schema.makeFilter((text: string) => /^https?:\/\/[^\s]+$/i.test(text) && URL.canParse(text))
).annotate({ description: "an absolute http or https URL" })
const object = Schema.declare((value: unknown): value is { readonly [key: string]: unknown } => {
  if (typeof value !== "object" || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}, { description: "a plain object" })

/** The filters of a listing of rooms, as Twilio's query parameters declare them. */
const Filters = Schema.Struct({
  status: Schema.optional(RoomStatus),
  uniqueName: Schema.optional(Schema.String),
  dateCreatedAfter: Schema.optional(Form.DateInput),
  dateCreatedBefore: Schema.optional(Form.DateInput)
})

/**
 * The parameters of a new room, as Twilio's form parameters declare them, with the ranges its
 * description states. The emulator checks a create with it too.
 *
 * @internal
 */
export const CreateParams = Schema.Struct({
  uniqueName: Schema.optional(Schema.NonEmptyString.annotate({ description: "a non-empty string" })),
  type: Schema.optional(RoomType),
  statusCallback: Schema.optional(callbackUrl),
  statusCallbackMethod: Schema.optional(Schema.Literals(["GET", "POST"])),
  maxParticipants: Schema.optional(between(1, 50)),
  maxParticipantDuration: Schema.optional(between(1, 86_400)),
  emptyRoomTimeout: Schema.optional(between(1, 60)),
  unusedRoomTimeout: Schema.optional(between(1, 60)),
  recordParticipantsOnConnect: Schema.optional(Schema.Boolean),
  transcribeParticipantsOnConnect: Schema.optional(Schema.Boolean),
  videoCodecs: Schema.optional(Schema.Array(VideoCodec)),
  mediaRegion: Schema.optional(Schema.String),
  recordingRules: Schema.optional(object),
  transcriptionsConfiguration: Schema.optional(object),
  audioOnly: Schema.optional(Schema.Boolean),
  largeRoom: Schema.optional(Schema.Boolean),
  /** Deprecated: Twilio always uses TURN. */
  enableTurn: Schema.optional(Schema.Boolean)
})

const encodeCreate = Form.encoder(CreateParams)
const completed = Result.succeed([["Status", "completed"]] as const)

const itemPath = "/v1/Rooms/{room}"

const resource = {
  name: "Rooms",
  item: Resource.route(itemPath),
  list: Resource.route("/v1/Rooms"),
  model: RoomModel.model,
  filters: Form.encoder(Filters)
}

/**
 * The Rooms service.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const room = yield* Rooms.create({ uniqueName: "DailyStandup", maxParticipants: 10 })
 *   yield* Rooms.complete({ room: room.sid })
 * })
 * ```
 *
 * @since 0.2.0
 * @category tags
 */
export class Rooms extends Service.Tag<Rooms, Rooms.Service>()(
  "effect-twilio-video/Rooms",
  resource,
  {
    create: (write) => (params = {}) => write("create", {}, encodeCreate(params), resource.list),
    complete: (write) => (params) => write("complete", params, completed)
  }
) {}

/**
 * Types that go with `Rooms`.
 *
 * @since 0.2.0
 */
export declare namespace Rooms {
  /**
   * Which room: its SID, or its unique name while it is in progress.
   *
   * @since 0.2.0
   * @category models
   */
  export interface FetchParams extends PathParams<typeof itemPath> {}

  /**
   * The filters of a listing: `status`, `uniqueName`, and rooms created after or before a date
   * (a `DateTime` or a `Date`, sent as RFC 3339).
   *
   * @since 0.2.0
   * @category models
   */
  export interface Filters extends Readonly<typeof Filters.Type> {}

  /**
   * Which rooms to read a page of, and its size (1 to 1000).
   *
   * @since 0.2.0
   * @category models
   */
  export interface PageParams extends Filters, PageOptions {
  }

  /**
   * Which rooms to list, and `limit`: stop after that many.
   *
   * @since 0.2.0
   * @category models
   */
  export interface ListParams extends PageParams, ListOptions {}

  /**
   * A new room's settings, each optional, as Twilio's parameters of the same names (in camelCase):
   * `uniqueName`, `type`, `statusCallback`, `statusCallbackMethod`, `maxParticipants`,
   * `maxParticipantDuration`, `emptyRoomTimeout`, `unusedRoomTimeout`, `recordParticipantsOnConnect`,
   * `transcribeParticipantsOnConnect`, `videoCodecs`, `mediaRegion`, `recordingRules`,
   * `transcriptionsConfiguration`, `audioOnly`, `largeRoom`. Each is checked before any request.
   *
   * @since 0.2.0
   * @category models
   */
  export interface CreateParams extends Readonly<typeof CreateParams.Type> {}

  /**
   * The operations of the service.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Service extends Omit<Reads<Room, FetchParams, PageParams, ListParams>, "list" | "page"> {
    /** Creates a room. Retried only where Twilio surely did not create it (a 429, a connection refused). */
    readonly create: (params?: CreateParams) => Effect.Effect<Room, FetchError>
    /** Streams the rooms that pass the filters, following `next_page_url` lazily, one page at a time. */
    readonly list: (params?: ListParams) => Stream.Stream<Room, ListError>
    /** The first page of a listing, with its meta. */
    readonly page: (params?: PageParams) => Effect.Effect<Page<Room>, FetchError>
    /** Ends a room. Not retried after a timeout or a 5xx: Twilio may have ended it. */
    readonly complete: (params: FetchParams) => Effect.Effect<Room, FetchError>
  }
}
