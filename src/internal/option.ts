import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Either from "effect/Either"

/**
 * The rule of one option: its value, perhaps refined (an `AccountSid`), or what is wrong with it,
 * said without the value (it may be a secret).
 */
export type Rule<A, B extends A = A> = (value: A) => Either.Either<B, string>

/** A rule from a type guard. */
export const refine = <A, B extends A>(is: (value: A) => value is B, problem: string): Rule<A, B> => (value) =>
  is(value) ? Either.right(value) : Either.left(problem)

/** Checks an option given in code: a `ConfigError` naming the option and the rule, never the value. */
export const check = <A, B extends A>(
  name: string,
  value: A,
  rule: Rule<A, B>
): Either.Either<B, ConfigError.ConfigError> =>
  Either.mapLeft(rule(value), (problem) => ConfigError.InvalidData([name], `${name} ${problem}`))

/**
 * A config checked where it is read, so that its error names the variable once (the provider adds
 * the variable's name to the path).
 */
export const checked = <A, B extends A>(config: Config.Config<A>, rule: Rule<A, B>): Config.Config<B> =>
  Config.mapOrFail(config, (value) => Either.mapLeft(rule(value), (problem) => ConfigError.InvalidData([], problem)))
