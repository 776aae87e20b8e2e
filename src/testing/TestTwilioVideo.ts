/**
 * The four services over an in-memory world, for unit tests: the real client over the emulator, so
 * they follow Twilio's rules (lookups by SID or name, filters, paging, the errors) and the client's
 * own (argument checks, laziness, `limit`, retries), with the same typed errors.
 *
 * ```ts
 * it.effect("counts tracks", () =>
 *   countTracks("DailyStandup", "Alice").pipe(
 *     Effect.map((n) => expect(n).toBe(1)),
 *     Effect.provide(TestTwilioVideo.layer(World.documentation))
 *   ))
 * ```
 *
 * @since 0.2.0
 */
import * as Layer from "effect/Layer"
import type { AccessTokens } from "../AccessTokens.js"
import * as TwilioVideo from "../TwilioVideo.js"
import * as Emulator from "./Emulator.js"
import type * as World from "./World.js"

/**
 * `Rooms`, `Participants`, `PublishedTracks` and `SubscribedTracks` over `world`, with the
 * `WorldControl` to change it mid-test, and `AccessTokens` signing with the emulator's API key: the real client over the in-memory emulator
 * (`Emulator.layer`), with credentials it accepts. Each build starts from `world` afresh, so
 * concurrent tests share nothing. A `ClientConfig` layer, when provided, sets its retries and
 * timeout.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (
  world: World.World,
  options: Emulator.Options = {}
): Layer.Layer<TwilioVideo.Services | AccessTokens | World.WorldControl> =>
  Layer.mergeAll(
    Layer.provideMerge(TwilioVideo.layer, Layer.merge(Emulator.layer(world, options), Emulator.credentials)),
    Emulator.accessTokens
  )
