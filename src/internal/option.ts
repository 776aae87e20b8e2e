import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"

/**
 * The rule of one option: its value, perhaps refined (an `AccountSid`), or what is wrong with it,
 * said without the value (it may be a secret).
 */
export type Rule<A, B extends A = A> = (value: A) => Result.Result<B, string>

/** A rule from a type guard. */
export const refine = <A, B extends A>(is: (value: A) => value is B, problem: string): Rule<A, B> => (value) =>
  is(value) ? Result.succeed(value) : Result.fail(problem)

/**
 * A `Config.ConfigError` at `name` saying `message`, and never the value: the issue carries no
 * input, so no formatter can print it.
 */
export const configError = (name: string, message: string): Config.ConfigError =>
  new Config.ConfigError(
    new Schema.SchemaError(new SchemaIssue.Pointer([name], new SchemaIssue.InvalidValue({ message })))
  )

/** Checks an option given in code: a `ConfigError` naming the option and the rule, never the value. */
export const check = <A, B extends A>(
  name: string,
  value: A,
  rule: Rule<A, B>
): Result.Result<B, Config.ConfigError> =>
  Result.mapError(rule(value), (problem) => configError(name, `${name} ${problem}`))

/** The variable `name`, checked where it is read, so that its error names the variable. */
export const checked = <B extends string>(name: string, rule: Rule<string, B>): Config.Config<B> =>
  Config.String(name).pipe(
    Config.mapEffect((value) =>
      Result.match(rule(value), {
        onFailure: (problem) => Effect.fail(configError(name, problem)),
        onSuccess: Effect.succeed
      })
    )
  )

/**
 * An absolute `http:` or `https:` URL with no query or fragment: a base that paths are added to.
 * `credentials: "refused"` also refuses a user name or password in it.
 */
export const httpUrlRule = (options: { readonly credentials: "allowed" | "refused" }): Rule<string> => (value) => {
  if (!URL.canParse(value)) return Result.fail("is not an absolute URL")
  const url = new URL(value)
  if (url.protocol !== "https:" && url.protocol !== "http:") return Result.fail("must be http: or https:")
  if (options.credentials === "refused" && (url.username !== "" || url.password !== "")) {
    return Result.fail("must not carry credentials")
  }
  if (url.search !== "" || url.hash !== "") return Result.fail("must not have a query or fragment")
  return Result.succeed(value)
}

/** A whole number (a safe integer) of at least `least`. */
export const wholeNumberRule = (least: number): Rule<number> => (value) =>
  Number.isSafeInteger(value) && value >= least
    ? Result.succeed(value)
    : Result.fail(`must be a whole number of at least ${least}`)

/** One label of a host name: `ie1`, `dublin`. Anchored, so that no value can move the host. */
const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/** A region or edge: one label of a host name. */
export const hostLabelRule: Rule<string> = (value) =>
  hostLabel.test(value) ? Result.succeed(value) : Result.fail("is not a valid host name label")
