import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { handedOver } from "./handover.js"

/**
 * `self`, interrupted and failed with `onTimeout()` when it takes longer than `duration`: Effect's
 * own timeout, which under the `TestClock` moves with it as any `Effect.sleep` does. An infinite
 * duration never ends. The value is handed over outside the fiber the timeout races (`handover.ts`).
 */
export const timeoutFail = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  handedOver(self, (effect) => Effect.timeoutOrElse(effect, { duration, orElse: () => Effect.fail(onTimeout()) }))
