/**
 * Reads an Access Token as Twilio would: its signature by the API key, its life by Effect's `Clock`
 * (expired, or not valid yet), its issuer and account, and its Video grant. For tests that assert
 * which token an app handed out.
 *
 * ```ts
 * const grant = yield* TokenCheck.check(token)
 * expect(grant.identity).toBe("alice")
 * expect(grant.room).toEqual(Option.some("DailyStandup"))
 * ```
 *
 * @since 1.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Jwt from "effect/jose/Jwt"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Token from "../internal/token.js"
import * as Emulator from "./Emulator.js"

/**
 * A token Twilio would refuse, and why: a bad signature or form, another key or account, expired,
 * not valid yet, living longer than 24 hours, not a Video token.
 *
 * @since 1.1.0
 * @category errors
 */
export class TokenRejected extends Schema.TaggedError<TokenRejected>(
  "effect-twilio-video/testing/TokenRejected"
)("TokenRejected", { reason: Schema.String }) {
  override get message(): string {
    return `Access token rejected: ${this.reason}`
  }
}

/**
 * What a valid token grants, and when.
 *
 * @since 1.1.0
 * @category models
 */
export interface Grant {
  readonly identity: string
  /** The one room it may join; `None` for any room. */
  readonly room: Option.Option<string>
  readonly accountSid: string
  readonly apiKeySid: string
  /** The header's `twr`. */
  readonly region: Option.Option<string>
  readonly issuedAt: DateTime.Utc
  readonly expiresAt: DateTime.Utc
  readonly notBefore: Option.Option<DateTime.Utc>
}

/**
 * The account and API key a token must be signed by. Default: the emulator's.
 *
 * @since 1.1.0
 * @category models
 */
export interface Options {
  readonly accountSid?: string | undefined
  readonly apiKeySid?: string | undefined
  readonly apiKeySecret?: Redacted.Redacted<string> | undefined
}

/** Twilio's longest token life: 24 hours. */
const maxLife = 86_400

const seconds = (value: number) => DateTime.makeUnsafe(value * 1000)

/**
 * Checks `token` and gives what it grants, or `TokenRejected` saying why Twilio would refuse it.
 *
 * @since 1.1.0
 * @category checks
 */
export const check = (
  token: string | Redacted.Redacted<string>,
  options: Options = {}
): Effect.Effect<Grant, TokenRejected> =>
  Effect.gen(function*() {
    const accountSid = options.accountSid ?? Emulator.accountSid
    const apiKeySid = options.apiKeySid ?? Emulator.apiKeySid
    const key = yield* Token.key("apiKeySecret", options.apiKeySecret ?? Emulator.apiKeySecret)
    const { claims, protectedHeader } = yield* Jwt.verify(Token.Claims, token, key, {
      issuer: apiKeySid,
      subject: accountSid,
      typ: "JWT"
    }).pipe(Effect.provide(Token.crypto))
    if (protectedHeader["cty"] !== Token.contentType) {
      return yield* new TokenRejected({ reason: `its content type (cty) is not ${Token.contentType}` })
    }
    if (claims.exp - claims.iat > maxLife) {
      return yield* new TokenRejected({ reason: "it lives longer than 24 hours" })
    }
    const region = protectedHeader["twr"]
    return {
      identity: claims.grants.identity,
      room: Option.fromUndefinedOr(claims.grants.video.room),
      accountSid: claims.sub,
      apiKeySid: claims.iss,
      region: typeof region === "string" ? Option.some(region) : Option.none(),
      issuedAt: seconds(claims.iat),
      expiresAt: seconds(claims.exp),
      notBefore: claims.nbf === undefined ? Option.none() : Option.some(seconds(claims.nbf))
    }
  }).pipe(
    Effect.catchTag(
      ["ConfigError", "JoseError", "SchemaError"],
      (error) => Effect.fail(new TokenRejected({ reason: error.message }))
    )
  )
