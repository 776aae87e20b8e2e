/**
 * A resource's model, derived from the one declaration of its wire form: a `Schema.Struct` of
 * Twilio's snake_case fields, with checks but no transformations. From it come the public type
 * (camelCase keys, `DateTime.Utc` for timestamps, `Option` for what Twilio sends as `null`), the
 * public schema, the decoder and the emulator's writer. A field added to the declaration reaches
 * all of them.
 */
import type * as Brand from "effect/Brand"
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as SchemaGetter from "effect/SchemaGetter"
import * as SchemaTransformation from "effect/SchemaTransformation"
import { compile } from "./compile.js"
import type { Predicate } from "./compile.js"
import { formatTimestamp, parseTimestamp } from "./date.js"

/**
 * Timestamps as generators write them: whole seconds from 2000 to 2099, in UTC, each day of a month
 * one that every month has.
 */
const timestampPattern = /^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$/

/**
 * A date and time as Twilio sends it: RFC 3339 (`2017-12-13T23:46:36Z`). The model holds it as a
 * `DateTime.Utc`.
 */
export const Timestamp = Schema.String.pipe(
  Schema.check(Schema.makeFilter((text: string) => parseTimestamp(text) !== undefined, {
    message: "Expected an RFC 3339 date and time, such as 2017-12-13T23:46:36Z",
    arbitraryConstraint: { patterns: [timestampPattern] }
  })),
  Schema.brand("Timestamp")
)

/** The whole seconds generators draw timestamps from: 2000 to 2099, as `timestampPattern`'s years. */
const arbitrarySeconds = Schema.Int.check(
  Schema.isBetween({ minimum: Date.UTC(2000, 0, 1) / 1000, maximum: Date.UTC(2100, 0, 1) / 1000 - 1 })
)

/** A timestamp as the model holds it; generated, one Twilio could send (a date a `Timestamp` reads). */
const TimestampInModel = Schema.DateTimeUtc.annotate({
  toCodecArbitrary: () =>
    Schema.link<DateTime.Utc>()(arbitrarySeconds, {
      decode: SchemaGetter.transform((seconds) => DateTime.makeUnsafe(seconds * 1000)),
      encode: SchemaGetter.transform((date) => Math.floor(DateTime.toEpochMillis(date) / 1000))
    })
})

/** URLs as generators write them. */
const urlPattern = /^https:\/\/[a-z]{1,12}\.example\.com(\/[A-Za-z0-9]{1,8}){0,3}$/

/** An absolute URL, kept as a string. */
export const AbsoluteUrl = Schema.String.pipe(
  Schema.check(Schema.makeFilter((text: string) => URL.canParse(text), {
    message: "Expected an absolute URL",
    arbitraryConstraint: { patterns: [urlPattern] }
  }))
)

/** `participant_sid` as `participantSid`. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

type Held<T> = T extends Brand.Brand<"Timestamp"> ? DateTime.Utc : T

/** A wire value as the model holds it: a timestamp as a `DateTime.Utc`, a nullable value as an `Option`. */
export type ModelValue<T> = null extends T ? Option.Option<Held<Exclude<T, null>>> : Held<T>

/** The model of a wire struct's fields. */
export type ModelOf<Fields extends Schema.Struct.Fields> = {
  readonly [K in keyof Fields & string as CamelCase<K>]: ModelValue<Fields[K]["Type"]>
}

/** What a field reader gives for a wire value its schema refuses. */
const refused: unique symbol = Symbol("refused")

/**
 * How a wire value is read into the model and written back: one triple a kind of field. `read`
 * takes a value the wire schema accepts; `check` takes any value, and gives what `read` would, or
 * `refused` exactly where the wire schema refuses it: the fast path, one pass a field.
 */
interface Codec {
  readonly read: (wire: unknown) => unknown
  readonly check: (wire: unknown) => unknown
  readonly write: (model: unknown) => unknown
}

const identity = (predicate: Predicate): Codec => ({
  read: (value) => value,
  check: (value) => predicate(value) ? value : refused,
  write: (value) => value
})

/** The `DateTime.Utc` of a valid epoch. */
export const utcOfMillis = (millis: number): DateTime.Utc => DateTime.makeUnsafe(millis)

/** The `Timestamp` refinement's own check is `parseTimestamp`: here it is also the read, so each date is parsed once. */
const timestamp: Codec = {
  read: (text) => utcOfMillis(parseTimestamp(text as string)!),
  check: (text) => {
    const millis = typeof text === "string" ? parseTimestamp(text) : undefined
    return millis === undefined ? refused : utcOfMillis(millis)
  },
  write: (date) => formatTimestamp(DateTime.toEpochMillis(date as DateTime.Utc))
}

const none = Option.none()

/** `null` on the wire as `Option.none()` in the model. */
const nullable = (codec: Codec): Codec => ({
  read: (value) => value === null ? none : Option.some(codec.read(value)),
  check: (value) => {
    if (value === null) return none
    const checked = codec.check(value)
    return checked === refused ? refused : Option.some(checked)
  },
  write: (value) => Option.match(value as Option.Option<unknown>, { onNone: () => null, onSome: codec.write })
})

