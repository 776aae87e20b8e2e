/**
 * Access Tokens: what a Video app's server gives each person who joins a room. A JWT signed with
 * an API key (HS256), carrying the person's identity and a Video grant, optionally for one room;
 * the same token, claim for claim, as twilio-node's `AccessToken` with a `VideoGrant`.
 *
 * @since 1.1.0
 */
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Mac from "effect/crypto/Mac"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type * as Jwk from "effect/jose/Jwk"
import * as Jwt from "effect/jose/Jwt"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { TwilioCredentials } from "./Credentials.js"
import { InvalidArgument } from "./Errors.js"
import { unsendable } from "./internal/form.js"
import { check, checked, configError, hostLabelRule } from "./internal/option.js"
import * as Token from "./internal/token.js"
import { ApiKeySid } from "./Sid.js"

const operation = "AccessTokens.mint"

const authTokenOnly = "an API key is required to mint access tokens: an auth token cannot sign them"

/** Twilio's longest token life: 24 hours. */
const maxTtl = 86_400

const invalid = (argument: string, reason: string) => Result.fail(new InvalidArgument({ operation, argument, reason }))

/** A name as Twilio reads it in a grant: a non-empty string of well-formed Unicode. */
const name = (argument: string, value: unknown): Result.Result<string, InvalidArgument> => {
  if (typeof value !== "string" || value === "") return invalid(argument, "must be a non-empty string")
  const reason = unsendable(value)
  return reason === undefined ? Result.succeed(value) : invalid(argument, reason)
}

/** The grant's values, checked: the seconds of `notBefore`, the `ttl` with its default. */
const grant = (given: AccessTokens.MintOptions) =>
  Result.gen(function*() {
    // from JavaScript, anything may come: what is not an object has no identity
    const options: Partial<AccessTokens.MintOptions> = typeof given === "object" && given !== null ? given : {}
    const identity = yield* name("identity", options.identity)
    const room = options.room === undefined ? undefined : yield* name("room", options.room)
    const ttl = options.ttl ?? 3_600
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > maxTtl) {
      return yield* invalid("ttl", `must be a whole number of seconds from 1 to ${maxTtl}`)
    }
    const notBefore = options.notBefore === undefined ? undefined : yield* instant(options.notBefore)
    return { identity, room, ttl, notBefore }
  })

const instant = (value: unknown): Result.Result<number, InvalidArgument> => {
  const millis = DateTime.isDateTime(value)
    ? DateTime.toEpochMillis(value)
    : value instanceof Date
    ? value.getTime()
    : Number.NaN
  return Number.isFinite(millis)
    ? Result.succeed(Math.floor(millis / 1000))
    : invalid("notBefore", "must be a DateTime or a valid Date")
}

/** The minter of checked credentials that hold an API key; `secretName` names the secret in its errors. */
const signer = (
  credentials: TwilioCredentials.Service,
  secretName: string,
  region: string | undefined
): Effect.Effect<AccessTokens.Service, Config.ConfigError> =>
  Effect.gen(function*() {
    const key = yield* Token.key(secretName, credentials.password)
    const mac = yield* Effect.provide(Effect.service(Mac.Mac), Token.crypto)
    return {
      mint: minter({ accountSid: credentials.accountSid, apiKeySid: credentials.username, region, key, mac })
    }
  })

const make = (options: AccessTokens.Options): Effect.Effect<AccessTokens.Service, Config.ConfigError> =>
  Effect.gen(function*() {
    const credentials = yield* Effect.fromResult(TwilioCredentials.make(options))
    const region = options.region === undefined
      ? undefined
      : yield* Effect.fromResult(check("region", options.region, hostLabelRule))
    return yield* signer(credentials, "apiKeySecret", region)
  })

const minter = (signer: {
  readonly accountSid: string
  readonly apiKeySid: string
  readonly region: string | undefined
  readonly key: Jwk.SecretKey<"HS256">
  readonly mac: Context.Service.Shape<typeof Mac.Mac>
}) =>
(options: AccessTokens.MintOptions): Effect.Effect<Redacted.Redacted<string>, InvalidArgument> =>
  Effect.gen(function*() {
    const { identity, notBefore, room, ttl } = yield* Effect.fromResult(grant(options))
    const iat = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const exp = iat + ttl
    if (notBefore !== undefined && notBefore >= exp) {
      return yield* Effect.fromResult(invalid("notBefore", "must be before the token expires"))
    }
    const claims: typeof Token.Claims.Type = {
      jti: `${signer.apiKeySid}-${iat}`,
      grants: { identity, video: room === undefined ? {} : { room } },
      ...(notBefore === undefined ? {} : { nbf: notBefore }),
      iat,
      exp,
      iss: signer.apiKeySid,
      sub: signer.accountSid
    }
    const header = {
      typ: "JWT",
      cty: Token.contentType,
      ...(signer.region === undefined ? {} : { twr: signer.region })
    }
    // the claims are built here to their own schema and the key is a checked HS256 key: signing
    // cannot fail but by a broken Web Crypto, a defect
    return yield* Jwt.sign(Token.Claims, claims, signer.key, header).pipe(
      Effect.provideService(Mac.Mac, signer.mac),
      Effect.orDie
    )
  }).pipe(Effect.withSpan(operation))

