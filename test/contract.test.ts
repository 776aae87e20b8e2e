/**
 * PublishedTracks: one set of behaviours, run unchanged against the four targets of
 * support/targets.ts. Passing all four is the proof that the stub behaves like the real thing.
 */
import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import { World } from "effect-twilio-video/testing"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { targets } from "./support/targets.js"

const names = (tracks: Iterable<{ readonly name: string }>) => Array.from(tracks, (t) => t.name)

const awkward = World.make(
  World.room(
    "Daily Standup/#1?",
    World.participant("Zoë %2F ..", World.track("a/../b"), World.track("100% ü 🎥"), World.track("..x"))
  )
)

for (const target of targets) {
  describe(`contract: ${target.name}`, () => {
    const docs = () => target.make(World.documentation)
    const room = World.documentation.rooms[0]!
    const alice = room.participants[0]!
    const camera = alice.tracks[0]!

    it.effect("fetches a track by room name, identity and track name", () =>
      Effect.gen(function*() {
        const track = yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
        expect(track).toEqual(camera)
        expect(track.kind).toEqual("video")
        expect(track.roomSid).toEqual(room.sid)
        expect(track.participantSid).toEqual(alice.sid)
      }).pipe(Effect.provide(docs())))

    it.effect("fetches the same track by SIDs, and by any mix of SIDs and names", () =>
      Effect.gen(function*() {
        const trackSid = camera.sid
        const bySids = yield* PublishedTracks.fetch({ room: room.sid, participant: alice.sid, track: trackSid })
        const mixed = yield* PublishedTracks.fetch({ room: "DailyStandup", participant: alice.sid, track: "Camera" })
        expect(bySids).toEqual(camera)
        expect(mixed).toEqual(camera)
      }).pipe(Effect.provide(docs())))

    for (
      const [what, params] of [
        ["room", { room: "NoSuchRoom", participant: "Alice", track: "Camera" }],
        ["participant", { room: "DailyStandup", participant: "Bob", track: "Camera" }],
        ["track", { room: "DailyStandup", participant: "Alice", track: "Microphone" }],
        ["track of another participant", { room: "DailyStandup", participant: "Alice", track: "moderator-audio" }]
      ] as const
    ) {
      it.effect(`a missing ${what} is NotFound with Twilio's code 20404`, () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(PublishedTracks.fetch(params))
          expect(error._tag).toBe("NotFound")
          expect(error._tag === "NotFound" && [error.status, error.code]).toEqual([404, 20404])
        }).pipe(Effect.provide(docs())))
    }

    it.effect("a listing of a missing participant fails with NotFound", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          Stream.runDrain(PublishedTracks.list({ room: "DailyStandup", participant: "Bob" }))
        )
        expect(error._tag).toBe("NotFound")
      }).pipe(Effect.provide(docs())))

    it.effect("refuses every call with Unauthorized (code 20003) when set up to reject", () =>
      Effect.gen(function*() {
        const fetched = yield* Effect.flip(
          PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
        )
        const listed = yield* Effect.flip(
          Stream.runDrain(PublishedTracks.list({ room: "DailyStandup", participant: "Alice" }))
        )
        expect(fetched._tag === "Unauthorized" && fetched.code).toBe(20003)
        expect(listed._tag).toBe("Unauthorized")
      }).pipe(Effect.provide(target.make(World.documentation, { rejectCredentials: true }))))

    it.effect("starts rejecting when the control says so, mid-test", () =>
      Effect.gen(function*() {
        const control = yield* World.WorldControl
        yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
        yield* control.rejectCredentials(true)
        const error = yield* Effect.flip(
          PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
        )
        expect(error._tag).toBe("Unauthorized")
      }).pipe(Effect.provide(docs())))

    it.effect("lists a participant's tracks in publishing order", () =>
      Effect.gen(function*() {
        const tracks = yield* Stream.runCollect(
          PublishedTracks.list({ room: "DailyStandup", participant: "Moderator" })
        )
        expect(names(tracks)).toEqual(["moderator-audio", "moderator-camera"])
      }).pipe(Effect.provide(docs())))

    it.effect("pages by page size, with meta, following nextPageUrl to the end", () =>
      Effect.gen(function*() {
        const service = yield* PublishedTracks
        const first = yield* service.page({ room: "Crowded", participant: "Publisher", pageSize: 10 })
        expect(first.items).toHaveLength(10)
        expect([first.meta.page, first.meta.pageSize, first.meta.key]).toEqual(
          [Option.some(0), Option.some(10), Option.some("published_tracks")]
        )
        const sizes = [first.items.length]
        let next = first.meta.nextPageUrl
        while (Option.isSome(next)) {
          const page = yield* service.pageAt(next.value)
          sizes.push(page.items.length)
          next = page.meta.nextPageUrl
        }
        expect(sizes).toEqual([10, 10, 5])
        const all = yield* Stream.runCollect(
          PublishedTracks.list({ room: "Crowded", participant: "Publisher", pageSize: 10 })
        )
        expect(names(all)).toEqual(Array.from({ length: 25 }, (_, i) => `track-${i}`))
      }).pipe(Effect.provide(target.make(World.crowded(25)))))

    it.effect("uses Twilio's default page size of 50", () =>
      Effect.gen(function*() {
        const service = yield* PublishedTracks
        const first = yield* service.page({ room: "Crowded", participant: "Publisher" })
        expect([first.items.length, first.meta.pageSize]).toEqual([50, Option.some(50)])
      }).pipe(Effect.provide(target.make(World.crowded(60)))))

    it.effect("limit stops after that many tracks", () =>
      Effect.gen(function*() {
        const tracks = yield* Stream.runCollect(
          PublishedTracks.list({ room: "Crowded", participant: "Publisher", pageSize: 5, limit: 7 })
        )
        expect(names(tracks)).toEqual(Array.from({ length: 7 }, (_, i) => `track-${i}`))
      }).pipe(Effect.provide(target.make(World.crowded(25)))))

    it.effect("is lazy: the next page is read only when pulled, so it sees the world as it is then", () =>
      Effect.gen(function*() {
        const control = yield* World.WorldControl
        const seen = yield* Effect.scoped(Effect.gen(function*() {
          const pull = yield* Stream.toPull(
            PublishedTracks.list({ room: "Crowded", participant: "Publisher", pageSize: 2 })
          )
          const first = yield* pull
          yield* control.unpublish("Crowded", "Publisher", "track-2")
          yield* control.publish("Crowded", "Publisher", World.track("late"))
          const second = yield* pull
          return [...names(first), ...names(second)]
        }))
        expect(seen).toEqual(["track-0", "track-1", "track-3", "late"])
      }).pipe(Effect.provide(target.make(World.crowded(4)))))

    it.effect("publishing and unpublishing mid-test changes what fetch finds", () =>
      Effect.gen(function*() {
        const control = yield* World.WorldControl
        const screen = { room: "DailyStandup", participant: "Alice", track: "Screen" }
        expect((yield* Effect.flip(PublishedTracks.fetch(screen)))._tag).toBe("NotFound")
        yield* control.publish("DailyStandup", "Alice", World.track("Screen", { kind: "video" }))
        expect((yield* PublishedTracks.fetch(screen)).kind).toEqual("video")
        yield* control.unpublish("DailyStandup", "Alice", "Screen")
        expect((yield* Effect.flip(PublishedTracks.fetch(screen)))._tag).toBe("NotFound")
      }).pipe(Effect.provide(docs())))

    it.effect("each build starts from the world afresh", () =>
      Effect.gen(function*() {
        const layer = docs()
        yield* World.WorldControl.pipe(
          Effect.flatMap((control) => control.unpublish("DailyStandup", "Alice", "Camera")),
          Effect.provide(layer)
        )
        const track = yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
          .pipe(
            Effect.provide(layer)
          )
        expect(track).toEqual(camera)
      }))

    it.effect("an empty listing is an empty stream", () =>
      Effect.gen(function*() {
        yield* (yield* World.WorldControl).set(World.make(World.room("Empty", World.participant("Nobody"))))
        const tracks = yield* Stream.runCollect(PublishedTracks.list({ room: "Empty", participant: "Nobody" }))
        expect(tracks.length).toBe(0)
      }).pipe(Effect.provide(docs())))

    it.effect("finds rooms, participants and tracks with awkward names", () =>
      Effect.gen(function*() {
        const params = { room: "Daily Standup/#1?", participant: "Zoë %2F .." }
        const listed = yield* Stream.runCollect(PublishedTracks.list(params))
        expect(names(listed)).toEqual(["a/../b", "100% ü 🎥", "..x"])
        for (const track of ["a/../b", "100% ü 🎥", "..x"]) {
          expect((yield* PublishedTracks.fetch({ ...params, track })).name).toEqual(track)
        }
      }).pipe(Effect.provide(target.make(awkward))))

    it.effect("refuses a page size over 1000 with InvalidArgument, before any request", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          Stream.runDrain(PublishedTracks.list({ room: "DailyStandup", participant: "Alice", pageSize: 1001 }))
        )
        expect(error._tag === "InvalidArgument" && error.argument).toBe("pageSize")
      }).pipe(Effect.provide(docs())))
  })
}
