/**
 * A small application module that uses `PublishedTracks`: the worked example of docs/testing.md.
 */
import { PublishedTracks } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

export interface Summary {
  readonly audio: number
  readonly video: number
  readonly data: number
  readonly disabled: number
}

/** Counts a participant's tracks by kind, and those disabled. */
export const summarize = (room: string, participant: string) =>
  PublishedTracks.list({ room, participant }).pipe(
    Stream.runFold({ audio: 0, video: 0, data: 0, disabled: 0 } as Summary, (summary, track) => ({
      ...summary,
      [track.kind]: summary[track.kind] + 1,
      disabled: summary.disabled + (track.enabled ? 0 : 1)
    }))
  )

/** Whether a participant is sharing its screen: a missing "screen" track is an answer, not an error. */
export const isPresenting = (room: string, participant: string) =>
  PublishedTracks.fetch({ room, participant, track: "screen" }).pipe(
    Effect.map((track) => track.enabled),
    Effect.catchTag("NotFound", () => Effect.succeed(false))
  )
