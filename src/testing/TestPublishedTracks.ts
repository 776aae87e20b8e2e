/**
 * A stand-in for `PublishedTracks` over an in-memory world, for unit tests: the real client over the
 * emulator, so it follows Twilio's rules (lookups by SID or name, 404 and 401 errors, page sizes,
 * paging) and the client's own (argument checks, laziness, `limit`, retries), with the same typed
 * errors.
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
import * as Layer from "effect/Layer"
import { PublishedTracks } from "../PublishedTracks.js"
import * as Emulator from "./Emulator.js"
import type * as World from "./World.js"

/**
 * `PublishedTracks` over `world`, with the `WorldControl` to change it mid-test: the real client,
 * over the in-memory emulator (`Emulator.layer`), with credentials it accepts. Each build starts
 * from `world` afresh, so concurrent tests share nothing. A `ClientConfig` layer, when provided,
 * sets its retries and timeout.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  world: World.World,
  options: Emulator.Options = {}
): Layer.Layer<PublishedTracks | World.WorldControl> =>
  Layer.provideMerge(PublishedTracks.layer, Layer.merge(Emulator.layer(world, options), Emulator.credentials))
