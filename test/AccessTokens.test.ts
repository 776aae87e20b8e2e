import { describe, expect, it } from "@effect/vitest"
import { AccessTokens, TwilioCredentials } from "effect-twilio-video"
import { Emulator, TestTwilioVideo, TokenCheck, World } from "effect-twilio-video/testing"
import * as ConfigProvider from "effect/ConfigProvider"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/testing/TestClock"
import { inspect } from "node:util"
import twilio from "twilio"
import { vi } from "vitest"
import { string } from "./support/generators.js"
import { recordingTracer } from "./support/tracer.js"

const accountSid = "AC0123456789abcdef0123456789abcdef"
const apiKeySid = "SKfedcba9876543210fedcba9876543210"
const secret = "0123456789abcdefghijklmnopqrstuv"
const now = Date.UTC(2026, 11, 4, 12, 0, 0)

const tokens = AccessTokens.layer.pipe(
  Layer.provide(TwilioCredentials.layer({ accountSid, apiKeySid, apiKeySecret: Redacted.make(secret) }))
)

/** The header and claims of a compact JWT, as JSON. */
const decode = (token: string) => {
  const [header, payload] = token.split(".").slice(0, 2).map((part) =>
    JSON.parse(Buffer.from(part, "base64url").toString("utf8"))
  )
  return { header, payload }
}

/** twilio-node's token for the same inputs, signed at `now`. */
const twilioNode = (
  options: { identity: string; room?: string; ttl?: number; nbf?: number; region?: string }
) => {
  const spy = vi.spyOn(Date, "now").mockReturnValue(now)
  try {
    const token = new twilio.jwt.AccessToken(accountSid, apiKeySid, secret, {
      identity: options.identity,
      ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
      ...(options.nbf === undefined ? {} : { nbf: options.nbf }),
      ...(options.region === undefined ? {} : { region: options.region })
    })
    token.addGrant(new twilio.jwt.AccessToken.VideoGrant(options.room === undefined ? {} : { room: options.room }))
    return token.toJwt()
  } finally {
    spy.mockRestore()
  }
}

const mintAtNow = (options: AccessTokens.MintOptions) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(now)
    return Redacted.value(yield* AccessTokens.mint(options))
  })

