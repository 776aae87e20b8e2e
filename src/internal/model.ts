/**
 * A resource's model, derived from the one declaration of its wire form: a `Schema.Struct` of
 * Twilio's snake_case fields, with checks but no transformations. From it come the public type
 * (camelCase keys, `DateTime.Utc` for timestamps, `Option` for what Twilio sends as `null`), the
 * public schema, the decoder and the emulator's writer. A field added to the declaration reaches
 * all of them.
 */
import type * as Brand from "effect/Brand"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { compile } from "./compile.js"
import type { Predicate } from "./compile.js"
import { formatTimestamp, parseTimestamp } from "./date.js"

/** Generated timestamps: whole seconds from 2000 to 2099, as Twilio's are. */
const arbitrarySeconds = { min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 - 1 }

/**
 * A date and time as Twilio sends it: RFC 3339 (`2017-12-13T23:46:36Z`). The model holds it as a
 * `DateTime.Utc`.
 */
export const Timestamp = Schema.String.pipe(
  Schema.filter((text) => parseTimestamp(text) !== undefined, {
    message: () => "Expected an RFC 3339 date and time, such as 2017-12-13T23:46:36Z",
    arbitrary: () => (fc) => fc.integer(arbitrarySeconds).map((seconds) => formatTimestamp(seconds * 1000))
  }),
  Schema.brand("Timestamp")
)

/** A timestamp as the model holds it. */
const TimestampInModel = Schema.DateTimeUtcFromSelf.annotations({
  arbitrary: () => (fc) => fc.integer(arbitrarySeconds).map((seconds) => DateTime.unsafeMake(seconds * 1000))
})

/** An absolute URL, kept as a string. */
export const AbsoluteUrl = Schema.String.pipe(
  Schema.filter((text) => URL.canParse(text), {
    message: () => "Expected an absolute URL",
    arbitrary: () => (fc) => fc.webUrl({ withQueryParameters: true })
  })
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
  readonly [K in keyof Fields & string as CamelCase<K>]: ModelValue<Schema.Schema.Type<Fields[K]>>
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

const sample = DateTime.unsafeMake(0)
const utcPrototype: object = Object.getPrototypeOf(sample)
const hidden = { value: undefined, enumerable: false, writable: true }

/** A `DateTime.Utc` built as `effect` builds one, without the `Date` `DateTime.unsafeMake` makes on the way. */
const makeUtc = (millis: number): DateTime.Utc => {
  const self = Object.create(utcPrototype)
  self.epochMillis = millis
  Object.defineProperty(self, "partsUtc", hidden)
  return self
}

const descriptors = (value: object) => JSON.stringify(Object.getOwnPropertyDescriptors(value))
const built = makeUtc(0)

/**
 * `DateTime.unsafeMake` of a valid epoch: `makeUtc` while it builds exactly what `effect` builds (same
 * prototype, same own properties), as it does in `effect` 3.22; `DateTime.unsafeMake` otherwise. A
 * page holds 1,500 of them: this takes a tenth off its decoding.
 */
export const utcOfMillis: (millis: number) => DateTime.Utc = descriptors(built) === descriptors(sample) &&
    Object.getPrototypeOf(built) === utcPrototype
  ? makeUtc
  : (millis) => DateTime.unsafeMake(millis)

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
  readonly schema: Schema.Schema.Any
}

const isNull = (ast: AST.AST) => AST.isLiteral(ast) && ast.literal === null

/** A wire field's codec and model schema, from its schema: a timestamp, a nullable value, or a plain one. */
const fieldOf = (wire: string, ast: AST.AST): Field => {
  const plain = (held: AST.AST) =>
    held === Timestamp.ast
      ? { codec: timestamp, schema: TimestampInModel }
      : { codec: identity(compile(held)), schema: Schema.typeSchema(Schema.make(held)) }
  const others = AST.isUnion(ast) && ast.types.some(isNull) ? ast.types.filter((member) => !isNull(member)) : []
  if (others.length === 1) {
    const { codec, schema } = plain(others[0]!)
    return { wire, model: camelCase(wire), codec: nullable(codec), schema: Schema.OptionFromSelf(schema) }
  }
  return { wire, model: camelCase(wire), ...plain(ast) }
}

/** `participant_sid` as `participantSid`. */
export const camelCase = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** A resource's model: its wire declaration and everything derived from it. */
export interface Model<Fields extends Schema.Struct.Fields> {
  /** The wire form, as Twilio sends it. */
  readonly wire: Schema.Struct<Fields>
  /** The public schema: the wire form, decoded into the model. */
  readonly schema: Schema.Schema<ModelOf<Fields>, Schema.Struct.Encoded<Fields>>
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
  readonly decode: (input: unknown) => Either.Either<ModelOf<Fields>, ParseResult.ParseError>
}

/** Derives a resource's model from its wire declaration. */
export const make = <Fields extends Schema.Struct.Fields>(
  wire: Schema.Struct<Fields>,
  identifier: string
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

  const schema = Schema.transform(wire, Schema.Struct(modelFields), {
    strict: false,
    decode: (input) => fromWire(input as Schema.Struct.Type<Fields>),
    encode: (input) => toWire(input as ModelOf<Fields>)
  }).annotations({ identifier }) as unknown as Schema.Schema<ModelOf<Fields>, Schema.Struct.Encoded<Fields>>

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
  const decodeSchema = Schema.decodeUnknownEither(schema)
  return {
    wire,
    schema,
    fromWire,
    toWire,
    accept,
    decode: (input) => {
      const accepted = accept(input)
      return accepted === undefined ? decodeSchema(input) : Either.right(accepted)
    }
  }
}
