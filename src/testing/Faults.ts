/**
 * Fault injection for the emulator and the test layer: scripted per request, or drawn at rates
 * from a seeded generator so a failing run can be replayed.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

/**
 * What can go wrong with one request.
 *
 * - `RateLimited`: 429 with Twilio's body (code 20429) and `Retry-After` (default `"1"`).
 * - `ServerError`: a 5xx (default 503) with Twilio's body.
 * - `Drop`: the connection is dropped without a response.
 * - `Malformed`: 200 with a body that is not JSON.
 * - `Truncated`: 200 with the real body cut in half.
 * - `Delay`: the real answer, after a delay.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault =
  | { readonly _tag: "RateLimited"; readonly retryAfter?: string | undefined }
  | { readonly _tag: "ServerError"; readonly status?: number | undefined }
  | { readonly _tag: "Drop" }
  | { readonly _tag: "Malformed" }
  | { readonly _tag: "Truncated" }
  | { readonly _tag: "Delay"; readonly duration: Duration.Input }

/**
 * Which requests fail, and how.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Chooses a fault for the `n`th request (from 1), or none. Checked before the rates. */
  readonly script?: ((request: { readonly n: number; readonly url: URL }) => Fault | undefined) | undefined
  /** Fractions of requests (0–1) that fail each way. */
  readonly rates?: {
    readonly rateLimited?: number | undefined
    readonly serverError?: number | undefined
    readonly drop?: number | undefined
    readonly malformed?: number | undefined
    readonly truncated?: number | undefined
  } | undefined
  /** The `Retry-After` sent with rate-drawn 429s. Default `"1"`. */
  readonly retryAfter?: string | undefined
  /** A delay added to every request. */
  readonly latency?: Duration.Input | undefined
  /** Seed of the generator behind the rates. Default 1. */
  readonly seed?: number | undefined
}

/**
 * Requests counted, and the fault (if any) for the next one.
 *
 * @since 0.1.0
 * @category constructors
 */
export const planner = (options: Options = {}): (url: URL) => Fault | undefined => {
  let n = 0
  // Effect's generator, seeded: the same seed draws the same faults
  const random = Effect.runSync(
    Effect.map(Random.Random, (generator) => () => generator.nextDoubleUnsafe()).pipe(
      Random.withSeed(options.seed ?? 1)
    )
  )
  const rates = options.rates ?? {}
  const drawn: ReadonlyArray<[number | undefined, Fault]> = [
    [rates.rateLimited, { _tag: "RateLimited", retryAfter: options.retryAfter ?? "1" }],
    [rates.serverError, { _tag: "ServerError", status: 503 }],
    [rates.drop, { _tag: "Drop" }],
    [rates.malformed, { _tag: "Malformed" }],
    [rates.truncated, { _tag: "Truncated" }]
  ]
  return (url) => {
    n++
    const scripted = options.script?.({ n, url })
    if (scripted !== undefined) return scripted
    const r = random()
    let edge = 0
    for (const [rate, fault] of drawn) {
      edge += rate ?? 0
      if (r < edge) return fault
    }
    return undefined
  }
}
