/**
 * The predicates compiled from schema ASTs answer exactly what `Schema.is` answers; the track's fast
 * path accepts exactly what its wire schema accepts; RFC 3339 timestamps parse as a plain reading of
 * the standard does.
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitraries } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Equal from "effect/Equal"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { deepStrictEqual } from "node:assert/strict"
import { compile } from "../src/internal/compile.js"
import { parseTimestamp } from "../src/internal/date.js"
import { AbsoluteUrl, Timestamp, utcOfMillis } from "../src/internal/model.js"
import { model, PublishedTrack } from "../src/PublishedTrack.js"
import { ParticipantSid, TrackSid } from "../src/Sid.js"
import { mutatedTrack } from "./support/mutatedTrack.js"

const schemas: Record<string, Schema.Schema.AnyNoContext> = {
  "the track's wire form": model.wire,
  "a struct with optional and nullable fields": Schema.Struct({
    a: Schema.String,
    b: Schema.optional(Schema.Number),
    c: Schema.NullOr(TrackSid),
    d: Schema.optionalWith(Schema.Boolean, { exact: true }),
    e: Schema.Unknown
  }),
  "a record of URLs": Schema.Record({ key: Schema.String, value: AbsoluteUrl }),
  "an array of literals": Schema.Array(Schema.Literal("VP8", "H264")),
  "a nullable array": Schema.NullOr(Schema.Array(ParticipantSid)),
  "a struct with a record inside": Schema.Struct({
    links: Schema.Record({ key: Schema.String, value: Schema.String }),
    n: Schema.Int.pipe(Schema.between(1, 50))
  }),
  "a timestamp": Timestamp
}

const awkward = FastCheck.oneof(
  FastCheck.anything({ maxDepth: 2 }),
  FastCheck.constantFrom(null, undefined, "", "VP8", "h264", 0, 1, 50, 51, 1.5, NaN, [], {}, "2017-12-13T23:46:36Z"),
  FastCheck.constantFrom(TrackSid, ParticipantSid).chain((sid) => Arbitrary.make(sid))
)

/** A value of `schema`, with some of its keys or elements replaced by awkward values. */
const nearly = (schema: Schema.Schema.AnyNoContext) =>
  FastCheck.tuple(Arbitrary.make(schema), FastCheck.array(FastCheck.tuple(FastCheck.string({ maxLength: 3 }), awkward)))
    .map(([value, changes]) => {
      if (typeof value !== "object" || value === null) return changes.length > 0 ? changes[0]![1] : value
      const copy: Record<string, unknown> = Array.isArray(value) ? [...value] as never : { ...value }
      const keys = Object.keys(copy)
      for (const [key, replacement] of changes) {
        copy[keys.length > 0 && key.length % 2 === 0 ? keys[key.length % keys.length]! : key] = replacement
      }
      return copy
    })

