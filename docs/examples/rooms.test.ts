/**
 * The application of rooms.ts against the emulator, its clock driven by the test.
 */
import { expect, it } from "@effect/vitest"
import { Participants } from "effect-twilio-video"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import { runRoom } from "./rooms.js"

it.effect("creates a room, and ends it", () =>
  Effect.gen(function*() {
    const ended = yield* runRoom("Launch")
    expect([ended.uniqueName, ended.status, ended.maxParticipants]).toEqual(["Launch", "completed", 10])
  }).pipe(Effect.provide(TestTwilioVideo.layer(World.make()))))

// a room in progress since the TestClock's start, with two participants
const standup = World.make(
  World.room(
    { uniqueName: "Standup", dateCreated: "1970-01-01T00:00:00Z" },
    World.participant("ana"),
    World.participant("ben")
  )
)

it.effect("takes the room already in progress under that name, and disconnects who is in it", () =>
  Effect.gen(function*() {
    yield* TestClock.adjust("45 minutes")
    const ended = yield* runRoom("Standup")
    expect(ended.sid).toBe(standup.rooms[0]!.sid)
    expect(ended.duration).toEqual(Option.some(45 * 60))
    const left = yield* Stream.runCollect(Participants.list({ room: ended.sid, status: "connected" }))
    expect(left).toHaveLength(0)
  }).pipe(Effect.provide(TestTwilioVideo.layer(standup))))
