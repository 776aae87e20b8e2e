/**
 * fast-check arbitraries (through Effect's `Arbitrary` module) for property tests of code that
 * uses `PublishedTracks`.
 *
 * @since 0.1.0
 */
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import { PublishedTrack, TrackKind } from "../PublishedTrack.js"
import * as World from "./World.js"

/**
 * Any track the production schema accepts.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const publishedTrack: FastCheck.Arbitrary<PublishedTrack> = Arbitrary.make(PublishedTrack)

const name = FastCheck.string({ minLength: 1, maxLength: 40, unit: "grapheme" }).filter((s) => s !== "." && s !== "..")

/**
 * A track to publish, with any name.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const trackSpec: FastCheck.Arbitrary<World.TrackSpec> = FastCheck.record({
  name,
  kind: Arbitrary.make(TrackKind),
  enabled: FastCheck.boolean()
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
): FastCheck.Arbitrary<World.World> => {
  const tracks = FastCheck.uniqueArray(trackSpec, { maxLength: options.maxTracks ?? 5, selector: (t) => t.name })
  const participants = FastCheck.uniqueArray(
    FastCheck.tuple(name, tracks).map(([identity, ts]) => World.participant(identity, ...ts)),
    { maxLength: options.maxParticipants ?? 3, selector: (p) => p.identity }
  )
  return FastCheck.uniqueArray(
    FastCheck.tuple(name, participants).map(([uniqueName, ps]) => World.room(uniqueName, ...ps)),
    { minLength: 1, maxLength: options.maxRooms ?? 3, selector: (r) => r.uniqueName }
  ).map((rooms) => World.make(...rooms))
}
