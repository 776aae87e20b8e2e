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
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
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

const isAccountSid = Schema.is(AccountSid)
const isApiKeySid = Schema.is(ApiKeySid)

const accountSidProblem = "must be \"AC\" followed by 32 hexadecimal digits"
const apiKeyProblem = "must be \"SK\" followed by 32 hexadecimal digits"

/**
 * Checks the options and turns them into `Credentials`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Either.Either<Credentials, ConfigError.ConfigError> => {
  // The message names the option and the rule, never the value.
  const invalid = (name: string, problem: string) => Either.left(ConfigError.InvalidData([name], `${name} ${problem}`))
  const { accountSid } = options
  if (!isAccountSid(accountSid)) return invalid("accountSid", accountSidProblem)
  if ("authToken" in options) {
    return Either.right({ accountSid, username: accountSid, password: options.authToken })
  }
  if (!isApiKeySid(options.apiKeySid)) return invalid("apiKeySid", apiKeyProblem)
  return Either.right({ accountSid, username: options.apiKeySid, password: options.apiKeySecret })
}

const sidConfig = (name: string, isValid: (u: string) => boolean, problem: string) =>
  Config.string(name).pipe(
    Config.mapOrFail((value) =>
      isValid(value)
        ? Either.right(value)
        // The message names the variable and the rule, never the value.
        : Either.left(ConfigError.InvalidData([name], `${name} ${problem}`))
    )
  )

/**
 * The credentials read from configuration: `TWILIO_ACCOUNT_SID`, with either `TWILIO_API_KEY` and
 * `TWILIO_API_SECRET`, or `TWILIO_AUTH_TOKEN`. An API key, when present, wins.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  accountSid: sidConfig("TWILIO_ACCOUNT_SID", isAccountSid, accountSidProblem),
  apiKeySid: Config.option(sidConfig("TWILIO_API_KEY", isApiKeySid, apiKeyProblem)),
  apiKeySecret: Config.option(Config.redacted("TWILIO_API_SECRET")),
  authToken: Config.option(Config.redacted("TWILIO_AUTH_TOKEN"))
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