describe("AccessTokens.mint", () => {
  it.effect("signs the token twilio-node signs: same header, same claims", () =>
    Effect.gen(function*() {
      const token = yield* mintAtNow({ identity: "alice", room: "DailyStandup" })
      expect(decode(token)).toEqual(decode(twilioNode({ identity: "alice", room: "DailyStandup" })))
      expect(decode(token)).toEqual({
        header: { alg: "HS256", typ: "JWT", cty: "twilio-fpa;v=1" },
        payload: {
          jti: `${apiKeySid}-${now / 1000}`,
          iss: apiKeySid,
          sub: accountSid,
          iat: now / 1000,
          exp: now / 1000 + 3600,
          grants: { identity: "alice", video: { room: "DailyStandup" } }
        }
      })
    }).pipe(Effect.provide(tokens)))

  it.effect("matches twilio-node without a room, with a ttl and a not-before", () =>
    Effect.gen(function*() {
      const nbf = now / 1000 + 60
      const token = yield* mintAtNow({ identity: "bob", ttl: 600, notBefore: new Date(nbf * 1000 + 999) })
      expect(decode(token)).toEqual(decode(twilioNode({ identity: "bob", ttl: 600, nbf })))
      expect(decode(token).payload.grants).toEqual({ identity: "bob", video: {} })
    }).pipe(Effect.provide(tokens)))

  it.effect("writes the configured region as twr, as twilio-node does", () =>
    Effect.gen(function*() {
      const token = yield* mintAtNow({ identity: "carol", room: "RM0123456789abcdef0123456789abcdef" })
      expect(decode(token)).toEqual(
        decode(twilioNode({ identity: "carol", room: "RM0123456789abcdef0123456789abcdef", region: "ie1" }))
      )
      expect(decode(token).header.twr).toBe("ie1")
    }).pipe(
      Effect.provide(
        Layer.effect(
          AccessTokens,
          AccessTokens.make({ accountSid, apiKeySid, apiKeySecret: Redacted.make(secret), region: "ie1" })
        )
      )
    ))

  it.effect("signs with the API secret: twilio-node's token byte for byte", () =>
    Effect.gen(function*() {
      const token = yield* mintAtNow({ identity: "dave", room: "r" })
      expect(token).toBe(twilioNode({ identity: "dave", room: "r" }))
      expect(yield* mintAtNow({ identity: "dave", ttl: 5, notBefore: new Date(now) })).toBe(
        twilioNode({ identity: "dave", ttl: 5, nbf: now / 1000 })
      )
      const checked = yield* TokenCheck.check(token, { accountSid, apiKeySid, apiKeySecret: Redacted.make(secret) })
      expect(checked.identity).toBe("dave")
      const other = yield* Effect.flip(
        TokenCheck.check(token, { accountSid, apiKeySid, apiKeySecret: Redacted.make(secret.toUpperCase()) })
      )
      expect(other._tag).toBe("TokenRejected")
    }).pipe(Effect.provide(tokens)))

  it.effect("takes iat and exp from Effect's Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000_000_500)
      const token = Redacted.value(yield* AccessTokens.mint({ identity: "erin", ttl: 86_400 }))
      expect(decode(token).payload).toMatchObject({ iat: 1_000_000, exp: 1_086_400, jti: `${apiKeySid}-1000000` })
    }).pipe(Effect.provide(tokens)))

  it.effect("takes a DateTime as notBefore", () =>
    Effect.gen(function*() {
      const token = yield* mintAtNow({ identity: "finn", notBefore: DateTime.makeUnsafe(now + 30_000) })
      expect(decode(token).payload.nbf).toBe(now / 1000 + 30)
    }).pipe(Effect.provide(tokens)))

  const refused: ReadonlyArray<readonly [string, AccessTokens.MintOptions, string]> = [
    ["identity", { identity: "" }, "must be a non-empty string"],
    ["identity", { identity: 42 as unknown as string }, "must be a non-empty string"],
    ["identity", null as unknown as AccessTokens.MintOptions, "must be a non-empty string"],
    ["identity", { identity: "a\uD800" }, "must be well-formed Unicode (it holds a lone surrogate)"],
    ["room", { identity: "a", room: "" }, "must be a non-empty string"],
    ["room", { identity: "a", room: "\uDC00" }, "must be well-formed Unicode (it holds a lone surrogate)"],
    ["ttl", { identity: "a", ttl: 0 }, "must be a whole number of seconds from 1 to 86400"],
    ["ttl", { identity: "a", ttl: 86_401 }, "must be a whole number of seconds from 1 to 86400"],
    ["ttl", { identity: "a", ttl: 1.5 }, "must be a whole number of seconds from 1 to 86400"],
    ["ttl", { identity: "a", ttl: Number.NaN }, "must be a whole number of seconds from 1 to 86400"],
    ["notBefore", { identity: "a", notBefore: new Date(Number.NaN) }, "must be a DateTime or a valid Date"],
    ["notBefore", { identity: "a", notBefore: "tomorrow" as unknown as Date }, "must be a DateTime or a valid Date"],
    ["notBefore", { identity: "a", ttl: 60, notBefore: new Date(now + 60_000) }, "must be before the token expires"]
  ]
  for (const [argument, options, reason] of refused) {
    it.effect(`refuses ${argument} ${JSON.stringify(options?.[argument as keyof typeof options])}: ${reason}`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(mintAtNow(options))
        expect(error._tag).toBe("InvalidArgument")
        expect(error).toMatchObject({ operation: "AccessTokens.mint", argument, reason })
      }).pipe(Effect.provide(tokens)))
  }

  it.effect.prop(
    "gives back the identity and room it was given, for any well-formed names",
    [string(1, 40), string(1, 40)],
    ([identity, room]) =>
      Effect.gen(function*() {
        if (!identity.isWellFormed() || !room.isWellFormed()) return
        const token = yield* AccessTokens.mint({ identity, room })
        const grant = yield* TokenCheck.check(token)
        expect(grant.identity).toBe(identity)
        expect(grant.room).toEqual(Option.some(room))
      }).pipe(Effect.provide(TestTwilioVideo.layer(World.documentation)))
  )
})

describe("AccessTokens layers", () => {
  const built = (layer: Layer.Layer<AccessTokens, unknown>) =>
    Effect.exit(Effect.provide(Effect.service(AccessTokens), layer))

  it.effect("fails at layer build when the credentials hold only an auth token", () =>
    Effect.gen(function*() {
      const exit = yield* built(
        AccessTokens.layer.pipe(
          Layer.provide(TwilioCredentials.layer({ accountSid, authToken: Redacted.make(secret) }))
        )
      )
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(exit)).toContain("an auth token cannot sign them")
      expect(String(exit)).not.toContain(secret)
    }))

  const fromEnv = (env: Record<string, string>) =>
    built(AccessTokens.layerConfig.pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env })))))

  it.effect("layerConfig names TWILIO_API_KEY when only an auth token is configured", () =>
    Effect.gen(function*() {
      const exit = yield* fromEnv({ TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: secret })
      expect(String(exit)).toContain(`at ["TWILIO_API_KEY"]`)
      expect(String(exit)).toContain("an auth token cannot sign them")
    }))

  it.effect("layerConfig names TWILIO_API_SECRET when it is too short for HS256, without its value", () =>
    Effect.gen(function*() {
      const exit = yield* fromEnv({
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_API_KEY: apiKeySid,
        TWILIO_API_SECRET: "short-secret"
      })
      expect(String(exit)).toContain(`at ["TWILIO_API_SECRET"]`)
      expect(String(exit)).toContain("at least 32 bytes")
      expect(String(exit)).not.toContain("short-secret")
    }))

  it.effect("layerConfig names TWILIO_REGION when it is not a host label", () =>
    Effect.gen(function*() {
      const exit = yield* fromEnv({
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_API_KEY: apiKeySid,
        TWILIO_API_SECRET: secret,
        TWILIO_REGION: "ie1.evil"
      })
      expect(String(exit)).toContain(`at ["TWILIO_REGION"]`)
    }))

  it.effect("layerConfig mints with the emulator's variables, and the kit accepts the token", () =>
    Effect.gen(function*() {
      const env = { ...Emulator.env("http://127.0.0.1:1"), TWILIO_REGION: "au1" }
      const token = yield* AccessTokens.mint({ identity: "grace", room: "DailyStandup" }).pipe(
        Effect.provide(
          AccessTokens.layerConfig.pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env }))))
        )
      )
      const grant = yield* TokenCheck.check(token)
      expect(grant).toMatchObject({ identity: "grace", apiKeySid: Emulator.apiKeySid, accountSid: Emulator.accountSid })
      expect(grant.region).toEqual(Option.some("au1"))
    }))

  it.effect("make refuses an API key SID that is not one, naming the option", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        AccessTokens.make({ accountSid, apiKeySid: "SKnope", apiKeySecret: Redacted.make(secret) })
      )
      expect(String(exit)).toContain(`at ["apiKeySid"]`)
    }))
})

