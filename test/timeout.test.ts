/**
 * The client's timeout: what `Effect.timeoutOrElse` does, under the TestClock and the live clock.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as TestClock from "effect/testing/TestClock"
import { timeoutFail } from "../src/internal/timeout.js"

const thirtySeconds = Duration.seconds(30)
const within = <A, E>(self: Effect.Effect<A, E>, duration = thirtySeconds) =>
  timeoutFail(self, duration, () => "timed out" as const)

/** Records how every fiber started under it ends (Effect 4's hook on fiber ends, as a v3 `Supervisor` was). */
const fiberEnds = () => {
  const exits: Array<Exit.Exit<unknown, unknown>> = []
  const metrics: Metric.FiberRuntimeMetricsService = {
    recordFiberStart: () => {},
    recordFiberEnd: (_context, exit) => void exits.push(exit)
  }
  return { exits, metrics }
}

describe("timeoutFail", () => {
  it.effect("gives the value of an effect that ends in time", () =>
    Effect.gen(function*() {
      expect(yield* within(Effect.succeed(1))).toBe(1)
    }))

  it.effect("gives the failure of an effect that fails in time, as it is", () =>
    Effect.gen(function*() {
      expect(yield* Effect.flip(within(Effect.fail("boom" as const)))).toBe("boom")
    }))

  it.effect("under the TestClock, fails with the timeout error exactly when the clock reaches it, interrupting the effect", () =>
    Effect.gen(function*() {
      const interrupted = yield* Deferred.make<void>()
      const fiber = yield* Effect.forkChild(
        within(Effect.never.pipe(Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined))))
      )
      yield* TestClock.adjust("29999 millis")
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 millis")
      expect(yield* Effect.flip(Fiber.join(fiber))).toBe("timed out")
      expect(yield* Deferred.isDone(interrupted)).toBe(true)
    }))

  it.effect("under the TestClock, real time passing times nothing out", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(within(Effect.never, Duration.millis(10)))
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("10 millis")
      expect(yield* Effect.flip(Fiber.join(fiber))).toBe("timed out")
    }))

  it.effect("an effect that interrupts itself is interrupted, not timed out", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(within(Effect.interrupt))
      expect(Exit.hasInterrupts(exit)).toBe(true)
    }))

  it.live("clears its timer when the effect ends, so that a finished program does not wait on it", () =>
    Effect.gen(function*() {
      const timers = () => process.getActiveResourcesInfo().filter((name) => name === "Timeout").length
      const before = timers()
      expect(yield* within(Effect.succeed(1), Duration.seconds(10))).toBe(1)
      expect(yield* Effect.flip(within(Effect.fail("boom" as const), Duration.seconds(10)))).toBe("boom")
      expect(timers()).toBe(before)
    }))

  it.live("under the live clock, fails with the timeout error after its duration", () =>
    Effect.gen(function*() {
      const started = Date.now()
      expect(yield* Effect.flip(within(Effect.never, Duration.millis(50)))).toBe("timed out")
      expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    }))

  for (const [what, duration] of [["infinite", Duration.infinity], ["of 30 days", Duration.days(30)]] as const) {
    it.live(`under the live clock, a duration ${what}, past setTimeout's range, never ends the effect`, () =>
      Effect.gen(function*() {
        expect(yield* within(Effect.as(Effect.sleep("20 millis"), 1), duration)).toBe(1)
      }))
  }

  it.effect("interrupted from outside, interrupts the effect before it ends", () =>
    Effect.gen(function*() {
      const started = yield* Deferred.make<void>()
      const interrupted = yield* Deferred.make<void>()
      const fiber = yield* Effect.forkChild(
        within(
          Deferred.succeed(started, undefined).pipe(
            Effect.andThen(Effect.never),
            Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined))
          )
        )
      )
      yield* Deferred.await(started)
      yield* Fiber.interrupt(fiber)
      const exit = yield* Fiber.await(fiber)
      expect(Exit.hasInterrupts(exit)).toBe(true)
      expect(yield* Deferred.isDone(interrupted)).toBe(true)
    }))

  it.live("hands the value over outside the fibers it forks, which end with no value to keep", () =>
    Effect.gen(function*() {
      const ends = fiberEnds()
      const value = { a: "page" }
      expect(yield* within(Effect.succeed(value)).pipe(Effect.provideService(Metric.FiberRuntimeMetrics, ends.metrics)))
        .toBe(value)
      // Effect's timeout races the effect (its value as an Option) against the timer, which is interrupted
      expect(ends.exits.filter(Exit.isSuccess)).toEqual([Exit.succeed(Option.some(undefined))])
      expect(ends.exits.filter(Exit.isFailure).every((exit) => Cause.hasInterruptsOnly(exit.cause))).toBe(true)
    }))
})
