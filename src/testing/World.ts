/**
 * An in-memory Twilio Video world: rooms, their participants, the tracks those publish and the
 * tracks they receive. The test layer and the emulator serve one.
 *
 * ```ts
 * const world = World.make(
 *   World.room("DailyStandup",
 *     World.participant("Alice", World.track("Camera", { kind: "video" })))
 * )
 * ```
 *
 * Each room, participant and track is a value of the production model (`Room`, `Participant`,
 * `PublishedTrack`), built by the builders with Twilio's defaults and checked by the production
 * schema, so the emulator answers with exactly what Twilio would send.
 *
 * @since 0.1.0
 */

export {
  accountSid,
  crowded,
  documentation,
  fromJson,
  make,
  participant,
  ParticipantSpec,
  publish,
  room,
  RoomSpec,
  track,
  TrackSpec,
  unpublish,
  WorldControl,
  WorldSpec
} from "./internal/world.js"
export type { ParticipantState, RoomState, World } from "./internal/world.js"
