/**
 * Twilio credentials: an account SID with its auth token, or with an API key and secret.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { check, checked, configError, refine } from "./internal/option.js"
import type { Rule } from "./internal/option.js"
import { AccountSid, ApiKeySid } from "./Sid.js"

const sidRule = <S extends string>(schema: Schema.Codec<S, string>, prefix: string): Rule<string, S> =>
  refine(Schema.is(schema), `must be "${prefix}" followed by 32 hexadecimal digits`)

const accountSidRule = sidRule(AccountSid, "AC")
const apiKeySidRule = sidRule(ApiKeySid, "SK")

/** Basic auth encodes `user:password` as Latin-1 (`btoa`): a secret outside it could never be sent. */
const secretRule: Rule<string> = (value) => {
  if (value === "") return Result.fail("must not be empty")
  return /^[\u0000-\u00ff]*$/.test(value) ? Result.succeed(value) : Result.fail("must hold only Latin-1 characters")
}

const checkSecret = (name: string, secret: Redacted.Redacted<string>) =>
  Result.map(check(name, Redacted.value(secret), secretRule), () => secret)

/** A secret from configuration, checked as a string and then wrapped, so that its error names the variable. */
const secretConfig = (name: string) => Config.map(checked(name, secretRule), (value) => Redacted.make(value))

const make = (options: TwilioCredentials.Options): Result.Result<TwilioCredentials.Service, Config.ConfigError> =>
  Result.gen(function*() {
    const accountSid = yield* check("accountSid", options.accountSid, accountSidRule)
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
 * The credentials service.
 *
 * ```ts
 * TwilioCredentials.layer({ accountSid, authToken: Redacted.make(token) })
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class TwilioCredentials extends Context.Service<TwilioCredentials, TwilioCredentials.Service>()(
  "effect-twilio-video/TwilioCredentials"
) {
  /**
   * Checks the options and turns them into the credentials Basic auth sends. An invalid option is a
   * `ConfigError` naming the option and the rule, never the value.
   *
   * @since 0.2.0
   * @category constructors
   */
  static readonly make: (
    options: TwilioCredentials.Options
  ) => Result.Result<TwilioCredentials.Service, Config.ConfigError> = make

  /**
   * The options read from configuration: `TWILIO_ACCOUNT_SID`, with either `TWILIO_API_KEY` and
   * `TWILIO_API_SECRET`, or `TWILIO_AUTH_TOKEN`. An API key, when present, wins. Each variable is
   * checked as the option it stands for.
   *
   * @since 0.2.0
   * @category config
   */
  static readonly config: Config.Config<TwilioCredentials.Options> = Config.all({
    accountSid: checked("TWILIO_ACCOUNT_SID", accountSidRule),
    apiKeySid: Config.option(checked("TWILIO_API_KEY", apiKeySidRule)),
    apiKeySecret: Config.option(secretConfig("TWILIO_API_SECRET")),
    authToken: Config.option(secretConfig("TWILIO_AUTH_TOKEN"))
  }).pipe(
    Config.mapEffect(
      (
        { accountSid, apiKeySecret, apiKeySid, authToken }
      ): Effect.Effect<TwilioCredentials.Options, Config.ConfigError> => {
        if (Option.isSome(apiKeySid)) {
          return Option.isSome(apiKeySecret)
            ? Effect.succeed({ accountSid, apiKeySid: apiKeySid.value, apiKeySecret: apiKeySecret.value })
            : Effect.fail(configError("TWILIO_API_SECRET", "is required with TWILIO_API_KEY"))
        }
        return Option.isSome(authToken)
          ? Effect.succeed({ accountSid, authToken: authToken.value })
          : Effect.fail(
            configError("TWILIO_AUTH_TOKEN", "is required, or TWILIO_API_KEY and TWILIO_API_SECRET")
          )
      }
    )
  )

  /**
   * Credentials given in code. An invalid option fails the layer with a `ConfigError` naming it.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer = (
    options: TwilioCredentials.Options
  ): Layer.Layer<TwilioCredentials, Config.ConfigError> => Layer.effect(this, Effect.fromResult(make(options)))

  /**
   * Credentials from configuration (see `config`). A missing or invalid variable fails the layer
   * with a `ConfigError` naming it, never its value.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<TwilioCredentials, Config.ConfigError> = Layer.effect(
    this,
    Effect.flatMap(this.config, (options) => Effect.fromResult(make(options)))
  )
}

/**
 * Types that go with `TwilioCredentials`.
 *
 * @since 0.2.0
 */
export declare namespace TwilioCredentials {
  /**
   * What `layer` takes: the account's auth token, or an API key and its secret.
   *
   * @since 0.2.0
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
   * The credentials as Basic auth sends them: what the `TwilioCredentials` tag holds. The password
   * stays `Redacted`.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Service {
    readonly accountSid: AccountSid
    /** The Basic auth user name: the API key SID, or the account SID with an auth token. */
    readonly username: string
    readonly password: Redacted.Redacted<string>
  }
}
