/**
 * The testing kit: in-memory fixtures and a Twilio Video emulator.
 *
 * @since 0.1.0
 */
export {}
