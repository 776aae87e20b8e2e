/** Arbitrary tracks in wire form that the decoders must answer exactly as the schema does. */
import { PublishedTrack } from "effect-twilio-video"
import { Arbitraries } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as Schema from "effect/Schema"
import { model } from "../../src/PublishedTrack.js"

const encode = Schema.encodeSync(PublishedTrack)

/** Every key of a wire track, and one the schema does not know. */
const wireKeys = [...Object.keys(model.wire.fields), "extra"]

/** A change of one key: set to one of `values`, or removed (`null`). */
const change = (values: Arbitrary.Arbitrary<unknown>) =>
  Arbitrary.all([
    Arbitrary.schema(Schema.Literals(wireKeys)),
    Arbitrary.schema(Schema.Boolean),
    values
  ]).pipe(Arbitrary.map(([key, remove, value]) => [key, remove ? null : value] as const))

/**
 * A valid wire track with up to `maxChanges` of its keys (or an unknown one) set to one of `values`,
 * or removed where the change is `null`.
 */
export const mutatedTrack = (values: Arbitrary.Arbitrary<unknown>, maxChanges: number) =>
  Arbitrary.all([Arbitraries.publishedTrack, Arbitrary.array(change(values), { maxLength: maxChanges })]).pipe(
    Arbitrary.map(([track, changes]) => {
      const wire: Record<string, unknown> = { ...encode(track) }
      for (const [key, value] of changes) {
        if (value === null) delete wire[key]
        else wire[key] = value
      }
      return wire
    })
  )
