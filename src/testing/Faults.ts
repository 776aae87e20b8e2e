/**
 * Fault injection for the emulator and the test layer: scripted per request, or drawn at rates
 * from a seeded generator so a failing run can be replayed.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"

/**
 * What can go wrong with one request.
 *
 * - `RateLimited`: 429 with Twilio's body (code 20429) and `Retry-After` (default `"1"`; a header
 *   value, without line breaks).
 * - `ServerError`: a 5xx (default 503; any status from 100 to 599) with Twilio's body.
 * - `Drop`: the connection is dropped without a response (a `HEAD` request, whose answer has no
 *   body, gets the headers).
 * - `Malformed`: 200 with a body that is not JSON.
 * - `Truncated`: 200 with the real body cut in half.
 * - `Delay`: the real answer, after a delay.
 *
 * A fault no server could send (a status of 99, a `retryAfter` with a line break) is answered with
 * the emulator's 500 (code 20500), its message saying what is wrong with the fault.
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
