import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Either from "effect/Either"

/**
 * A check of one option's value: `undefined` when it is fine, otherwise what is wrong with it, said
 * without the value (it may be a secret).
 */
export type Check<A> = (value: A) => string | undefined

/** An option given in code that fails its check: a `ConfigError` naming the option and the rule. */
export const invalid = (name: string, problem: string): ConfigError.ConfigError =>
  ConfigError.InvalidData([name], `${name} ${problem}`)

/** Checks an option given in code, under its name. */
export const check = <A>(name: string, value: A, rule: Check<A>): Either.Either<A, ConfigError.ConfigError> => {
  const problem = rule(value)
  return problem === undefined ? Either.right(value) : Either.left(invalid(name, problem))
}

/**
 * A config checked where it is read, so that its error names the variable once (the provider adds
 * the variable's name to the path).
 */
export const checked = <A>(config: Config.Config<A>, rule: Check<A>): Config.Config<A> =>
  Config.mapOrFail(config, (value) => {
    const problem = rule(value)
    return problem === undefined ? Either.right(value) : Either.left(ConfigError.InvalidData([], problem))
  })
