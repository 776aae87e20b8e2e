/**
 * Scratch: the CPU cost of one `PublishedTracks.fetch` on top of the `HttpClient` it is given,
 * without a network: both run over an in-memory `HttpClient` that answers at once, so the
 * difference is this client's own work per call (request shaping, origin check, timeout, retry
 * driver, span, decode). Far steadier than the loopback latencies.
 *
 *   npx tsx bench/fetch-overhead.ts [calls]
 */
import { ClientConfig, PublishedTracks, TwilioCredentials } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { accountSid, authToken, wireTrack } from "./fixture.js"

const calls = Number(process.argv[2] ?? "20000")
const body = JSON.stringify(wireTrack("https://video.twilio.com", 1))
const inMemory = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request) =>
    Effect.succeed(
      HttpClientResponse.fromWeb(
        request,
        new Response(body, { status: 200, headers: { "content-length": String(Buffer.byteLength(body)) } })
      )
    )
  )
)
const layer = PublishedTracks.layer.pipe(
  Layer.provide(Layer.merge(
    TwilioCredentials.layer({ accountSid, authToken: Redacted.make(authToken) }),
    ClientConfig.layer({})
  )),
  Layer.provideMerge(inMemory)
)

/** Mean µs per run of `effect`, after a warm-up of 2,000 runs. */
const perCall = (effect: Effect.Effect<unknown, unknown, HttpClient.HttpClient | PublishedTracks>) =>
  Effect.runPromise(
    Effect.gen(function*() {
      for (let i = 0; i < 2000; i++) yield* effect
      const t0 = performance.now()
      for (let i = 0; i < calls; i++) yield* effect
      return ((performance.now() - t0) * 1000) / calls
    }).pipe(Effect.provide(layer))
  )

const raw = Effect.flatMap(
  HttpClient.HttpClient,
  (client) => Effect.flatMap(client.get("https://video.twilio.com/v1/x"), (response) => response.text)
)
const ours = PublishedTracks.fetch({ room: "r", participant: "p", track: "t" })
for (let round = 0; round < 2; round++) {
  const rawUs = await perCall(raw)
  const oursUs = await perCall(ours)
  if (round === 1) {
    console.log(`${rawUs.toFixed(1).padStart(7)} µs  HttpClient get + text (in-memory client)`)
    console.log(`${oursUs.toFixed(1).padStart(7)} µs  PublishedTracks.fetch over the same client`)
    console.log(`${(oursUs - rawUs).toFixed(1).padStart(7)} µs  this client's own work per call`)
  }
}
