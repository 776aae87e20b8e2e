/**
 * The SubscribedTracks service: the tracks a participant receives.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as Resource from "./internal/resource.js"
import * as Service from "./internal/service.js"
import type { ListOptions, PageOptions, PathParams, Reads } from "./Page.js"
import { TrackSid } from "./Sid.js"
import * as SubscribedTrackModel from "./SubscribedTrack.js"
import type { SubscribedTrack } from "./SubscribedTrack.js"

const isTrackSid = Schema.is(TrackSid)
const itemPath = "/v1/Rooms/{room}/Participants/{participant}/SubscribedTracks/{track}"
const listPath = "/v1/Rooms/{room}/Participants/{participant}/SubscribedTracks"

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
export class SubscribedTracks extends Service.Tag<SubscribedTracks, SubscribedTracks.Service>()(
  "effect-twilio-video/SubscribedTracks",
  {
    name: "SubscribedTracks",
    // Twilio finds a subscribed track by its SID only
    item: Resource.route(itemPath, {
      track: (value) => isTrackSid(value) ? undefined : "must be a track SID: \"MT\" followed by 32 hexadecimal digits"
    }),
    list: Resource.route(listPath),
    model: SubscribedTrackModel.model,
    filters: Resource.noFilters
  },
  {}
) {}

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
  export interface FetchParams extends PathParams<typeof itemPath> {}

  /**
   * Whose page to read, and its size (1 to 1000).
   *
   * @since 0.2.0
   * @category models
   */
  export interface PageParams extends PathParams<typeof listPath>, PageOptions {}

  /**
   * Whose tracks to list, and `limit`: stop after that many.
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
  export interface Service extends Reads<SubscribedTrack, FetchParams, PageParams, ListParams> {}
}
