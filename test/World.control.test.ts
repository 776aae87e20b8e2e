import { describe, expect, it } from "@effect/vitest"
import { Participants, PublishedTracks, Rooms } from "effect-twilio-video"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"

const kit = TestTwilioVideo.layer(World.documentation)

describe("WorldControl: what a room's people do", () => {
  it.effect("connect adds a connected participant, with a new SID each time an identity connects", () =>
    Effect.gen(function*() {
      const control = yield* World.WorldControl
      const first = yield* control.connect("DailyStandup", "Bob")
      yield* control.disconnect("DailyStandup", "Bob")
      const second = yield* control.connect("DailyStandup", World.participant("Bob", World.track("mic")))
      expect(second.sid).not.toBe(first.sid)
      const listed = yield* Stream.runCollect(Participants.list({ room: "DailyStandup", identity: "Bob" }))
      expect(listed.map((p) => [p.sid, p.status])).toEqual([[first.sid, "disconnected"], [second.sid, "connected"]])
      const tracks = yield* Stream.runCollect(PublishedTracks.list({ room: "DailyStandup", participant: second.sid }))
      expect(tracks.map((t) => t.name)).toEqual(["mic"])
    }).pipe(Effect.provide(kit)))

  it.effect("connect to a room that does not exist creates it, as Twilio does", () =>
    Effect.gen(function*() {
      const control = yield* World.WorldControl
      yield* control.connect("AdHoc", "Cy")
      const room = yield* Rooms.fetch({ room: "AdHoc" })
      expect(room.status).toBe("in-progress")
      expect((yield* Participants.fetch({ room: "AdHoc", participant: "Cy" })).status).toBe("connected")
    }).pipe(Effect.provide(kit)))

  it.effect("connect to an ended room is a defect of the test's setup, and changes nothing", () =>
    Effect.gen(function*() {
      const control = yield* World.WorldControl
      const sid = (yield* control.get).rooms[0]!.sid
      yield* control.complete("DailyStandup")
      const before = yield* control.get
      const exit = yield* Effect.exit(control.connect(sid, "Late"))
      expect(String(exit)).toContain("it is completed")
      expect(yield* control.get).toBe(before)
    }).pipe(Effect.provide(kit)))

  it.effect("setEnabled pauses and resumes a track, stamping dateUpdated", () =>
    Effect.gen(function*() {
      const control = yield* World.WorldControl
      yield* TestClock.setTime(Date.UTC(2026, 11, 4, 12))
      yield* control.setEnabled("DailyStandup", "Alice", "Camera", false)
      const paused = yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
      expect(paused.enabled).toBe(false)
      expect(Option.map(paused.dateUpdated, DateTime.formatIso)).toEqual(Option.some("2026-12-04T12:00:00.000Z"))
      yield* control.setEnabled("DailyStandup", "Alice", "Camera", true)
      expect((yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })).enabled)
        .toBe(true)
    }).pipe(Effect.provide(kit)))

  it.effect("complete ends the room and disconnects everyone; unknown names change nothing", () =>
    Effect.gen(function*() {
      const control = yield* World.WorldControl
      const before = yield* control.get
      yield* control.disconnect("DailyStandup", "Nobody")
      yield* control.setEnabled("Nowhere", "Alice", "Camera", false)
      yield* control.complete("Nowhere")
      expect(yield* control.get).toBe(before)
      yield* control.complete("DailyStandup")
      const room = (yield* control.get).rooms[0]!
      expect([room.status, ...room.participants.map((p) => p.status)]).toEqual([
        "completed",
        "disconnected",
        "disconnected"
      ])
    }).pipe(Effect.provide(kit)))
})
