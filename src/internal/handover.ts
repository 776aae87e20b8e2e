import * as Effect from "effect/Effect"

/**
 * `around(self)`, with `self`'s value handed over in a variable instead of as the value of what
 * `around` makes of it (a span, the fiber a timeout races): those are made before the request and
 * are in V8's old generation by the time they end, and until the next full GC an old object keeps
 * what it holds alive through every young-generation collection. A page held that way was copied
 * and promoted again and again: listing spent most of its GC time there (docs/performance.md).
 */
export const handedOver = <A, E, R, E2, R2>(
  self: Effect.Effect<A, E, R>,
  around: (self: Effect.Effect<void, E, R>) => Effect.Effect<void, E2, R2>
): Effect.Effect<A, E2, R2> =>
  Effect.suspend(() => {
    let value: A | undefined
    return around(Effect.map(self, (a) => {
      value = a
    })).pipe(Effect.map(() => {
      const out = value as A
      value = undefined
      return out
    }))
  })
