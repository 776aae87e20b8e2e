/**
 * Rooms, Participants and SubscribedTracks: every operation, run unchanged against the four
 * targets of support/targets.ts.
 */
import { describe, expect, it } from "@effect/vitest"
import { Participants, Rooms, SubscribedTracks } from "effect-twilio-video"
import { World } from "effect-twilio-video/testing"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { targets } from "./support/targets.js"

/** Three rooms: one in progress (Twilio's documentation page), two that ended, on two days. */
const tree = World.make(
  World.room(
    "DailyStandup",
    World.participant("Alice", World.track("Camera", { kind: "video" })),
    World.participant("Moderator", World.track("moderator-audio"), World.track("moderator-camera", { kind: "video" })),
    World.participant({ identity: "Bob", status: "disconnected" }, World.track("mic"))
  ),
  World.room(
    { uniqueName: "Retro", status: "completed", dateCreated: "2026-11-24T10:00:00Z", endTime: "2026-11-24T11:00:00Z" },
    World.participant("Alice", World.track("screen", { kind: "video" })),
    World.participant("Carol")
  ),
  World.room({ uniqueName: "Planning", status: "completed", dateCreated: "2026-11-25T09:00:00Z" })
)

const [standup, retro, planning] = tree.rooms as [World.RoomState, World.RoomState, World.RoomState]
const collect = <A, E, R>(stream: Stream.Stream<A, E, R>): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Stream.runCollect(stream)
const date = (text: string) => DateTime.makeUnsafe(text)

