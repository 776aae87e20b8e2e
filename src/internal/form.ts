/**
 * Parameters sent as Twilio reads them, in a query (list filters) or a form body (writes), from one
 * declaration each: a `Schema.Struct` of optional camelCase fields, whose checks run before any
 * request. `uniqueName` is sent as `UniqueName`; a date as RFC 3339; an array as the key repeated;
 * an object as JSON.
 */
import * as DateTime from "effect/DateTime"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import { clip } from "./clip.js"
import { formatTimestamp } from "./date.js"

/** A date a filter or body takes: a `DateTime`, or a valid `Date`. */
export const DateInput = Schema.Union([Schema.DateTimeUtc, Schema.DateTimeZoned, Schema.Date]).annotate({
  description: "a DateTime or a valid Date"
})

/** The pairs to send, in order; a key repeats for each item of an array. */
export type Pairs = ReadonlyArray<readonly [string, string]>

/** An argument that cannot be sent, and why. */
export interface Problem {
  readonly argument: string
  readonly reason: string
}

/** A parameter's name as Twilio reads it: `uniqueName` as `UniqueName`. */
export const pascalCase = (key: string) => key.charAt(0).toUpperCase() + key.slice(1)

/** Why a string cannot be sent, or `undefined`: a lone surrogate would be sent as U+FFFD. */
export const unsendable = (text: string): string | undefined =>
  text.isWellFormed() ? undefined : "must be well-formed Unicode (it holds a lone surrogate)"

/**
 * A value as Twilio reads it, or why it cannot be sent: a date as a timestamp, a string as it is
 * (well-formed Unicode only), an object as its JSON text, which must be a JSON object, anything else
 * as JSON.
 */
const text = (value: unknown): Result.Result<string, string> => {
  if (DateTime.isDateTime(value)) return Result.succeed(formatTimestamp(DateTime.toEpochMillis(value)))
  if (value instanceof Date) return Result.succeed(formatTimestamp(value.getTime()))
  if (typeof value === "string") {
    const reason = unsendable(value)
    return reason === undefined ? Result.succeed(value) : Result.fail(reason)
  }
  if (typeof value !== "object" || value === null) return Result.succeed(JSON.stringify(value))
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch (error) {
    // a BigInt, a cycle, a getter or toJSON that throws
    return Result.fail(`must serialise to a JSON object (${error instanceof Error ? error.message : "it throws"})`)
  }
  // toJSON may give anything: undefined (nothing would be sent), an array, a string…
  return json !== undefined && json.startsWith("{")
    ? Result.succeed(json)
    : Result.fail("must serialise to a JSON object")
}

/** A declared parameter: its key, its name as Twilio reads it, and the schema a given value must meet. */
export interface Parameter {
  readonly key: string
  readonly name: string
  readonly ast: AST.AST
}

/**
 * The parameters of a declaration, each with the schema of a value it is given (an optional one's
 * `undefined` left out): what the encoder checks and what the emulator reads a form by.
 */
export const parameters = <Fields extends Schema.Struct.Fields>(
  declaration: Schema.Struct<Fields>
): ReadonlyArray<Parameter> =>
  Object.entries(declaration.fields).map(([key, field]) => {
    const ast = (field as Schema.Top).ast
    if (ast.encoding !== undefined) {
      throw new Error(`${key}: a parameter is a schema or an optional one, without a transformation`)
    }
    // an optional parameter is its schema or undefined: the schema a given value meets is the former
    const members = AST.isUnion(ast) && AST.isOptional(ast) ? ast.types.filter((t) => !AST.isUndefined(t)) : [ast]
    const held = members.length === 1 || !AST.isUnion(ast) ? members[0]! : new AST.Union(members, ast.options)
    return { key, name: pascalCase(key), ast: held }
  })

/**
 * What a value of a schema without a description must be, in words: "a string", "a boolean", a
 * union of literals as `"GET" | "POST"`, an array as `ReadonlyArray<…>`.
 */
const expectedOf = (ast: AST.AST): string => {
  if (AST.isString(ast)) return "a string"
  if (AST.isNumber(ast)) return "a number"
  if (AST.isBoolean(ast)) return "a boolean"
  if (AST.isArrays(ast) && ast.elements.length === 0 && ast.rest.length === 1) {
    return `ReadonlyArray<${AST.resolveAt<string>("description")(ast.rest[0]!) ?? expectedOf(ast.rest[0]!)}>`
  }
  return SchemaIssue.defaultLeafHook(new SchemaIssue.InvalidType(ast)).replace(/^Expected /, "")
}

/**
 * The encoder of a declaration: the pairs of the parameters it declares (others are ignored), or
 * the first one its schema refuses, or that cannot be sent as it is.
 */
export const encoder = <Fields extends Schema.Struct.Fields>(declaration: Schema.Struct<Fields>) => {
  const fields = parameters(declaration).map(({ ast, key, name }) => {
    // what a value must be: the field's description, or its schema (an absent one is never checked)
    const expected = AST.resolveAt<string>("description")(ast) ?? expectedOf(ast)
    return { key, name, is: Schema.is(Schema.make(ast)), expected }
  })
  /** The pairs of one parameter, or why it cannot be sent. */
  const pairsOf = (field: typeof fields[number], value: unknown): Result.Result<Pairs, string> => {
    let valid: boolean
    try {
      valid = field.is(value)
    } catch {
      // a getter or proxy that throws while the schema reads it
      valid = false
    }
    if (!valid) return Result.fail(`must be ${field.expected}`)
    const items: ReadonlyArray<unknown> = Array.isArray(value) ? value : [value]
    return Result.all(items.map((item) => Result.map(text(item), (t) => [field.name, t] as const)))
  }
  return (params: Readonly<Record<string, unknown>>): Result.Result<Pairs, Problem> => {
    const pairs: Array<readonly [string, string]> = []
    for (const field of fields) {
      const value = params[field.key]
      if (value === undefined) continue
      const sent = pairsOf(field, value)
      if (Result.isFailure(sent)) return Result.fail({ argument: field.key, reason: clip(sent.failure) })
      pairs.push(...sent.success)
    }
    return Result.succeed(pairs)
  }
}
