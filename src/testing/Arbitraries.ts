/**
 * Arbitraries (Effect's `Arbitrary` module) for property tests of code that uses this client: every
 * resource as Twilio could send it, status callback events, tracks to publish, and whole worlds. Run them with
 * `Arbitrary.checkEffect` or `it.prop`, or draw values with `Arbitrary.sampleEffect`.
 *
 * @since 0.1.0
 */
import * as Arbitrary from "effect/Arbitrary"
import * as Schema from "effect/Schema"
import type * as Model from "../internal/model.js"
import type { Participant } from "../Participant.js"
import * as ParticipantModel from "../Participant.js"
import type { PublishedTrack } from "../PublishedTrack.js"
import * as PublishedTrackModel from "../PublishedTrack.js"
import { TrackKind } from "../PublishedTrack.js"
import type { Room } from "../Room.js"
import * as RoomModel from "../Room.js"
import { StatusCallbackEvent } from "../StatusCallbackEvent.js"
import type { SubscribedTrack } from "../SubscribedTrack.js"
import * as SubscribedTrackModel from "../SubscribedTrack.js"
import * as World from "./World.js"

/**
 * Values of a model, drawn in its wire form and sent as JSON, as Twilio sends one (dates from 2000
 * to 2099, to the second; no `-0`).
 */
const ofModel = <Fields extends Schema.Struct.Fields>(model: Model.Model<Fields>) =>
  Arbitrary.schema(model.wire).pipe(Arbitrary.map((wire) => model.fromWire(JSON.parse(JSON.stringify(wire)))))

/**
 * Any track the production schema accepts, as Twilio could send it.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const publishedTrack: Arbitrary.Arbitrary<PublishedTrack> = ofModel(PublishedTrackModel.model)

/**
 * Any subscribed track the production schema accepts, as Twilio could send it.
 *
 * @since 1.0.0
 * @category arbitraries
 */
export const subscribedTrack: Arbitrary.Arbitrary<SubscribedTrack> = ofModel(SubscribedTrackModel.model)

/**
 * Any participant the production schema accepts, as Twilio could send it.
 *
 * @since 1.0.0
 * @category arbitraries
 */
export const participant: Arbitrary.Arbitrary<Participant> = ofModel(ParticipantModel.model)

/**
 * Any room the production schema accepts, as Twilio could send it.
 *
 * @since 1.0.0
 * @category arbitraries
 */
export const room: Arbitrary.Arbitrary<Room> = ofModel(RoomModel.model)

/** A name: 1 to 40 characters of well-formed Unicode, never `.` or `..`. */
/**
 * A room's status callback events as Twilio could send them: every event this version knows, with
 * values its schema accepts and that survive its parameters (for property tests of a webhook's
 * `onEvent`).
 *
 * @since 1.2.0
 * @category arbitraries
 */
export const statusCallbackEvent: Arbitrary.Arbitrary<StatusCallbackEvent> = Arbitrary.schema(StatusCallbackEvent).pipe(
  Arbitrary.filter((event) => event._tag !== "Unknown")
)

const name = Arbitrary.schema(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(40))).pipe(
  Arbitrary.filter((s: string) => s !== "." && s !== ".." && s.isWellFormed())
)

/** Arrays of `item` whose `key`s differ: a drawn array, each key kept the first time it comes. */
const uniqueArray = <A>(
  item: Arbitrary.Arbitrary<A>,
  key: (a: A) => string,
  options: { readonly minLength?: number | undefined; readonly maxLength: number }
): Arbitrary.Arbitrary<Array<A>> =>
  Arbitrary.array(item, options).pipe(Arbitrary.map((items) => {
    const seen = new Set<string>()
    return items.filter((a) => {
      const k = key(a)
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
  }))

/**
 * A track to publish, with any name.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const trackSpec: Arbitrary.Arbitrary<World.TrackSpec> = Arbitrary.all({
  name,
  kind: Arbitrary.schema(TrackKind),
  enabled: Arbitrary.schema(Schema.Boolean)
})

/**
 * A world of up to `maxRooms` rooms with unique names, participants with unique identities, and
 * tracks with unique names.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const world = (
  options: {
    readonly maxRooms?: number | undefined
    readonly maxParticipants?: number | undefined
    readonly maxTracks?: number | undefined
  } = {}
): Arbitrary.Arbitrary<World.World> => {
  const tracks = uniqueArray(trackSpec, (t) => t.name, { maxLength: options.maxTracks ?? 5 })
  const participants = uniqueArray(
    Arbitrary.all([name, tracks]).pipe(Arbitrary.map(([identity, ts]) => World.participant(identity, ...ts))),
    (p) => p.identity,
    { maxLength: options.maxParticipants ?? 3 }
  )
  return uniqueArray(
    Arbitrary.all([name, participants]).pipe(Arbitrary.map(([uniqueName, ps]) => World.room(uniqueName, ...ps))),
    (r) => r.uniqueName,
    { minLength: 1, maxLength: options.maxRooms ?? 3 }
  ).pipe(Arbitrary.map((rooms) => World.make(...rooms)))
}
