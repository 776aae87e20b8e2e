/**
 * The predicates compiled from schema ASTs answer exactly what `Schema.is` answers; the track's fast
 * path accepts exactly what its wire schema accepts; RFC 3339 timestamps parse as a plain reading of
 * the standard does.
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitraries } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Equal from "effect/Equal"
import * as Schema from "effect/Schema"
import { deepStrictEqual } from "node:assert/strict"
import { compile } from "../src/internal/compile.js"
import { parseTimestamp } from "../src/internal/date.js"
import { AbsoluteUrl, Timestamp, utcOfMillis } from "../src/internal/model.js"
import { model, PublishedTrack } from "../src/PublishedTrack.js"
import { ParticipantSid, TrackSid } from "../src/Sid.js"
import { check, constantFrom, integer, oneOf, string } from "./support/generators.js"
import { mutatedTrack } from "./support/mutatedTrack.js"

const schemas: Record<string, Schema.Top> = {
  "the track's wire form": model.wire,
  "a struct with optional and nullable fields": Schema.Struct({
    a: Schema.String,
    b: Schema.optional(Schema.Number),
    c: Schema.NullOr(TrackSid),
    d: Schema.optionalKey(Schema.Boolean),
    e: Schema.Unknown
  }),
  "a record of URLs": Schema.Record(Schema.String, AbsoluteUrl),
  "an array of literals": Schema.Array(Schema.Literals(["VP8", "H264"])),
  "a nullable array": Schema.NullOr(Schema.Array(ParticipantSid)),
  "a struct with a record inside": Schema.Struct({
    links: Schema.Record(Schema.String, Schema.String),
    n: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 50 }))
  }),
  "a timestamp": Timestamp
}

const awkward = oneOf<unknown>(
  Arbitrary.schema(Schema.Unknown),
  constantFrom(null, undefined, "", "VP8", "h264", 0, 1, 50, 51, 1.5, NaN, [], {}, "2017-12-13T23:46:36Z"),
  oneOf<unknown>(Arbitrary.schema(TrackSid), Arbitrary.schema(ParticipantSid))
)

/** A value of `schema`, with some of its keys or elements replaced by awkward values. */
const nearly = (schema: Schema.Top) =>
  Arbitrary.all([Arbitrary.schema(schema), Arbitrary.array(Arbitrary.all([string(0, 3), awkward]))])
    .pipe(Arbitrary.map(([value, changes]) => {
      if (typeof value !== "object" || value === null) return changes.length > 0 ? changes[0]![1] : value
      const copy: Record<string, unknown> = Array.isArray(value) ? [...value] as never : { ...value }
      const keys = Object.keys(copy)
      for (const [key, replacement] of changes) {
        copy[keys.length > 0 && key.length % 2 === 0 ? keys[key.length % keys.length]! : key] = replacement
      }
      return copy
    }))

describe("compiled predicates", () => {
  for (const [what, schema] of Object.entries(schemas)) {
    it.effect(`answer as Schema.is does, for ${what}`, () =>
      Effect.gen(function*() {
        const compiled = compile(schema.ast)
        const is = Schema.is(schema)
        let accepted = 0
        yield* check(oneOf<unknown>(Arbitrary.schema(schema), nearly(schema), awkward), (input) => {
          expect(compiled(input)).toBe(is(input))
          if (is(input)) accepted++
        }, 400)
        // both answers, often: or the property proves little
        expect(accepted).toBeGreaterThan(40)
        expect(accepted).toBeLessThan(360)
      }))
  }

  it("accept anything for Schema.Any and Schema.Unknown", () => {
    for (const schema of [Schema.Any, Schema.Unknown]) {
      const compiled = compile(schema.ast)
      expect([undefined, null, 0, "", {}, []].every(compiled)).toBe(true)
    }
  })

  const unsupported: ReadonlyArray<[string, Schema.Top, RegExp]> = [
    ["a transformation", Schema.DateTimeUtcFromString, /^cannot compile a transformation/],
    ["a declaration", Schema.Date, /^cannot compile a Declaration schema/],
    ["a template literal", Schema.TemplateLiteral(["MT", Schema.String]), /^cannot compile a TemplateLiteral schema/],
    ["a recursive schema", Schema.suspend(() => Schema.String), /^cannot compile a Suspend schema/],
    ["a struct holding one", Schema.Struct({ at: Schema.NumberFromString }), /^cannot compile a transformation/],
    [
      "a symbol key",
      Schema.Struct({ [Symbol.for("at")]: Schema.String }),
      /^cannot compile the symbol key Symbol\(at\)/
    ],
    [
      "an index signature of symbols",
      Schema.Record(Schema.Symbol, Schema.String),
      /^cannot compile an index signature of <Symbol>/
    ],
    ["a tuple", Schema.Tuple([Schema.String]), /^cannot compile the tuple/],
    [
      "an array with a head",
      Schema.TupleWithRest(Schema.Tuple([Schema.String]), [Schema.Number]),
      /^cannot compile the tuple/
    ],
    [
      "a tuple with two rests",
      Schema.TupleWithRest(Schema.Tuple([]), [Schema.String, Schema.Number]),
      /^cannot compile the tuple/
    ]
  ]
  for (const [what, schema, message] of unsupported) {
    it(`refuse ${what} when they are compiled, at load`, () => {
      expect(() => compile(schema.ast)).toThrow(message)
    })
  }
})