interface Field {
  readonly wire: string
  readonly model: string
  readonly codec: Codec
  /** The field's schema in the model. */
  readonly schema: Schema.Top
}

/** A wire field's codec and model schema, from its schema: a timestamp, a nullable value, or a plain one. */
const fieldOf = (wire: string, ast: AST.AST): Field => {
  const plain = (held: AST.AST) =>
    held === Timestamp.ast
      ? { codec: timestamp, schema: TimestampInModel }
      : { codec: identity(compile(held)), schema: Schema.toType(Schema.make(held)) }
  const others = AST.isUnion(ast) && ast.types.some(AST.isNull) ? ast.types.filter((member) => !AST.isNull(member)) : []
  if (others.length === 1) {
    const { codec, schema } = plain(others[0]!)
    return { wire, model: camelCase(wire), codec: nullable(codec), schema: Schema.Option(schema) }
  }
  return { wire, model: camelCase(wire), ...plain(ast) }
}

/** `participant_sid` as `participantSid`. */
export const camelCase = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/**
 * How a schema decodes what the fast path refused: its issues hold the values they refuse, so that a
 * `DecodeError` names what came (Effect 4 leaves them out unless asked).
 */
export const decodeOptions: AST.ParseOptions = { reportInput: true }

/** A resource's model: its wire declaration and everything derived from it. */
export interface Model<Fields extends Schema.Struct.Fields> {
  /** The wire form, as Twilio sends it. */
  readonly wire: Schema.Struct<Fields>
  /** The key of the items in a page's body: `published_tracks`. */
  readonly pageKey: string
  /** The public schema: the wire form, decoded into the model. */
  readonly schema: Schema.Codec<ModelOf<Fields>, Schema.Struct.Encoded<Fields>>
  /** Renames a checked wire value into the model, in one pass; cannot fail. */
  readonly fromWire: (wire: Schema.Struct.Type<Fields>) => ModelOf<Fields>
  /** Writes the model in its wire form, as Twilio does. */
  readonly toWire: (model: ModelOf<Fields>) => Schema.Struct.Encoded<Fields>
  /**
   * The fast path: each field checked by the predicates compiled from the wire schema and renamed,
   * in one pass; `undefined` exactly where the wire schema refuses the input.
   */
  readonly accept: (input: unknown) => ModelOf<Fields> | undefined
  /**
   * Decodes one value as `schema` does: by `accept`, and what it refuses again by `schema`, so that
   * the error is exactly the schema's.
   */
  readonly decode: (input: unknown) => Result.Result<ModelOf<Fields>, Schema.SchemaError>
}

/** Derives a resource's model from its wire declaration, named `identifier`, listed under `pageKey`. */
export const make = <Fields extends Schema.Struct.Fields>(
  wire: Schema.Struct<Fields>,
  identifier: string,
  pageKey: string
): Model<Fields> => {
  const fields = Object.entries(wire.fields).map(([key, field]) => {
    if (!Schema.isSchema(field)) throw new Error(`${identifier}.${key}: a wire field is a plain schema, never absent`)
    return fieldOf(key, field.ast)
  })
  const modelFields = Object.fromEntries(fields.map((field) => [field.model, field.schema]))

  const fromWire = (input: Schema.Struct.Type<Fields>): ModelOf<Fields> => {
    const out: Record<string, unknown> = {}
    for (const field of fields) out[field.model] = field.codec.read((input as Record<string, unknown>)[field.wire])
    return out as ModelOf<Fields>
  }

  const toWire = (input: ModelOf<Fields>): Schema.Struct.Encoded<Fields> => {
    const out: Record<string, unknown> = {}
    for (const field of fields) out[field.wire] = field.codec.write((input as Record<string, unknown>)[field.model])
    return out as Schema.Struct.Encoded<Fields>
  }

  const schema = wire.pipe(
    Schema.decodeTo(
      Schema.Struct(modelFields),
      SchemaTransformation.transform<Record<string, unknown>, Schema.Struct.Type<Fields>>({
        decode: (input) => fromWire(input),
        encode: (input) => toWire(input as ModelOf<Fields>) as unknown as Schema.Struct.Type<Fields>
      })
    ),
    Schema.annotate({ identifier })
  ) as unknown as Schema.Codec<ModelOf<Fields>, Schema.Struct.Encoded<Fields>>

  const accept = (input: unknown) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined
    const out: Record<string, unknown> = {}
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!
      const checked = field.codec.check((input as Record<string, unknown>)[field.wire])
      if (checked === refused) return undefined
      out[field.model] = checked
    }
    return out as ModelOf<Fields>
  }
  const decodeSchema = Schema.decodeUnknownResult(schema, decodeOptions)
  return {
    wire,
    pageKey,
    schema,
    fromWire,
    toWire,
    accept,
    decode: (input) => {
      const accepted = accept(input)
      return accepted === undefined ? decodeSchema(input) : Result.succeed(accepted)
    }
  }
}
