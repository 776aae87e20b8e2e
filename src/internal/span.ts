/**
 * `Effect.withSpan` for operations whose value is large (a page of a listing): the span ends with
 * the outcome's failure as is, but with no value on success; the value is handed over outside the
 * span (`handover.ts`), which would otherwise keep it.
 */
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"
import { handedOver } from "./handover.js"

/** `Effect.withSpan(self, name, options)`, with the span ended on no value when `self` succeeds. */
export const withSpan =
  (name: string, options: Tracer.SpanOptions) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    handedOver(self, (effect) => Effect.withSpan(effect, name, options))
