import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { accountSid, json, recording, wireTrack } from "./support/fakeHttp.js"

const withEnv = (env: Record<string, string>) => {
  const fake = recording(() => json(wireTrack(1)))
  const layer = PublishedTracks.layerConfig.pipe(
    Layer.provide(fake.http),
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord(env, { preserveEmptyStrings: true })))
  )
  return { requests: fake.requests, layer }
}

const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }

describe("PublishedTracks.layerConfig", () => {
  it.effect("reads credentials, region and edge from the environment", () => {
    const { layer, requests } = withEnv({
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: "token",
      TWILIO_REGION: "au1",
      TWILIO_EDGE: "sydney"
    })
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch(camera)
      expect(requests[0]!.url.origin).toBe("https://video.sydney.au1.twilio.com")
      expect(requests[0]!.headers["authorization"]).toBe(`Basic ${btoa(`${accountSid}:token`)}`)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a base URL in TWILIO_VIDEO_BASE_URL wins", () => {
    const { layer, requests } = withEnv({
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: "token",
      TWILIO_REGION: "au1",
      TWILIO_VIDEO_BASE_URL: "http://127.0.0.1:8080"
    })
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch(camera)
      expect(requests[0]!.url.origin).toBe("http://127.0.0.1:8080")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a malformed TWILIO_VIDEO_BASE_URL is a ConfigError naming it", () => {
    const { layer } = withEnv({
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: "token",
      TWILIO_VIDEO_BASE_URL: "nope"
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(layer).pipe(Effect.scoped))
      expect(String(error)).toContain("TWILIO_VIDEO_BASE_URL")
    })
  })
})

describe("configuration errors name their variable once", () => {
  for (
    const [variable, env] of [
      ["TWILIO_ACCOUNT_SID", { TWILIO_ACCOUNT_SID: "AC-not-a-sid", TWILIO_AUTH_TOKEN: "token" }],
      ["TWILIO_API_KEY", { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: "SK1", TWILIO_API_SECRET: "s" }],
      ["TWILIO_VIDEO_BASE_URL", { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: "t", TWILIO_VIDEO_BASE_URL: "x" }],
      ["TWILIO_REGION", { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: "t", TWILIO_REGION: "ie1.evil.com/" }],
      ["TWILIO_EDGE", { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: "t", TWILIO_EDGE: "-dublin" }]
    ] as const
  ) {
    it.effect(`a malformed ${variable}`, () => {
      const { layer } = withEnv(env)
      return Effect.gen(function*() {
        const text = String(yield* Effect.flip(Layer.build(layer).pipe(Effect.scoped)))
        expect(text.split(variable)).toHaveLength(2)
      })
    })
  }
})
