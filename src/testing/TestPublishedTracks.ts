/**
 * A service-level stand-in for `PublishedTracks` over an in-memory world: no HTTP, no credentials.
 * It follows Twilio's rules (lookups by SID or name, 404 and 401 errors, page sizes, paging) and
 * the real client's (argument checks, laziness, `limit`), and gives the same typed errors.
 *
 * ```ts
 * it.effect("counts tracks", () =>
 *   countTracks("DailyStandup", "Alice").pipe(
 *     Effect.map((n) => expect(n).toBe(1)),
 *     Effect.provide(TestPublishedTracks.layer(World.documentation))
 *   ))
 * ```
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ClientConfig } from "../ClientConfig.js"
import { TransportError } from "../Errors.js"
import * as VideoHttp from "../internal/http.js"
import { fromHttp } from "../internal/service.js"
import { PublishedTracks } from "../PublishedTracks.js"
import type * as Faults from "./Faults.js"
import * as Handler from "./internal/handler.js"
import * as World from "./World.js"

/**
 * How the test layer starts out.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Start out refusing every call with `Unauthorized` (code 20003). */
  readonly rejectCredentials?: boolean | undefined
  /** Faults, as the emulator injects them. */
  readonly faults?: Faults.Options | undefined
}

/**
 * `PublishedTracks` over `world`, with the `WorldControl` to change it mid-test. Each build starts
 * from `world` afresh, so concurrent tests share nothing.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  world: World.World,
  options: Options = {}
): Layer.Layer<PublishedTracks | World.WorldControl> =>
  Layer.effectContext(Effect.gen(function*() {
    const control = yield* World.makeControl(world, options)
    const handle = Handler.make(control, options.faults)
    const settings = yield* ClientConfig
    const send: VideoHttp.Send = (url, at) =>
      Effect.flatMap(handle("GET", url, true), (outcome) =>
        outcome._tag === "Drop"
          ? Effect.fail(new TransportError({ ...at, reason: "the connection was dropped" }))
          : Effect.succeed({
            url,
            status: outcome.status,
            retryAfter: outcome.headers["retry-after"],
            location: outcome.headers["location"],
            body: outcome.body
          }))
    const service = fromHttp(VideoHttp.makeWith(settings, send))
    return Context.make(PublishedTracks, service).pipe(Context.add(World.WorldControl, control))
  }))
