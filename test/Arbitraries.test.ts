import { describe, expect, it } from "@effect/vitest"
import { Participant, PublishedTrack, PublishedTracks, Room, SubscribedTrack } from "effect-twilio-video"
import { Arbitraries, TestTwilioVideo } from "effect-twilio-video/testing"
import type * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

describe("Arbitraries", () => {
  const resources = [
    ["publishedTrack", Arbitraries.publishedTrack, PublishedTrack],
    ["subscribedTrack", Arbitraries.subscribedTrack, SubscribedTrack],
    ["participant", Arbitraries.participant, Participant],
    ["room", Arbitraries.room, Room]
  ] as const
  for (const [name, arbitrary, schema] of resources) {
    it.prop(
      `${name} gives values the production schema accepts, and that survive the wire`,
      [arbitrary as Arbitrary.Arbitrary<unknown>],
      ([value]) => {
        const codec = schema as unknown as Schema.Codec<unknown, unknown>
        expect(Schema.is(codec)(value)).toBe(true)
        const wire = JSON.parse(JSON.stringify(Schema.encodeSync(codec)(value)))
        expect(Schema.decodeUnknownSync(codec)(wire)).toEqual(value)
      },
      { arbitrary: { runs: 100 } }
    )
  }

  it.effect.prop(
    "any generated world lists every participant's tracks exactly, in order, through the test layer",
    [Arbitraries.world(), Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 3 }))],
    ([world, pageSize]) =>
      Effect.gen(function*() {
        for (const room of world.rooms) {
          for (const participant of room.participants) {
            const listed = yield* Stream.runCollect(
              PublishedTracks.list({ room: room.uniqueName, participant: participant.identity, pageSize })
            )
            expect(listed).toEqual(participant.tracks)
            for (const track of participant.tracks) {
              const name = track.name
              const fetched = yield* PublishedTracks.fetch({
                room: room.sid,
                participant: participant.sid,
                track: name
              })
              expect(fetched).toEqual(track)
            }
          }
        }
      }).pipe(Effect.provide(TestTwilioVideo.layer(world))),
    { arbitrary: { runs: 50 } }
  )
})