/**
 * Mints Access Tokens for Twilio Video.
 *
 * ```ts
 * const token = yield* AccessTokens.mint({ identity: "alice", room: "DailyStandup" })
 * ```
 *
 * @since 1.1.0
 * @category tags
 */
export class AccessTokens extends Context.Service<AccessTokens, AccessTokens.Service>()(
  "effect-twilio-video/AccessTokens"
) {
  /**
   * A minter for the account and API key given. An invalid option, or a secret that cannot be an
   * HS256 key, is a `ConfigError` naming the option, never its value.
   *
   * @since 1.1.0
   * @category constructors
   */
  static readonly make: (options: AccessTokens.Options) => Effect.Effect<AccessTokens.Service, Config.ConfigError> =
    make

  /**
   * Mints with the API key held by `TwilioCredentials`. Credentials that hold only the account's
   * auth token cannot sign tokens: the layer fails with a `ConfigError` that says so.
   *
   * @since 1.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<AccessTokens, Config.ConfigError, TwilioCredentials> = Layer.effect(
    this,
    Effect.flatMap(Effect.service(TwilioCredentials), (credentials) =>
      Schema.is(ApiKeySid)(credentials.username)
        ? signer(credentials, "apiKeySecret", undefined)
        : Effect.fail(configError("apiKeySid", authTokenOnly)))
  )

  /**
   * Mints with the API key from configuration: `TWILIO_ACCOUNT_SID`, `TWILIO_API_KEY` and
   * `TWILIO_API_SECRET`, read as `TwilioCredentials.config` reads them, and `TWILIO_REGION`
   * (optional) as the token's region (`twr`). A missing or invalid variable fails the layer with a
   * `ConfigError` naming it, never its value.
   *
   * @since 1.1.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<AccessTokens, Config.ConfigError> = Layer.effect(
    this,
    Effect.flatMap(
      Config.all({
        options: TwilioCredentials.config,
        region: Config.option(checked("TWILIO_REGION", hostLabelRule))
      }),
      ({ options, region }) =>
        "authToken" in options
          ? Effect.fail(configError("TWILIO_API_KEY", `is required: ${authTokenOnly}`))
          : Effect.flatMap(
            Effect.fromResult(TwilioCredentials.make(options)),
            (credentials) => signer(credentials, "TWILIO_API_SECRET", Option.getOrUndefined(region))
          )
    )
  )

  /**
   * A signed token for `identity`, for `room` when given, valid for `ttl` seconds (default 3,600, at
   * most 86,400) from now by Effect's `Clock`, and not before `notBefore` when given. An invalid
   * option is `InvalidArgument` naming it, and no token. The token is `Redacted`: it prints as
   * `<redacted>`; `Redacted.value` gives it to the app's response.
   *
   * @since 1.1.0
   * @category accessors
   */
  static readonly mint = (
    options: AccessTokens.MintOptions
  ): Effect.Effect<Redacted.Redacted<string>, InvalidArgument, AccessTokens> =>
    Effect.flatMap(Effect.service(AccessTokens), (tokens) => tokens.mint(options))
}

/**
 * Types that go with `AccessTokens`.
 *
 * @since 1.1.0
 */
export declare namespace AccessTokens {
  /**
   * What `make` takes: the account, the API key that signs, and the region written into each
   * token (`twr`) when the account's data lives in one.
   *
   * @since 1.1.0
   * @category models
   */
  export interface Options {
    readonly accountSid: string
    readonly apiKeySid: string
    readonly apiKeySecret: Redacted.Redacted<string>
    readonly region?: string | undefined
  }

  /**
   * What `mint` takes: who joins, the room they may join (a name or a Room SID; any room when
   * absent), how many seconds the token lives (1 to 86,400, default 3,600), and the moment before
   * which it is not valid.
   *
   * @since 1.1.0
   * @category models
   */
  export interface MintOptions {
    readonly identity: string
    readonly room?: string | undefined
    readonly ttl?: number | undefined
    readonly notBefore?: DateTime.DateTime | Date | undefined
  }

  /**
   * The service: `mint` signs one token.
   *
   * @since 1.1.0
   * @category models
   */
  export interface Service {
    readonly mint: (options: MintOptions) => Effect.Effect<Redacted.Redacted<string>, InvalidArgument>
  }
}
