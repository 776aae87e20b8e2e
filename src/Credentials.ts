/**
 * Twilio credentials: an account SID with its auth token, or with an API key and secret.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { check, checked } from "./internal/option.js"
import type { Check } from "./internal/option.js"
import { AccountSid, ApiKeySid } from "./Sid.js"

/**
 * What `layer` takes: the account's auth token, or an API key and its secret.
 *
 * @since 0.1.0
 * @category models
 */
export type Options =
  | { readonly accountSid: string; readonly authToken: Redacted.Redacted<string> }
  | {
    readonly accountSid: string
    readonly apiKeySid: string
    readonly apiKeySecret: Redacted.Redacted<string>
  }

/**
 * The credentials in the form Basic auth uses. The password stays `Redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly accountSid: AccountSid
  /** The Basic auth user name: the API key SID, or the account SID with an auth token. */
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

const sidRule = (is: (u: unknown) => boolean, prefix: string): Check<string> => (value) =>
  is(value) ? undefined : `must be "${prefix}" followed by 32 hexadecimal digits`

const accountSidRule = sidRule(Schema.is(AccountSid), "AC")
const apiKeySidRule = sidRule(Schema.is(ApiKeySid), "SK")

/** Basic auth encodes `user:password` as Latin-1 (`btoa`): a secret outside it could never be sent. */
const secretRule: Check<string> = (value) => {
  if (value === "") return "must not be empty"
  return /^[\u0000-\u00ff]*$/.test(value) ? undefined : "must hold only Latin-1 characters"
}

const checkSecret = (name: string, secret: Redacted.Redacted<string>) =>
  Either.map(check(name, Redacted.value(secret), secretRule), () => secret)

/** A secret from the environment, checked as a string and then wrapped, so that its error names the variable. */
const secretConfig = (name: string) => Config.map(checked(Config.string(name), secretRule), Redacted.make)

/**
 * Checks the options and turns them into `Credentials`. Errors name the option and the rule,
 * never the value.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Either.Either<Credentials, ConfigError.ConfigError> =>
  Either.gen(function*() {
    // the rule is the AccountSid schema's own check
    const accountSid = (yield* check("accountSid", options.accountSid, accountSidRule)) as AccountSid
    if ("authToken" in options) {
      return { accountSid, username: accountSid, password: yield* checkSecret("authToken", options.authToken) }
    }
    return {
      accountSid,
      username: yield* check("apiKeySid", options.apiKeySid, apiKeySidRule),
      password: yield* checkSecret("apiKeySecret", options.apiKeySecret)
    }
  })

/**
 * The credentials read from configuration: `TWILIO_ACCOUNT_SID`, with either `TWILIO_API_KEY` and
 * `TWILIO_API_SECRET`, or `TWILIO_AUTH_TOKEN`. An API key, when present, wins. Each variable is
 * checked as the option it stands for.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  accountSid: checked(Config.string("TWILIO_ACCOUNT_SID"), accountSidRule),
  apiKeySid: Config.option(checked(Config.string("TWILIO_API_KEY"), apiKeySidRule)),
  apiKeySecret: Config.option(secretConfig("TWILIO_API_SECRET")),
  authToken: Config.option(secretConfig("TWILIO_AUTH_TOKEN"))
}).pipe(
  Config.mapOrFail(
    ({ accountSid, apiKeySecret, apiKeySid, authToken }): Either.Either<Options, ConfigError.ConfigError> => {
      if (Option.isSome(apiKeySid)) {
        return Option.isSome(apiKeySecret)
          ? Either.right({ accountSid, apiKeySid: apiKeySid.value, apiKeySecret: apiKeySecret.value })
          : Either.left(
            ConfigError.MissingData(["TWILIO_API_SECRET"], "TWILIO_API_SECRET is required with TWILIO_API_KEY")
          )
      }
      return Option.isSome(authToken)
        ? Either.right({ accountSid, authToken: authToken.value })
        : Either.left(
          ConfigError.MissingData(
            ["TWILIO_AUTH_TOKEN"],
            "Set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET"
          )
        )
    }
  )
)

/**
 * The credentials service.
 *
 * @since 0.1.0
 * @category tags
 */
export class TwilioCredentials extends Context.Tag("effect-twilio-video/TwilioCredentials")<
  TwilioCredentials,
  Credentials
>() {
  /**
   * Credentials given in code. A malformed SID fails the layer with a `ConfigError` naming the option.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer = (options: Options): Layer.Layer<TwilioCredentials, ConfigError.ConfigError> =>
    Layer.effect(this, make(options))

  /**
   * Credentials from the environment (see `config`). A missing or malformed variable fails the
   * layer with a `ConfigError` naming it, never its value.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<TwilioCredentials, ConfigError.ConfigError> = Layer.effect(
    this,
    Effect.flatMap(config, make)
  )
}
