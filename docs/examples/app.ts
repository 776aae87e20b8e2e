/**
 * An Effect application: its layers composed from configuration.
 *
 * `ROOM` and `PARTICIPANTS` (comma-separated) say whose tracks to report; the client reads
 * `TWILIO_ACCOUNT_SID` with `TWILIO_AUTH_TOKEN` (or `TWILIO_API_KEY` + `TWILIO_API_SECRET`) and,
 * optionally, `TWILIO_REGION`, `TWILIO_EDGE` or `TWILIO_VIDEO_BASE_URL`.
 *
 * ```sh
 * ROOM=DailyStandup PARTICIPANTS=Alice,Moderator npx tsx docs/examples/app.ts
 * ```
 */
import { PublishedTracks } from "effect-twilio-video"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/** One participant's line of the report: `Alice: Camera (video)`, or a note when not found. */
export const describeParticipant = (room: string, participant: string) =>
  PublishedTracks.list({ room, participant }).pipe(
    Stream.map((track) => `${track.name} (${track.kind})`),
    Stream.runCollect,
    Effect.map((tracks) => `${participant}: ${tracks.length === 0 ? "no tracks" : tracks.join(", ")}`),
    // a participant who left is a line of the report, not a failure of the application
    Effect.catchTag("NotFound", () => Effect.succeed(`${participant}: not in ${room}`))
  )

/** The application: reads its own settings, then reports each participant's tracks. */
export const program = Effect.gen(function*() {
  const room = yield* Config.String("ROOM")
  const participants = yield* Config.Array(Schema.String, "PARTICIPANTS")
  const lines = yield* Effect.forEach(participants, (participant) => describeParticipant(room, participant), {
    concurrency: 4
  })
  for (const line of lines) yield* Console.log(line)
  return lines
})

/** The live layers: the service from configuration, over `fetch`. */
export const MainLive = PublishedTracks.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))

/** The program with its layers: needs nothing but configuration. */
export const main = program.pipe(Effect.provide(MainLive))

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.runPromise(main).catch((error) => {
    console.error(String(error))
    process.exitCode = 1
  })
}
