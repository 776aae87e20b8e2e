import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/**
 * `self`, interrupted and failed with `onTimeout()` when it takes longer than `duration`: Effect's
 * own timeout, which under the `TestClock` moves with it as any `Effect.sleep` does. An infinite
 * duration never ends.
 *
 * The value is handed over in a variable, not as the value of the fiber that Effect's timeout
 * races: that fiber is made before the request and is in V8's old generation by the time it ends,
 * and until the next full GC an old object keeps what it holds alive through every
 * young-generation collection. A page held as its value was copied and promoted: listing spent
 * three times as long in GC (docs/performance.md). As `withSpan` in `span.ts` does for the span.
 */
export const timeoutFail = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.suspend(() => {
    let value: A | undefined
    return Effect.timeoutOrElse(
      Effect.map(self, (a) => {
        value = a
      }),
      { duration, orElse: () => Effect.fail(onTimeout()) }
    ).pipe(Effect.map(() => {
      const out = value as A
      value = undefined
      return out
    }))
  })
