import { describe, expect, it } from "@effect/vitest"
import { TwilioCredentials } from "effect-twilio-video"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const accountSid = "AC0123456789abcdef0123456789abcdef"
const apiKey = "SKfedcba9876543210fedcba9876543210"
const secret = "very-secret-value"

/** A `ConfigError` at `name`, as Effect 4 writes it. */
const configError = (name: string, problem: string) => `ConfigError(SchemaError(${problem}\n  at ["${name}"]))`

const fromEnv = (env: Record<string, string>) =>
  TwilioCredentials.pipe(
    Effect.provide(TwilioCredentials.layerConfig),
    Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord(env, { preserveEmptyStrings: true })))
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

  const sidProblem = (prefix: string) => `must be "${prefix}" followed by 32 hexadecimal digits`
  const failures: ReadonlyArray<[string, Record<string, string>, string]> = [
    [
      "a missing account SID",
      { TWILIO_AUTH_TOKEN: secret },
      configError("TWILIO_ACCOUNT_SID", "Expected string")
    ],
    [
      "a malformed account SID",
      { TWILIO_ACCOUNT_SID: "AC-not-hex-" + secret, TWILIO_AUTH_TOKEN: secret },
      configError("TWILIO_ACCOUNT_SID", sidProblem("AC"))
    ],
    [
      "no token and no key",
      { TWILIO_ACCOUNT_SID: accountSid },
      configError("TWILIO_AUTH_TOKEN", "is required, or TWILIO_API_KEY and TWILIO_API_SECRET")
    ],
    [
      "a key without its secret",
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: apiKey },
      configError("TWILIO_API_SECRET", "is required with TWILIO_API_KEY")
    ],
    [
      "a malformed API key",
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: `SK${secret}`, TWILIO_API_SECRET: secret },
      configError("TWILIO_API_KEY", sidProblem("SK"))
    ],
    [
      "an account SID where the API key goes",
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: accountSid, TWILIO_API_SECRET: secret },
      configError("TWILIO_API_KEY", sidProblem("SK"))
    ],
    [
      "an empty auth token",
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: "" },
      configError("TWILIO_AUTH_TOKEN", "must not be empty")
    ],
    [
      "an API secret outside Latin-1",
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: apiKey, TWILIO_API_SECRET: `${secret}€` },
      configError("TWILIO_API_SECRET", "must hold only Latin-1 characters")
    ]
  ]
  for (const [what, env, message] of failures) {
    it.effect(`${what} is a ConfigError naming its variable, never echoing a secret`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(fromEnv(env))
        expect(String(error)).toBe(message)
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

  const refused: ReadonlyArray<[string, TwilioCredentials.Options, string]> = [
    [
      "a malformed account SID",
      { accountSid: "ACnope", authToken: Redacted.make(secret) },
      configError("accountSid", "accountSid must be \"AC\" followed by 32 hexadecimal digits")
    ],
    [
      "a malformed API key SID",
      { accountSid, apiKeySid: `SK${secret}`, apiKeySecret: Redacted.make(secret) },
      configError("apiKeySid", "apiKeySid must be \"SK\" followed by 32 hexadecimal digits")
    ],
    [
      "an empty API secret",
      { accountSid, apiKeySid: apiKey, apiKeySecret: Redacted.make("") },
      configError("apiKeySecret", "apiKeySecret must not be empty")
    ],
    [
      "an auth token outside Latin-1",
      { accountSid, authToken: Redacted.make(`${secret}€`) },
      configError("authToken", "authToken must hold only Latin-1 characters")
    ]
  ]
  for (const [what, options, message] of refused) {
    it.effect(`refuses ${what} with a ConfigError naming the option, never the value`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(TwilioCredentials.pipe(Effect.provide(TwilioCredentials.layer(options))))
        expect(String(error)).toBe(message)
      }))
  }
})
