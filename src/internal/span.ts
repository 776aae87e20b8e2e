/**
 * `Effect.withSpan` for operations whose value is large (a page of a listing): the span ends with
 * the outcome's failure as is, but with no value on success; the value is handed over in a variable.
 *
 * A span ended with a value keeps it: the span was made before the request and has been promoted
 * to V8's old generation by the time it ends, so until the next full GC it keeps the page alive
 * through every young-generation collection, each copying it again. Listing spent most of its GC
 * time there (docs/performance.md).
 */
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"

/** `Effect.withSpan(self, name, options)`, with the span ended on no value when `self` succeeds. */
export const withSpan =
  (name: string, options: Tracer.SpanOptions) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.suspend(() => {
      let value: A | undefined
      return Effect.withSpan(
        Effect.map(self, (a) => {
          value = a
        }),
        name,
        options
      ).pipe(Effect.map(() => {
        const out = value as A
        value = undefined
        return out
      }))
    })
