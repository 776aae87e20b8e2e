/**
 * Scratch: where a single fetch's latency goes. Each step adds one layer on top of the previous;
 * p50 / p99 of sequential GETs of one track against the forked loopback server.
 *
 *   npx tsx bench/fetch-breakdown.ts [n]
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { PublishedTrack } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import { pipe } from "effect/Function"
import * as Schema from "effect/Schema"
import { effectClient } from "./clients/effect.js"
import { accountSid, authToken, listPath } from "./fixture.js"
import { startServer } from "./processes.js"
import { quantile } from "./stats.js"

const n = Number(process.argv[2] ?? "2000")
const server = await startServer()
const url = `${server.baseUrl}${listPath("n1", "bench")}/Camera`
const decodeTrack = Schema.decodeUnknownEither(PublishedTrack)

const loop = (step: () => Promise<unknown>) => async () => {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await step()
    out[i] = performance.now() - t0
  }
  return out
}
const effectLoop = (step: Effect.Effect<unknown, unknown, HttpClient.HttpClient>) => () =>
  Effect.runPromise(
    Effect.gen(function*() {
      const out = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const t0 = performance.now()
        yield* step
        out[i] = performance.now() - t0
      }
      return out
    }).pipe(Effect.provide(FetchHttpClient.layer))
  )

const get = Effect.flatMap(HttpClient.HttpClient, (client) => Effect.flatMap(client.get(url), (r) => r.text))
const shaped = Effect.flatMap(HttpClient.HttpClient, (client) =>
  client.pipe(
    HttpClient.mapRequest((request) =>
      pipe(
        request,
        HttpClientRequest.basicAuth(accountSid, authToken),
        HttpClientRequest.acceptJson,
        HttpClientRequest.setHeader("user-agent", "bench")
      )
    ),
    HttpClient.withTracerPropagation(false)
  ).get(url).pipe(Effect.flatMap((r) => r.text)))

const ours = effectClient(server.baseUrl)
const steps: Array<[string, () => Promise<Float64Array>]> = [
  ["fetch + text + JSON.parse (bare)", loop(async () => JSON.parse(await (await fetch(url)).text()))],
  [
    "  + Schema decode of the track",
    loop(async () => decodeTrack(JSON.parse(await (await fetch(url)).text())))
  ],
  ["HttpClient (FetchHttpClient) get + text, in one Effect loop", effectLoop(get)],
  ["  + basicAuth, acceptJson, user-agent, no propagation (as src)", effectLoop(shaped)],
  ["  + withSpan", effectLoop(Effect.withSpan(shaped, "span"))],
  ["PublishedTracks.fetch (this client)", () => ours.fetchLoop("n1", "bench", "Camera", n)]
]
for (let round = 0; round < 2; round++) {
  for (const [name, run] of steps) {
    const xs = await run()
    if (round === 1) {
      console.log(
        `${quantile(xs, 0.5).toFixed(3).padStart(7)} ms p50 ${
          quantile(xs, 0.99).toFixed(3).padStart(7)
        } ms p99  ${name}`
      )
    }
  }
}
await ours.dispose()
server.stop()
