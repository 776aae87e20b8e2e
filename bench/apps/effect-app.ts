/** The minimal app for the bundle-size comparison: one fetch and one listing, with this package. */
import { PublishedTracks, TwilioCredentials } from "effect-twilio-video"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

const program = Effect.gen(function*() {
  const track = yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
  yield* Console.log(track)
  yield* Stream.runForEach(PublishedTracks.list({ room: "DailyStandup", participant: "Alice" }), Console.log)
})

const layer = PublishedTracks.layer.pipe(
  Layer.provide(Layer.mergeAll(TwilioCredentials.layerConfig, FetchHttpClient.layer))
)

Effect.runPromise(Effect.provide(program, layer)).catch(console.error)