for (const target of targets) {
  describe(`contract, the room tree: ${target.name}`, () => {
    const world = () => target.make(tree)

    describe("Rooms", () => {
      it.effect("fetches a room by SID, and an in-progress room by unique name", () =>
        Effect.gen(function*() {
          const bySid = yield* Rooms.fetch({ room: standup.sid })
          const byName = yield* Rooms.fetch({ room: "DailyStandup" })
          expect(byName).toEqual(bySid)
          expect(bySid.status).toBe("in-progress")
          expect(bySid.type).toBe("group")
          expect(bySid.endTime).toEqual(Option.none())
          expect(bySid.links.participants).toBe(`https://video.twilio.com/v1/Rooms/${standup.sid}/Participants`)
        }).pipe(Effect.provide(world())))

      it.effect("finds an ended room by SID only, as Twilio does", () =>
        Effect.gen(function*() {
          const ended = yield* Rooms.fetch({ room: retro.sid })
          expect(ended.status).toBe("completed")
          expect(Option.map(ended.endTime, DateTime.formatIso)).toEqual(Option.some("2026-11-24T11:00:00.000Z"))
          expect(ended.duration).toEqual(Option.some(3600))
          const error = yield* Effect.flip(Rooms.fetch({ room: "Retro" }))
          expect(error._tag === "NotFound" && error.code).toBe(20404)
        }).pipe(Effect.provide(world())))

      it.effect("lists rooms, filtered by status, unique name and creation dates", () =>
        Effect.gen(function*() {
          const names = (rooms: ReadonlyArray<{ readonly uniqueName: string }>) => rooms.map((r) => r.uniqueName)
          expect(names(yield* collect(Rooms.list()))).toEqual(["DailyStandup", "Retro", "Planning"])
          expect(names(yield* collect(Rooms.list({ status: "completed" })))).toEqual(["Retro", "Planning"])
          expect(names(yield* collect(Rooms.list({ uniqueName: "Retro" })))).toEqual(["Retro"])
          const window = {
            dateCreatedAfter: date("2026-11-24T00:00:00Z"),
            dateCreatedBefore: new Date("2026-11-25T00:00:00Z")
          }
          expect(names(yield* collect(Rooms.list({ status: "completed", ...window })))).toEqual(["Retro"])
        }).pipe(Effect.provide(world())))

      it.effect("pages a filtered listing, the filters kept in every next page", () =>
        Effect.gen(function*() {
          const first = yield* Rooms.page({ status: "completed", pageSize: 1 })
          expect(first.items.map((r) => r.uniqueName)).toEqual(["Retro"])
          const next = Option.getOrThrow(first.meta.nextPageUrl)
          expect(new URL(next).searchParams.get("Status")).toBe("completed")
          const second = yield* Rooms.pageAt(next)
          expect(second.items.map((r) => r.uniqueName)).toEqual(["Planning"])
          expect(second.meta.nextPageUrl).toEqual(Option.none())
        }).pipe(Effect.provide(world())))

      it.effect("creates a room with Twilio's defaults and the settings given", () =>
        Effect.gen(function*() {
          const room = yield* Rooms.create({
            uniqueName: "Launch",
            maxParticipants: 10,
            videoCodecs: ["H264"],
            statusCallback: "https://example.com/events",
            recordingRules: { rules: [{ type: "include", all: true }] }
          })
          expect([room.uniqueName, room.status, room.type, room.maxParticipants]).toEqual([
            "Launch",
            "in-progress",
            "group",
            10
          ])
          expect(room.videoCodecs).toEqual(Option.some(["H264"]))
          expect(room.statusCallback).toEqual(Option.some("https://example.com/events"))
          expect(yield* Rooms.fetch({ room: "Launch" })).toEqual(room)
          const unnamed = yield* Rooms.create()
          expect(unnamed.uniqueName).toBe(unnamed.sid)
        }).pipe(Effect.provide(world())))

      it.effect("refuses a second in-progress room of the same unique name, with Twilio's 400", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(Rooms.create({ uniqueName: "DailyStandup" }))
          expect(error._tag === "ApiError" && [error.status, error.code]).toEqual([400, 53113])
        }).pipe(Effect.provide(world())))

      it.effect("completes a room: it ends, and its participants are disconnected", () =>
        Effect.gen(function*() {
          const ended = yield* Rooms.complete({ room: "DailyStandup" })
          expect(ended.status).toBe("completed")
          expect(Option.isSome(ended.endTime)).toBe(true)
          const alice = yield* Participants.fetch({ room: standup.sid, participant: "Alice" })
          expect(alice.status).toBe("disconnected")
          expect(Option.isSome(alice.endTime)).toBe(true)
        }).pipe(Effect.provide(world())))

      it.effect("completing a room that ended is Twilio's 400; an unknown room is NotFound", () =>
        Effect.gen(function*() {
          const again = yield* Effect.flip(Rooms.complete({ room: retro.sid }))
          expect(again._tag === "ApiError" && [again.status, again.code]).toEqual([400, 53118])
          const unknown = yield* Effect.flip(Rooms.complete({ room: "NoSuchRoom" }))
          expect(unknown._tag).toBe("NotFound")
        }).pipe(Effect.provide(world())))

      it.effect("refuses a bad filter or setting before any request", () =>
        Effect.gen(function*() {
          const status = yield* Effect.flip(collect(Rooms.list({ status: "finished" as never })))
          expect(status._tag === "InvalidArgument" && [status.operation, status.argument]).toEqual([
            "Rooms.list",
            "status"
          ])
          const size = yield* Effect.flip(Rooms.create({ maxParticipants: 0 }))
          expect(size._tag === "InvalidArgument" && [size.operation, size.argument]).toEqual([
            "Rooms.create",
            "maxParticipants"
          ])
          const when = yield* Effect.flip(collect(Rooms.list({ dateCreatedAfter: new Date("not a date") })))
          expect(when._tag === "InvalidArgument" && when.argument).toBe("dateCreatedAfter")
        }).pipe(Effect.provide(world())))
    })

    describe("Participants", () => {
      it.effect("fetches a participant by identity and by SID", () =>
        Effect.gen(function*() {
          const alice = standup.participants[0]!
          const byIdentity = yield* Participants.fetch({ room: "DailyStandup", participant: "Alice" })
          expect(byIdentity).toEqual(yield* Participants.fetch({ room: standup.sid, participant: alice.sid }))
          expect([byIdentity.identity, byIdentity.status, byIdentity.roomSid]).toEqual([
            "Alice",
            "connected",
            standup.sid
          ])
          expect(byIdentity.endTime).toEqual(Option.none())
        }).pipe(Effect.provide(world())))

      it.effect("lists a room's participants, filtered by status and identity", () =>
        Effect.gen(function*() {
          const identities = (ps: ReadonlyArray<{ readonly identity: string }>) => ps.map((p) => p.identity)
          expect(identities(yield* collect(Participants.list({ room: "DailyStandup" })))).toEqual([
            "Alice",
            "Moderator",
            "Bob"
          ])
          expect(identities(yield* collect(Participants.list({ room: "DailyStandup", status: "connected" })))).toEqual([
            "Alice",
            "Moderator"
          ])
          expect(identities(yield* collect(Participants.list({ room: retro.sid, identity: "Carol" })))).toEqual([
            "Carol"
          ])
          expect(yield* collect(Participants.list({ room: planning.sid }))).toEqual([])
        }).pipe(Effect.provide(world())))

      it.effect("disconnects a participant", () =>
        Effect.gen(function*() {
          const gone = yield* Participants.disconnect({ room: "DailyStandup", participant: "Moderator" })
          expect(gone.status).toBe("disconnected")
          expect(Option.isSome(gone.duration)).toBe(true)
          const left = yield* collect(Participants.list({ room: "DailyStandup", status: "connected" }))
          expect(left.map((p) => p.identity)).toEqual(["Alice"])
        }).pipe(Effect.provide(world())))

      it.effect("a participant not in the room is NotFound", () =>
        Effect.gen(function*() {
          expect((yield* Effect.flip(Participants.fetch({ room: "DailyStandup", participant: "Dave" })))._tag).toBe(
            "NotFound"
          )
          expect((yield* Effect.flip(Participants.disconnect({ room: "DailyStandup", participant: "Dave" })))._tag)
            .toBe(
              "NotFound"
            )
        }).pipe(Effect.provide(world())))
    })

    describe("SubscribedTracks", () => {
      it.effect("a connected participant receives every other connected participant's tracks", () =>
        Effect.gen(function*() {
          const alice = yield* collect(SubscribedTracks.list({ room: "DailyStandup", participant: "Alice" }))
          expect(alice.map((t) => t.name)).toEqual(["moderator-audio", "moderator-camera"])
          const moderator = standup.participants[1]!
          expect(
            alice.every((t) => t.publisherSid === moderator.sid && t.participantSid === standup.participants[0]!.sid)
          )
            .toBe(true)
          const fetched = yield* SubscribedTracks.fetch({
            room: "DailyStandup",
            participant: "Alice",
            track: alice[1]!.sid
          })
          expect(fetched).toEqual(alice[1])
          expect(fetched.kind).toBe("video")
        }).pipe(Effect.provide(world())))

      it.effect("a participant that left receives nothing", () =>
        Effect.gen(function*() {
          expect(yield* collect(SubscribedTracks.list({ room: "DailyStandup", participant: "Bob" }))).toEqual([])
          yield* Participants.disconnect({ room: "DailyStandup", participant: "Alice" })
          expect(yield* collect(SubscribedTracks.list({ room: "DailyStandup", participant: "Alice" }))).toEqual([])
        }).pipe(Effect.provide(world())))

      it.effect("a subscribed track is found by its SID only: a name is refused before any request", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(
            SubscribedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "moderator-audio" })
          )
          expect(error._tag === "InvalidArgument" && [error.operation, error.argument]).toEqual([
            "SubscribedTracks.fetch",
            "track"
          ])
          const unknown = yield* Effect.flip(
            SubscribedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: `MT${"0".repeat(32)}` })
          )
          expect(unknown._tag).toBe("NotFound")
        }).pipe(Effect.provide(world())))

      it.effect("explicit subscriptions are the tracks a participant receives", () =>
        Effect.gen(function*() {
          const picky = World.make(
            World.room(
              "R",
              World.participant("a", World.track("mic"), World.track("cam", { kind: "video" })),
              World.participant({ identity: "b", subscribesTo: [{ publisher: "a", track: "cam" }] })
            )
          )
          const received = yield* collect(SubscribedTracks.list({ room: "R", participant: "b" })).pipe(
            Effect.provide(target.make(picky))
          )
          expect(received.map((t) => t.name)).toEqual(["cam"])
        }))
    })
  })
}
