/**
 * The audit of audit.ts against the emulator: every track of the rooms that ended in the window,
 * and nothing else, exactly once.
 */
import { describe, expect, it } from "@effect/vitest"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { AuditLine } from "./audit.js"
import { audit } from "./audit.js"

const ended = (uniqueName: string, dateCreated: string, ...participants: ReadonlyArray<World.ParticipantSpec>) =>
  World.room({ uniqueName, status: "completed", dateCreated }, ...participants)

// three rooms ended on the 24th (one with 30 participants), one on the 23rd, one on the 25th, one in progress
const crowd = Array.from({ length: 30 }, (_, i) => World.participant(`guest-${i}`, World.track(`mic-${i}`)))
const world = World.make(
  ended(
    "Retro",
    "2026-11-24T10:00:00Z",
    World.participant("ana", World.track("mic"), World.track("screen", { kind: "video" }))
  ),
  ended("Townhall", "2026-11-24T15:00:00Z", ...crowd),
  ended("Empty", "2026-11-24T16:00:00Z"),
  ended("Before", "2026-11-23T23:59:59Z", World.participant("ben", World.track("mic"))),
  ended("After", "2026-11-25T00:00:00Z", World.participant("cal", World.track("mic"))),
  World.room("Live", World.participant("dan", World.track("mic")))
)

const window = { from: DateTime.makeUnsafe("2026-11-24T00:00:00Z"), to: DateTime.makeUnsafe("2026-11-25T00:00:00Z") }
const linesOf = (ndjson: ReadonlyArray<string>) => ndjson.map((line) => JSON.parse(line) as AuditLine)

describe("audit", () => {
  it.effect("streams every track of the rooms completed in the window, each once, as NDJSON", () =>
    Effect.gen(function*() {
      const ndjson = yield* Stream.runCollect(audit({ ...window, concurrency: 3 }))
      expect(ndjson.every((line) => line.endsWith("\n") && !line.slice(0, -1).includes("\n"))).toBe(true)
      const lines = linesOf(ndjson)
      const keys = lines.map((l) => `${l.room}/${l.participant}/${l.track.name}`)
      expect(new Set(keys).size).toBe(keys.length)
      expect(keys.sort()).toEqual([
        "Retro/ana/mic",
        "Retro/ana/screen",
        ...Array.from({ length: 30 }, (_, i) => `Townhall/guest-${i}/mic-${i}`)
      ].sort())
      const retro = world.rooms[0]!
      expect(lines.find((l) => l.track.name === "screen")!.track).toMatchObject({ kind: "video", room_sid: retro.sid })
    }).pipe(Effect.provide(TestTwilioVideo.layer(world))))

  it.effect("reads at bounded concurrency", () =>
    Effect.gen(function*() {
      // 30 participants at 2 listings at a time: the audit still finishes, with every track
      expect(yield* Stream.runCollect(audit({ ...window, concurrency: 2 }))).toHaveLength(32)
    }).pipe(Effect.provide(TestTwilioVideo.layer(world))))

  it.effect("an empty window is an empty audit", () =>
    Effect.gen(function*() {
      const quiet = {
        from: DateTime.makeUnsafe("2020-01-01T00:00:00Z"),
        to: DateTime.makeUnsafe("2020-01-02T00:00:00Z")
      }
      expect(yield* Stream.runCollect(audit(quiet))).toHaveLength(0)
    }).pipe(Effect.provide(TestTwilioVideo.layer(world))))
})
