/**
 * A data pipeline: every track of many participants, as NDJSON, with bounded concurrency.
 *
 * Each participant's listing is a lazy `Stream` that reads one page at a time; at most
 * `concurrency` listings run at once; lines are written in batches, and a page is not requested
 * before the sink has taken the lines before it (backpressure), so memory stays bounded however
 * many tracks there are.
 *
 * ```sh
 * npx tsx docs/examples/pipeline.ts tracks.ndjson DailyStandup Alice Moderator
 * ```
 */
import { PublishedTrack, PublishedTracks } from "effect-twilio-video"
import type { ListError } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Sink from "effect/Sink"
import * as Stream from "effect/Stream"
import { createWriteStream } from "node:fs"
import type { Writable } from "node:stream"

/** What to export. */
export interface Options {
  readonly room: string
  readonly participants: Iterable<string>
  /** Listings running at once. Default 4. */
  readonly concurrency?: number | undefined
  /** Tracks a page (1–1000). Default: Twilio's (50). */
  readonly pageSize?: number | undefined
  /** Lines a write. Default 100. */
  readonly batchSize?: number | undefined
}

const encodeTrack = Schema.encodeSync(PublishedTrack)

/** One NDJSON line: the track in Twilio's wire form, with the identity it was listed under. */
export const toLine = (participant: string, track: PublishedTrack): string =>
  JSON.stringify({ participant, ...encodeTrack(track) }) + "\n"

/** Every track of every participant, one line each; a participant's tracks stay in order. */
export const lines = (options: Options): Stream.Stream<string, ListError, PublishedTracks> =>
  Stream.fromIterable(options.participants).pipe(
    Stream.flatMap(
      (participant) =>
        PublishedTracks.list({ room: options.room, participant, pageSize: options.pageSize }).pipe(
          Stream.map((track) => toLine(participant, track))
        ),
      { concurrency: options.concurrency ?? 4 }
    )
  )

const write = (writable: Writable, text: string) =>
  Effect.callback<void>((resume) => {
    writable.write(text, (error) => resume(error ? Effect.die(error) : Effect.void))
  })

/**
 * A sink of batches of lines into a Node `Writable`: one write a batch, and the next batch only
 * once that write is flushed. Gives the number of lines written; does not end the writable.
 */
export const writeTo = (writable: Writable): Sink.Sink<number, ReadonlyArray<string>> =>
  Sink.reduceEffect(
    () => 0,
    (written, batch: ReadonlyArray<string>) => Effect.as(write(writable, batch.join("")), written + batch.length)
  )

/** Streams the tracks into `writable`, `batchSize` lines a write; gives how many were written. */
export const exportTo = (writable: Writable, options: Options): Effect.Effect<number, ListError, PublishedTracks> =>
  lines(options).pipe(Stream.grouped(options.batchSize ?? 100), Stream.run(writeTo(writable)))

/** The same into a file, opened for the run and closed after it, whatever the outcome. */
export const exportToFile = (path: string, options: Options): Effect.Effect<number, ListError, PublishedTracks> =>
  Effect.acquireUseRelease(
    Effect.callback<Writable>((resume) => {
      const file = createWriteStream(path)
      let opened = false
      // after the open, errors reach the writes through their callbacks
      file.on("error", (error) => opened || resume(Effect.die(error)))
      file.once("open", () => {
        opened = true
        resume(Effect.succeed(file))
      })
    }),
    (file) => exportTo(file, options),
    (file) =>
      Effect.callback<void>((resume) => {
        file.end(() => resume(Effect.void))
      })
  )

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, room, ...participants] = process.argv.slice(2)
  if (path === undefined || room === undefined) {
    console.error("usage: pipeline.ts OUT.ndjson ROOM PARTICIPANT...")
    process.exitCode = 2
  } else {
    exportToFile(path, { room, participants, pageSize: 1000 }).pipe(
      Effect.tap((n) => Effect.log(`${n} tracks written to ${path}`)),
      Effect.provide(PublishedTracks.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))),
      Effect.runPromise
    ).catch((error) => {
      console.error(String(error))
      process.exitCode = 1
    })
  }
}
