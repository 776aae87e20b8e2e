/**
 * What every service class has: accessors for its operations, and its layers from configuration.
 */
import type * as Config from "effect/Config"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { ClientConfig } from "../ClientConfig.js"
import { TwilioCredentials } from "../Credentials.js"

type Fn = (...args: ReadonlyArray<never>) => unknown

/** The accessor of an operation that gives an `Effect`: the same operation, with the service in context. */
export const effect = <Self, Service, K extends keyof Service>(tag: Context.Service<Self, Service>, key: K) =>
(
  ...args: Service[K] extends (...args: infer P) => Effect.Effect<infer _A, infer _E, infer _R> ? P : never
): Service[K] extends (...args: ReadonlyArray<never>) => Effect.Effect<infer A, infer E, infer R>
  ? Effect.Effect<A, E, R | Self>
  : never =>
  Effect.flatMap(tag, (service) => (service[key] as Fn)(...(args as unknown as Array<never>)) as never) as never

/** The accessor of an operation that gives a `Stream`: the same operation, with the service in context. */
export const stream = <Self, Service, K extends keyof Service>(tag: Context.Service<Self, Service>, key: K) =>
(
  ...args: Service[K] extends (...args: infer P) => Stream.Stream<infer _A, infer _E, infer _R> ? P : never
): Service[K] extends (...args: ReadonlyArray<never>) => Stream.Stream<infer A, infer E, infer R>
  ? Stream.Stream<A, E, R | Self>
  : never =>
  Stream.unwrap(
    Effect.map(tag, (service) => (service[key] as Fn)(...(args as unknown as Array<never>)) as never)
  ) as never

/**
 * A service's layer over an `HttpClient`, with its credentials (`TwilioCredentials.config`) and
 * endpoint (`ClientConfig.config`) from configuration.
 */
export const fromConfig = <A>(
  layer: Layer.Layer<A, never, HttpClient.HttpClient | TwilioCredentials>
): Layer.Layer<A, Config.ConfigError, HttpClient.HttpClient> =>
  layer.pipe(Layer.provide(TwilioCredentials.layerConfig), Layer.provide(ClientConfig.layerConfig))
