/**
 * An audit: every track published in the rooms that ended in a date window, as NDJSON. It walks
 * the room tree: the rooms completed in the window, then each room's participants, then each
 * participant's tracks, with at most `concurrency` listings running at each level.
 *
 * ```sh
 * npx tsx docs/examples/audit.ts 2026-11-24T00:00:00Z 2026-11-25T00:00:00Z > audit.ndjson
 * ```
 */
import type { ListError } from "effect-twilio-video"
import { Participants, PublishedTrack, PublishedTracks, Rooms, TwilioVideo } from "effect-twilio-video"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/** What to audit. */
export interface Window {
  /** Rooms created at or after this… */
  readonly from: DateTime.DateTime
  /** …and before this. */
  readonly to: DateTime.DateTime
  /** Listings running at once, at each level of the tree. Default 4. */
  readonly concurrency?: number | undefined
}

const encodeTrack = Schema.encodeSync(PublishedTrack)

/** One line: the track in Twilio's wire form, with the room and participant it was published in. */
export interface AuditLine {
  readonly room: string
  readonly participant: string
  readonly track: PublishedTrack.Encoded
}

/** Every track published in the completed rooms of the window, one NDJSON line each. */
export const audit = (
  window: Window
): Stream.Stream<string, ListError, Rooms | Participants | PublishedTracks> => {
  const concurrency = window.concurrency ?? 4
  return Rooms.list({
    status: "completed",
    dateCreatedAfter: window.from,
    dateCreatedBefore: window.to,
    pageSize: 1000
  }).pipe(
    Stream.flatMap((room) =>
      Participants.list({ room: room.sid, pageSize: 1000 }).pipe(
        Stream.flatMap((participant) =>
          PublishedTracks.list({ room: room.sid, participant: participant.sid, pageSize: 1000 }).pipe(
            Stream.map((track) => {
              const line: AuditLine = {
                room: room.uniqueName,
                participant: participant.identity,
                track: encodeTrack(track)
              }
              return JSON.stringify(line) + "\n"
            })
          ), { concurrency })
      ), { concurrency })
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [from, to] = process.argv.slice(2)
  if (from === undefined || to === undefined) {
    console.error("usage: audit.ts FROM TO (RFC 3339 dates)")
    process.exitCode = 2
  } else {
    audit({ from: DateTime.makeUnsafe(from), to: DateTime.makeUnsafe(to) }).pipe(
      Stream.runForEach((line) => Effect.sync(() => process.stdout.write(line))),
      Effect.provide(TwilioVideo.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))),
      Effect.runPromise
    ).catch((error) => {
      console.error(String(error))
      process.exitCode = 1
    })
  }
}
