import { describe, expect, it } from "@effect/vitest"
import { TwilioCredentials } from "effect-twilio-video"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const accountSid = "AC0123456789abcdef0123456789abcdef"
const apiKey = "SKfedcba9876543210fedcba9876543210"
const secret = "very-secret-value"

const fromEnv = (env: Record<string, string>) =>
  TwilioCredentials.pipe(
    Effect.provide(TwilioCredentials.layerConfig),
    Effect.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
  )

describe("TwilioCredentials.layerConfig", () => {
  it.effect("reads the account SID and auth token", () =>
    Effect.gen(function*() {
      const credentials = yield* fromEnv({ TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: secret })
      expect(credentials.username).toBe(accountSid)
      expect(Redacted.value(credentials.password)).toBe(secret)
      expect(String(credentials.password)).not.toContain(secret)
    }))

  it.effect("prefers an API key and secret, with the key as user name", () =>
    Effect.gen(function*() {
      const credentials = yield* fromEnv({
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_API_KEY: apiKey,
        TWILIO_API_SECRET: secret,
        TWILIO_AUTH_TOKEN: "other"
      })
      expect(credentials.accountSid).toBe(accountSid)
      expect(credentials.username).toBe(apiKey)
      expect(Redacted.value(credentials.password)).toBe(secret)
    }))

  const failures: ReadonlyArray<[string, Record<string, string>, string]> = [
    ["a missing account SID", { TWILIO_AUTH_TOKEN: secret }, "TWILIO_ACCOUNT_SID"],
    [
      "a malformed account SID",
      { TWILIO_ACCOUNT_SID: "AC-not-hex-" + secret, TWILIO_AUTH_TOKEN: secret },
      "TWILIO_ACCOUNT_SID"
    ],
    ["no token and no key", { TWILIO_ACCOUNT_SID: accountSid }, "TWILIO_AUTH_TOKEN"],
    ["a key without its secret", { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: apiKey }, "TWILIO_API_SECRET"],
    [
      "a malformed API key",
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: `SK${secret}`, TWILIO_API_SECRET: secret },
      "TWILIO_API_KEY"
    ]
  ]
  for (const [what, env, variable] of failures) {
    it.effect(`${what} is a ConfigError naming ${variable}, never echoing a secret`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(fromEnv(env))
        expect(error._op).toMatch(/MissingData|InvalidData|And|Or/)
        const text = String(error)
        expect(text).toContain(variable)
        expect(text).not.toContain(secret)
      }))
  }
})

describe("TwilioCredentials.layer", () => {
  it.effect("takes an API key and a Redacted secret", () =>
    Effect.gen(function*() {
      const credentials = yield* TwilioCredentials.pipe(
        Effect.provide(
          TwilioCredentials.layer({ accountSid, apiKeySid: apiKey, apiKeySecret: Redacted.make(secret) })
        )
      )
      expect(credentials.username).toBe(apiKey)
    }))

  it.effect("refuses a malformed SID with a ConfigError naming the option", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        TwilioCredentials.pipe(
          Effect.provide(TwilioCredentials.layer({ accountSid: "ACnope", authToken: Redacted.make(secret) }))
        )
      )
      expect(String(error)).toContain("accountSid")
    }))
})
