/**
 * The pipeline of pipeline.ts against the emulator: every track exactly once, in NDJSON.
 */
import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough } from "node:stream"
import { exportTo, exportToFile, lines } from "./pipeline.js"

// 8 participants with 0 to 7 tracks: 28 in all, several pages each at page size 2
const identities = Array.from({ length: 8 }, (_, i) => `p${i}`)
const world = World.make(
  World.room(
    "Townhall",
    ...identities.map((identity, i) =>
      World.participant(
        identity,
        ...Array.from({ length: i }, (_, j) => World.track(`t${j}`, { kind: j % 2 === 0 ? "audio" : "video" }))
      )
    )
  )
)
const expected = world.rooms[0]!.participants.flatMap((p) =>
  p.tracks.map((t) => ({ participant: p.identity, sid: t.sid }))
)

interface Line {
  readonly participant: string
  readonly sid: string
  readonly name: string
  readonly kind: string
}

const parse = (ndjson: string): Array<Line> => {
  expect(ndjson.endsWith("\n")).toBe(true)
  return ndjson.slice(0, -1).split("\n").map((line) => JSON.parse(line) as Line)
}

const checkEveryTrackOnce = (parsed: ReadonlyArray<Line>) => {
  expect(parsed).toHaveLength(expected.length)
  const key = (l: { readonly participant: string; readonly sid: string }) => `${l.participant} ${l.sid}`
  expect(new Set(parsed.map(key)).size).toBe(expected.length)
  expect(parsed.map(key).sort()).toEqual(expected.map(key).sort())
  // each participant's tracks in the order the API lists them
  for (const identity of identities) {
    expect(parsed.filter((l) => l.participant === identity).map((l) => l.name))
      .toEqual(expected.filter((e) => e.participant === identity).map((_, j) => `t${j}`))
  }
}

describe("pipeline", () => {
  it.effect("writes every track exactly once to a writable, at bounded concurrency", () =>
    Effect.gen(function*() {
      const out = new PassThrough()
      const chunks: Array<string> = []
      out.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")))
      const written = yield* exportTo(out, {
        room: "Townhall",
        participants: identities,
        concurrency: 3,
        pageSize: 2,
        batchSize: 5
      })
      expect(written).toBe(expected.length)
      // 28 lines in batches of 5: 6 writes
      expect(chunks).toHaveLength(6)
      const parsed = parse(chunks.join(""))
      checkEveryTrackOnce(parsed)
      expect(parsed.find((l) => l.participant === "p3" && l.name === "t1")?.kind).toBe("video")
    }).pipe(Effect.provide(TestTwilioVideo.layer(world))))

  it.effect("writes an NDJSON file", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.acquireRelease(
        Effect.promise(() => mkdtemp(join(tmpdir(), "pipeline-"))),
        (path) => Effect.promise(() => rm(path, { recursive: true, force: true }))
      )
      const path = join(dir, "tracks.ndjson")
      const written = yield* exportToFile(path, { room: "Townhall", participants: identities, pageSize: 3 })
      expect(written).toBe(expected.length)
      checkEveryTrackOnce(parse(yield* Effect.promise(() => readFile(path, "utf8"))))
    }).pipe(Effect.scoped, Effect.provide(TestTwilioVideo.layer(world))))

  it.effect("fails with NotFound when a participant is not in the room", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(lines({ room: "Townhall", participants: ["p1", "nobody"] })))
      expect(error._tag).toBe("NotFound")
    }).pipe(Effect.provide(TestTwilioVideo.layer(world))))

  it.effect("resumes a listing from a stored page URL (docs/streaming.md)", () =>
    Effect.gen(function*() {
      const service = yield* PublishedTracks
      const first = yield* service.page({ room: "Townhall", participant: "p7", pageSize: 3 })
      const stored = Option.getOrThrow(first.meta.nextPageUrl)
      // ...later, perhaps in another process
      const rest = yield* Stream.runCollect(service.listFrom(stored))
      const names = [...first.items, ...rest].map((t) => t.name)
      expect(names).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6"])
      const second = yield* service.pageAt(stored)
      expect(second.items.map((t) => t.name)).toEqual(["t3", "t4", "t5"])
    }).pipe(Effect.provide(TestTwilioVideo.layer(world))))
})

it.effect("a file that cannot be opened fails the export as a defect", () =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(
      exportToFile("/nonexistent-dir/tracks.ndjson", { room: "Townhall", participants: ["p1"] })
    )
    expect(String(exit)).toContain("ENOENT")
  }).pipe(Effect.provide(TestTwilioVideo.layer(world))))