describe("AccessTokens secrets", () => {
  it.effect("the token prints as <redacted>; neither it nor the secret shows in the service, a log or a span", () =>
    Effect.gen(function*() {
      const service = yield* AccessTokens
      const token = yield* AccessTokens.mint({ identity: "heidi" })
      const raw = Redacted.value(token)
      for (
        const printed of [String(token), JSON.stringify({ token }), inspect(token), inspect(service, { depth: 8 })]
      ) {
        expect(printed).not.toContain(raw)
        expect(printed).not.toContain(secret)
      }
      expect(JSON.stringify(service)).not.toContain(secret)
    }).pipe(Effect.provide(tokens)))

  it.effect("neither the token nor the secret reaches a log or a span, even when the app logs the token", () => {
    const logs: Array<string> = []
    const logger = Logger.make((options) => logs.push(Logger.formatLogFmt.log(options), Logger.formatJson.log(options)))
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      const token = yield* AccessTokens.mint({ identity: "ivy", room: "DailyStandup" })
      yield* Effect.log("minted", token)
      yield* Effect.flip(AccessTokens.mint({ identity: "" }))
      const raw = Redacted.value(token)
      expect(spans.map((s) => s.name)).toEqual(["AccessTokens.mint", "AccessTokens.mint"])
      expect(logs.join("\n")).toContain("<redacted>")
      const everything = logs.join("\n") +
        JSON.stringify(spans.map((s) => [s.name, [...s.attributes], s.events, String(s.exit)]))
      expect(everything).not.toContain(raw)
      expect(everything).not.toContain(raw.split(".")[2])
      expect(everything).not.toContain(secret)
    }).pipe(Effect.provide(tokens), Effect.provide(Logger.layer([logger])), Effect.withTracer(tracer))
  })
})

describe("TokenCheck.check", () => {
  const kit = TestTwilioVideo.layer(World.documentation)

  it.effect("refuses an expired token, and one not valid yet, by Effect's Clock", () =>
    Effect.gen(function*() {
      const token = yield* AccessTokens.mint({ identity: "ivan", ttl: 60, notBefore: new Date(30_000) })
      expect((yield* Effect.flip(TokenCheck.check(token))).reason).toContain("nbf")
      yield* TestClock.adjust("30 seconds")
      expect((yield* TokenCheck.check(token)).notBefore).toEqual(Option.some(DateTime.makeUnsafe(30_000)))
      yield* TestClock.adjust("31 seconds")
      expect((yield* Effect.flip(TokenCheck.check(token))).reason).toContain("exp")
    }).pipe(Effect.provide(kit)))

  it.effect("refuses a token with any byte changed, or for another account or key", () =>
    Effect.gen(function*() {
      const token = Redacted.value(yield* AccessTokens.mint({ identity: "judy", room: "r" }))
      const [header, payload, signature] = token.split(".") as [string, string, string]
      const forged = Buffer.from(payload, "base64url").toString("utf8").replace(`"room":"r"`, `"room":"s"`)
      for (
        const changed of [
          `${header}.${Buffer.from(forged).toString("base64url")}.${signature}`,
          `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "AB" : "AA"}`,
          `${header}.${payload}`,
          "not a token"
        ]
      ) {
        expect((yield* Effect.flip(TokenCheck.check(changed)))._tag).toBe("TokenRejected")
      }
      expect((yield* Effect.flip(TokenCheck.check(token, { accountSid }))).reason).toContain("sub")
      expect((yield* Effect.flip(TokenCheck.check(token, { apiKeySid }))).reason).toContain("iss")
    }).pipe(Effect.provide(kit)))
})
