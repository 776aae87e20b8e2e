/** Small generators on Effect's own `Arbitrary`, and a property check that also counts its runs. */
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

/** An integer from `minimum` to `maximum`. */
export const integer = (minimum: number, maximum: number): Arbitrary.Arbitrary<number> =>
  Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum, maximum })))

/** One of `values`, each as likely. */
export const constantFrom = <const A extends ReadonlyArray<unknown>>(...values: A): Arbitrary.Arbitrary<A[number]> =>
  integer(0, values.length - 1).pipe(Arbitrary.map((i) => values[i]))

/** A value of one of `arbitraries`, each as likely. */
export const oneOf = <A>(...arbitraries: ReadonlyArray<Arbitrary.Arbitrary<A>>): Arbitrary.Arbitrary<A> =>
  constantFrom(...arbitraries).pipe(Arbitrary.flatMap((arbitrary) => arbitrary))

/** A string of `minLength` to `maxLength` UTF-16 code units. */
export const string = (minLength: number, maxLength: number): Arbitrary.Arbitrary<string> =>
  Arbitrary.schema(Schema.String.check(Schema.isBetweenLength(minLength, maxLength)))

/**
 * Checks `property` on `runs` values of `arbitrary`: a failed assertion fails the test, with the
 * value shrunk (as `it.prop` does, for tests that also count what the values reached).
 */
export const check = <A>(arbitrary: Arbitrary.Arbitrary<A>, property: (value: A) => void, runs: number) =>
  Arbitrary.checkEffect(
    arbitrary,
    (value) =>
      Effect.try({
        try: () => {
          property(value)
          return true
        },
        catch: (error) => error
      }),
    { runs }
  ).pipe(Effect.flatMap((result) =>
    result._tag === "Passed" && result.runs === runs
      ? Effect.void
      : Effect.die(new Error(Arbitrary.formatCheckFailure(result) ?? `${result._tag} after fewer runs than ${runs}`))
  ))
