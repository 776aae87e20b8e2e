/** This package's client over `FetchHttpClient`. */
import { ClientConfig, PublishedTracks, TwilioCredentials } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { accountSid, authToken } from "../fixture.js"
import type { Client } from "./types.js"

export const effectClient = (baseUrl: string): Client => {
  const layer = PublishedTracks.layer.pipe(
    Layer.provide(Layer.mergeAll(
      TwilioCredentials.layer({ accountSid, authToken: Redacted.make(authToken) }),
      FetchHttpClient.layer,
      ClientConfig.layer({ baseUrl })
    ))
  )
  const runtime = ManagedRuntime.make(layer)
  return {
    list: (room, participant, pageSize) =>
      runtime.runPromise(Stream.runFold(PublishedTracks.list({ room, participant, pageSize }), () => 0, (n) => n + 1)),
    fetchLoop: (room, participant, track, n) =>
      runtime.runPromise(Effect.gen(function*() {
        const out = new Float64Array(n)
        for (let i = 0; i < n; i++) {
          const t0 = performance.now()
          yield* PublishedTracks.fetch({ room, participant, track })
          out[i] = performance.now() - t0
        }
        return out
      })),
    dispose: () => runtime.dispose()
  }
}
