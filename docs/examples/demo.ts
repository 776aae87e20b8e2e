/**
 * `npm start`: the client against the built-in emulator, or against Twilio.
 *
 * - With no arguments: starts the socket emulator seeded with the documentation page's world, then
 *   fetches Alice's `Camera`, streams the Moderator's tracks into a table, and handles a NotFound.
 * - With `TWILIO_ACCOUNT_SID` and credentials in the environment, and `ROOM PARTICIPANT [TRACK]` on
 *   the command line: the same against the real API.
 */
import { ClientConfig, PublishedTracks } from "effect-twilio-video"
import type { PublishedTrack } from "effect-twilio-video"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as Arr from "effect/Array"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

const table = (tracks: ReadonlyArray<PublishedTrack>): string => {
  const rows = [
    ["name", "kind", "enabled", "sid", "created"],
    ...tracks.map((t) => [t.name, t.kind, String(t.enabled), t.sid, DateTime.formatIso(t.dateCreated)])
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n")
}

/** The demo itself: what any application would write. */
export const program = (options: {
  readonly room: string
  readonly fetchFrom: string
  readonly track: Option.Option<string>
  readonly listFrom: string
}) =>
  Effect.gen(function*() {
    const tracks = yield* Stream.runCollect(
      PublishedTracks.list({ room: options.room, participant: options.listFrom, pageSize: 50 })
    )
    yield* Console.log(`Tracks published by ${options.listFrom} in ${options.room}:\n${table(tracks)}\n`)

    const name = Option.orElse(options.track, () => Option.map(Arr.head(tracks), (t) => t.name))
    if (Option.isSome(name)) {
      const track = yield* PublishedTracks.fetch({
        room: options.room,
        participant: options.fetchFrom,
        track: name.value
      })
      yield* Console.log(
        `Fetched ${options.fetchFrom}'s "${name.value}": a ${track.kind} track, ${track.sid}`
      )
    }

    const missing = yield* PublishedTracks.fetch({
      room: options.room,
      participant: options.fetchFrom,
      track: "no-such-track"
    }).pipe(
      Effect.as("found?!"),
      Effect.catchTag("NotFound", (e) => Effect.succeed(`NotFound handled: Twilio code ${e.code}, ${e.path}`))
    )
    yield* Console.log(missing)
  })

const args = process.argv.slice(2)

const main = process.env["TWILIO_ACCOUNT_SID"] !== undefined && args.length >= 2
  ? program({ room: args[0]!, fetchFrom: args[1]!, listFrom: args[1]!, track: Option.fromNullishOr(args[2]) }).pipe(
    Effect.provide(PublishedTracks.layerConfig.pipe(Layer.provide(FetchHttpClient.layer)))
  )
  : Effect.gen(function*() {
    const server = yield* EmulatorServer.serve(World.documentation)
    yield* Console.log(`Twilio Video emulator listening at ${server.url}\n`)
    yield* program({
      room: "DailyStandup",
      fetchFrom: "Alice",
      track: Option.some("Camera"),
      listFrom: "Moderator"
    }).pipe(
      Effect.provide(
        PublishedTracks.layer.pipe(
          Layer.provide(Emulator.credentials),
          Layer.provide(FetchHttpClient.layer),
          Layer.provide(ClientConfig.layer({ baseUrl: server.url }))
        )
      )
    )
  }).pipe(Effect.scoped)

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.runPromise(main).catch((error) => {
    console.error(String(error))
    process.exitCode = 1
  })
}
