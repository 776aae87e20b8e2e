/** Arbitrary tracks in wire form that the decoders must answer exactly as the schema does. */
import { PublishedTrack } from "effect-twilio-video"
import { Arbitraries } from "effect-twilio-video/testing"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { model } from "../../src/PublishedTrack.js"

const encode = Schema.encodeSync(PublishedTrack)

/** Every key of a wire track, and one the schema does not know. */
const wireKeys = [...Object.keys(model.wire.fields), "extra"]

/**
 * A valid wire track with up to `maxChanges` of its keys (or an unknown one) set to one of `values`,
 * or removed where the change is `null`.
 */
export const mutatedTrack = (values: FastCheck.Arbitrary<unknown>, maxChanges: number) =>
  FastCheck.tuple(
    Arbitraries.publishedTrack,
    FastCheck.array(FastCheck.tuple(FastCheck.constantFrom(...wireKeys), FastCheck.option(values)), {
      maxLength: maxChanges
    })
  ).map(([track, changes]) => {
    const wire: Record<string, unknown> = { ...encode(track) }
    for (const [key, value] of changes) {
      if (value === null) delete wire[key]
      else wire[key] = value
    }
    return wire
  })