describe("the track's fast path", () => {
  const isWire = Schema.is(model.wire)
  const encode = Schema.encodeSync(PublishedTrack)
  const mutated = mutatedTrack(awkward, 2)

  it.prop("accepts every valid track, as the schema decodes it", [Arbitraries.publishedTrack], ([track]) => {
    const wire = JSON.parse(JSON.stringify(encode(track)))
    expect(model.accept(wire)).toEqual(track)
  }, { arbitrary: { runs: 300 } })

  it.effect("accepts exactly what Schema.is accepts of the wire form, over mutated tracks", () =>
    Effect.gen(function*() {
      let refused = 0
      yield* check(mutated, (wire) => {
        const accepted = model.accept(wire) !== undefined
        expect(accepted).toBe(isWire(wire))
        if (!accepted) refused++
      }, 600)
      expect(refused).toBeGreaterThan(100)
      expect(refused).toBeLessThan(500)
    }))
})

describe("the fast path's dates", () => {
  const millis = integer(Date.UTC(-200, 0, 1), Date.UTC(9999, 11, 31))

  it("are DateTime.Utc values as effect builds them, with the effect this package is tested on", () => {
    const fast = utcOfMillis(0)
    expect(DateTime.isDateTime(fast) && DateTime.isUtc(fast)).toBe(true)
    expect(Object.getPrototypeOf(fast)).toBe(Object.getPrototypeOf(DateTime.makeUnsafe(0)))
  })

  it.prop(
    "are what DateTime.makeUnsafe gives: equal, deeply, property by property, before and after their parts are read",
    [millis],
    ([at]) => {
      const fast = utcOfMillis(at)
      const reference = DateTime.makeUnsafe(at)
      expect(Object.getOwnPropertyDescriptors(fast)).toStrictEqual(Object.getOwnPropertyDescriptors(reference))
      deepStrictEqual(fast, reference)
      expect(DateTime.toPartsUtc(fast)).toStrictEqual(DateTime.toPartsUtc(reference))
      expect(Object.getOwnPropertyDescriptors(fast)).toStrictEqual(Object.getOwnPropertyDescriptors(reference))
      deepStrictEqual(fast, reference)
      expect(Equal.equals(fast, reference)).toBe(true)
      expect(DateTime.formatIso(fast)).toBe(DateTime.formatIso(reference))
      expect(String(fast)).toBe(String(reference))
    },
    { arbitrary: { runs: 300 } }
  )
})

describe("parseTimestamp", () => {
  /** RFC 3339's grammar, read with a regular expression and the calendar of `Date`: slow, and plain. */
  const reference = (text: string): number | undefined => {
    const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/.exec(
      text
    )
    if (m === null) return undefined
    const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]))
    if (hour! > 23 || minute! > 59 || second! > 59) return undefined
    const date = new Date(0)
    date.setUTCFullYear(year!, month! - 1, day!)
    date.setUTCHours(hour!, minute!, second!, 0)
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) {
      return undefined
    }
    const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000 + 1e-9)
    if (m[8] !== undefined) return date.getTime() + fraction
    if (Number(m[10]) > 23 || Number(m[11]) > 59) return undefined
    const offset = (Number(m[10]) * 60 + Number(m[11])) * 60_000
    return date.getTime() + fraction - (m[9] === "+" ? offset : -offset)
  }
  const pad = (n: number, width: number) => String(n).padStart(width, "0")
  const timestamp = Arbitrary.all({
    year: integer(0, 9999),
    month: integer(0, 13),
    day: integer(0, 32),
    hour: integer(0, 25),
    minute: integer(0, 61),
    second: integer(0, 61),
    fraction: Arbitrary.schema(Schema.UndefinedOr(Schema.String.check(Schema.isPattern(/^[0-9]{0,11}$/)))),
    t: constantFrom("T", "t", " "),
    zone: oneOf(
      constantFrom("Z", "z", "", "+00:00", "-24:00", "+05:3", "UTC"),
      Arbitrary.all([constantFrom("+", "-"), integer(0, 24), integer(0, 60)])
        .pipe(Arbitrary.map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`))
    )
  }).pipe(
    Arbitrary.map((p) =>
      `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${p.t}${pad(p.hour, 2)}:${pad(p.minute, 2)}:${
        pad(p.second, 2)
      }${p.fraction === undefined ? "" : `.${p.fraction}`}${p.zone}`
    )
  )

  it.effect("reads what the reference reads, and refuses what it refuses", () =>
    Effect.gen(function*() {
      let valid = 0
      yield* check(oneOf(timestamp, string(0, 30)), (text) => {
        expect(parseTimestamp(text)).toBe(reference(text))
        if (reference(text) !== undefined) valid++
      }, 3000)
      expect(valid).toBeGreaterThan(300)
    }))

  it("reads the years before 100 as themselves", () => {
    expect(parseTimestamp("0050-03-01T00:00:00Z")).toBe(Date.UTC(2050, 2, 1) - 146_097 * 86_400_000 * 5)
    expect(new Date(parseTimestamp("0050-03-01T00:00:00Z")!).getUTCFullYear()).toBe(50)
  })
})
