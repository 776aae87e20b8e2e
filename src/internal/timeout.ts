import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/** The longest delay `setTimeout` takes: past it, Node fires after 1 ms. */
const maxTimerMillis = 2 ** 31 - 1

/**
 * `self`, interrupted and failed with `onTimeout()` when it takes longer than `duration`: what
 * `Effect.timeoutFail` does, for a third of its cost. `Effect.timeoutFail` races two forked fibers;
 * here `self` runs in one, and the timer of the live clock is a plain `setTimeout`. Under any other
 * clock (the `TestClock`), the timer is a fiber sleeping on it, so tests move time as they do for
 * any `Effect.sleep`. A duration past `setTimeout`'s range (24.8 days, or infinite) never ends, as
 * with `Effect.sleep`. As with `Effect.timeoutFail`, the result waits for `self`'s interruption.
 *
 * The child hands its outcome over in a variable, not as its own value: the child is made before
 * the request and is in V8's old generation by the time it ends, and until the next full GC an old
 * object keeps what it holds alive through every young-generation collection. A page held as its
 * value was copied and promoted: listing spent three times as long in GC (docs/performance.md).
 */
export const timeoutFail = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.clockWith((clock) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function*() {
        // the child's outcome, failures included, so that a failure is never an unhandled one of a fiber
        let outcome: Exit.Exit<A, E> | undefined
        const child = yield* Effect.fork(
          restore(Effect.exit(self)).pipe(Effect.map((exit) => {
            outcome = exit
          }))
        )
        const timer = clock === liveClock ? undefined : yield* Effect.forkDaemon(clock.sleep(duration))
        return yield* restore(Effect.async<A, E | E2>((resume) => {
          let timedOut = false
          const fire = () => {
            timedOut = true
            child.unsafeInterruptAsFork(FiberId.none)
          }
          const handle = timer === undefined && millis <= maxTimerMillis ? setTimeout(fire, millis) : undefined
          timer?.addObserver((exit) => Exit.isSuccess(exit) && fire())
          const stopTimer = () => {
            if (handle !== undefined) clearTimeout(handle)
            timer?.unsafeInterruptAsFork(FiberId.none)
          }
          child.addObserver(() => {
            stopTimer()
            const done = outcome
            outcome = undefined
            // without an outcome, `self` never finished: the child was interrupted, by the timer or from outside
            resume(done ?? (timedOut ? Effect.fail(onTimeout()) : Effect.interrupt))
          })
          // interrupted from outside: the request goes too, before the interruption completes
          return Effect.zipRight(Effect.sync(stopTimer), Fiber.interrupt(child))
        }))
      })
    )
  )