describe("compiled predicates", () => {
  for (const [what, schema] of Object.entries(schemas)) {
    it(`answer as Schema.is does, for ${what}`, () => {
      const compiled = compile(schema.ast)
      const is = Schema.is(schema)
      let accepted = 0
      FastCheck.assert(
        FastCheck.property(FastCheck.oneof(Arbitrary.make(schema), nearly(schema), awkward), (input) => {
          expect(compiled(input)).toBe(is(input))
          if (is(input)) accepted++
        }),
        { numRuns: 400 }
      )
      // both answers, often: or the property proves little
      expect(accepted).toBeGreaterThan(40)
      expect(accepted).toBeLessThan(360)
    })
  }

  it("accept anything for Schema.Any and Schema.Unknown", () => {
    for (const schema of [Schema.Any, Schema.Unknown]) {
      const compiled = compile(schema.ast)
      expect([undefined, null, 0, "", {}, []].every(compiled)).toBe(true)
    }
  })

  const unsupported: ReadonlyArray<[string, Schema.Schema.AnyNoContext, RegExp]> = [
    ["a transformation", Schema.DateTimeUtc, /^cannot compile a Transformation schema/],
    ["a declaration", Schema.DateFromSelf, /^cannot compile a Declaration schema/],
    ["a template literal", Schema.TemplateLiteral("MT", Schema.String), /^cannot compile a TemplateLiteral schema/],
    ["a recursive schema", Schema.suspend(() => Schema.String), /^cannot compile a Suspend schema/],
    ["a struct holding one", Schema.Struct({ at: Schema.NumberFromString }), /^cannot compile a Transformation/],
    [
      "a symbol key",
      Schema.Struct({ [Symbol.for("at")]: Schema.String }),
      /^cannot compile the symbol key Symbol\(at\)/
    ],
    [
      "an index signature of symbols",
      Schema.Record({ key: Schema.SymbolFromSelf, value: Schema.String }),
      /^cannot compile an index signature of symbol/
    ],
    ["a tuple", Schema.Tuple(Schema.String), /^cannot compile the tuple/],
    ["an array with a head", Schema.Tuple([Schema.String], Schema.Number), /^cannot compile the tuple/],
    ["a tuple with two rests", Schema.Tuple([], Schema.String, Schema.Number), /^cannot compile the tuple/]
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

  it("accepts every valid track, as the schema decodes it", () => {
    FastCheck.assert(
      FastCheck.property(Arbitraries.publishedTrack, (track) => {
        const wire = JSON.parse(JSON.stringify(encode(track)))
        expect(model.accept(wire)).toEqual(track)
      }),
      { numRuns: 300 }
    )
  })

  it("accepts exactly what Schema.is accepts of the wire form, over mutated tracks", () => {
    let refused = 0
    FastCheck.assert(
      FastCheck.property(mutated, (wire) => {
        const accepted = model.accept(wire) !== undefined
        expect(accepted).toBe(isWire(wire))
        if (!accepted) refused++
      }),
      { numRuns: 600 }
    )
    expect(refused).toBeGreaterThan(100)
    expect(refused).toBeLessThan(500)
  })
})

describe("the fast path's dates", () => {
  const millis = FastCheck.integer({ min: Date.UTC(-200, 0, 1), max: Date.UTC(9999, 11, 31) })

  it("are built without DateTime.unsafeMake, with the effect this package is tested on", () => {
    expect(utcOfMillis.name).toBe("makeUtc")
  })

  it("are what DateTime.unsafeMake gives: equal, deeply, property by property, before and after their parts are read", () => {
    FastCheck.assert(
      FastCheck.property(millis, (at) => {
        const fast = utcOfMillis(at)
        const reference = DateTime.unsafeMake(at)
        expect(Object.getOwnPropertyDescriptors(fast)).toStrictEqual(Object.getOwnPropertyDescriptors(reference))
        deepStrictEqual(fast, reference)
        expect(DateTime.toPartsUtc(fast)).toStrictEqual(DateTime.toPartsUtc(reference))
        expect(Object.getOwnPropertyDescriptors(fast)).toStrictEqual(Object.getOwnPropertyDescriptors(reference))
        deepStrictEqual(fast, reference)
        expect(Equal.equals(fast, reference)).toBe(true)
        expect(DateTime.formatIso(fast)).toBe(DateTime.formatIso(reference))
        expect(String(fast)).toBe(String(reference))
      }),
      { numRuns: 300 }
    )
  })
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
  const timestamp = FastCheck.record({
    year: FastCheck.integer({ min: 0, max: 9999 }),
    month: FastCheck.integer({ min: 0, max: 13 }),
    day: FastCheck.integer({ min: 0, max: 32 }),
    hour: FastCheck.integer({ min: 0, max: 25 }),
    minute: FastCheck.integer({ min: 0, max: 61 }),
    second: FastCheck.integer({ min: 0, max: 61 }),
    fraction: FastCheck.option(FastCheck.stringMatching(/^[0-9]{0,11}$/), { nil: undefined }),
    t: FastCheck.constantFrom("T", "t", " "),
    zone: FastCheck.oneof(
      FastCheck.constantFrom("Z", "z", "", "+00:00", "-24:00", "+05:3", "UTC"),
      FastCheck.tuple(
        FastCheck.constantFrom("+", "-"),
        FastCheck.integer({ min: 0, max: 24 }),
        FastCheck.integer({ min: 0, max: 60 })
      )
        .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`)
    )
  }).map((p) =>
    `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${p.t}${pad(p.hour, 2)}:${pad(p.minute, 2)}:${
      pad(p.second, 2)
    }${p.fraction === undefined ? "" : `.${p.fraction}`}${p.zone}`
  )

  it("reads what the reference reads, and refuses what it refuses", () => {
    let valid = 0
    FastCheck.assert(
      FastCheck.property(FastCheck.oneof(timestamp, FastCheck.string({ maxLength: 30 })), (text) => {
        expect(parseTimestamp(text)).toBe(reference(text))
        if (reference(text) !== undefined) valid++
      }),
      { numRuns: 3000 }
    )
    expect(valid).toBeGreaterThan(300)
  })

  it("reads the years before 100 as themselves", () => {
    expect(parseTimestamp("0050-03-01T00:00:00Z")).toBe(Date.UTC(2050, 2, 1) - 146_097 * 86_400_000 * 5)
    expect(new Date(parseTimestamp("0050-03-01T00:00:00Z")!).getUTCFullYear()).toBe(50)
  })
})
