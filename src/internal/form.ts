/**
 * Parameters sent as Twilio reads them, in a query (list filters) or a form body (writes), from one
 * declaration each: a `Schema.Struct` of optional camelCase fields, whose checks run before any
 * request. `uniqueName` is sent as `UniqueName`; a date as RFC 3339; an array as the key repeated;
 * an object as JSON.
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { clip } from "./clip.js"
import { formatTimestamp } from "./date.js"

/** A date a filter or body takes: a `DateTime`, or a valid `Date`. */
export const DateInput = Schema.Union(
  Schema.DateTimeUtcFromSelf,
  Schema.DateTimeZonedFromSelf,
  Schema.ValidDateFromSelf
).annotations({ description: "a DateTime or a valid Date" })

/** The pairs to send, in order; a key repeats for each item of an array. */
export type Pairs = ReadonlyArray<readonly [string, string]>

/** An argument that cannot be sent, and why. */
export interface Problem {
  readonly argument: string
  readonly reason: string
}

const pascalCase = (key: string) => key.charAt(0).toUpperCase() + key.slice(1)

/** A value as Twilio reads it: a date as a timestamp, a string as it is, anything else as JSON. */
const text = (value: unknown): string => {
  if (DateTime.isDateTime(value)) return formatTimestamp(DateTime.toEpochMillis(value))
  if (value instanceof Date) return formatTimestamp(value.getTime())
  return typeof value === "string" ? value : JSON.stringify(value)
}

/**
 * The encoder of a declaration: the pairs of the parameters it declares (others are ignored), or
 * the first one its schema refuses.
 */
export const encoder = <Fields extends Schema.Struct.Fields>(declaration: Schema.Struct<Fields>) => {
  const fields = Object.entries(declaration.fields).map(([key, field]) => {
    const signature = Schema.isSchema(field) ? undefined : (field as Schema.PropertySignature.Any).ast
    if (signature !== undefined && signature._tag !== "PropertySignatureDeclaration") {
      throw new Error(`${key}: a parameter is a schema or an optional one, without a transformation`)
    }
    const ast = signature === undefined ? (field as Schema.Schema.Any).ast : signature.type
    // what a value must be: the field's description, or its schema; an optional field also takes undefined
    const held = AST.isUnion(ast) ? AST.Union.make(ast.types.filter((t) => !AST.isUndefinedKeyword(t))) : ast
    const expected = AST.getDescriptionAnnotation(held).pipe(Option.getOrElse(() => String(held)))
    return { key, name: pascalCase(key), is: Schema.is(Schema.make(ast)), expected }
  })
  return (params: Readonly<Record<string, unknown>>): Either.Either<Pairs, Problem> => {
    const pairs: Array<readonly [string, string]> = []
    for (const { expected, is, key, name } of fields) {
      const value = params[key]
      if (value === undefined) continue
      if (!is(value)) return Either.left({ argument: key, reason: clip(`must be ${expected}`) })
      if (Array.isArray(value)) { for (const item of value) pairs.push([name, text(item)]) }
      else pairs.push([name, text(value)])
    }
    return Either.right(pairs)
  }
}
