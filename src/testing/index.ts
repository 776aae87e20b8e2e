/**
 * The testing kit: an in-memory world, a service-level test layer, a Twilio Video emulator (as an
 * `HttpClient` and on a loopback socket), fault injection and arbitraries.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Arbitraries from "./Arbitraries.js"
/**
 * @since 0.1.0
 */
export * as Emulator from "./Emulator.js"
/**
 * @since 0.1.0
 */
export * as EmulatorServer from "./EmulatorServer.js"
/**
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"
/**
 * @since 0.2.0
 */
export * as TestTwilioVideo from "./TestTwilioVideo.js"
export * as TokenCheck from "./TokenCheck.js"
/**
 * @since 0.1.0
 */
export * as World from "./World.js"
