/**
 * One factory for every service: a resource's declaration (its routes, model and filters, and its
 * writes) gives the service its tag, `make`, `layer`, `layerConfig` and an accessor an operation.
 */
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { ClientConfig } from "../ClientConfig.js"
import { TwilioCredentials } from "../Credentials.js"
import * as VideoHttp from "./http.js"
import * as Resource from "./resource.js"

/**
 * A service's layer over an `HttpClient`, with its credentials (`TwilioCredentials.config`) and
 * endpoint (`ClientConfig.config`) from configuration.
 */
export const fromConfig = <A>(
  layer: Layer.Layer<A, never, HttpClient.HttpClient | TwilioCredentials>
): Layer.Layer<A, Config.ConfigError, HttpClient.HttpClient> =>
  layer.pipe(Layer.provide(TwilioCredentials.layerConfig), Layer.provide(ClientConfig.layerConfig))

/** The reads every resource has, from the core; `list` and `listFrom` give streams. */
const reads = ["fetch", "list", "page", "pageAt", "listFrom"] as const
type Reads = typeof reads[number]
const streams: ReadonlySet<string> = new Set(["list", "listFrom"])

/** The writes of a service: each made from the core's `write` for its model. */
export type Writes<Shape, A> = { readonly [K in Exclude<keyof Shape, Reads>]: (write: Resource.Write<A>) => Shape[K] }

/** An accessor an operation: the same operation, with the service in context. */
export type Accessors<Self, Shape> = {
  readonly [K in keyof Shape]: Shape[K] extends (...args: infer P) => Effect.Effect<infer A, infer E, infer R>
    ? (...args: P) => Effect.Effect<A, E, R | Self>
    : Shape[K] extends (...args: infer P) => Stream.Stream<infer A, infer E, infer R>
      ? (...args: P) => Stream.Stream<A, E, R | Self>
    : never
}

/** What the factory adds to a service's tag. */
export interface Statics<Self, Shape> {
  /**
   * Builds the service over an `HttpClient` and `TwilioCredentials`, with the `ClientConfig` in
   * context (Twilio's global endpoint by default).
   */
  readonly make: Effect.Effect<Shape, never, HttpClient.HttpClient | TwilioCredentials>
  /**
   * The service over an `HttpClient` and `TwilioCredentials`. Endpoint, retries and timeout come
   * from `ClientConfig` when a layer provides it, Twilio's defaults otherwise.
   */
  readonly layer: Layer.Layer<Self, never, HttpClient.HttpClient | TwilioCredentials>
  /**
   * The service configured from the environment: credentials (`TwilioCredentials.config`) and
   * endpoint (`ClientConfig.config`). Needs only an `HttpClient`.
   */
  readonly layerConfig: Layer.Layer<Self, Config.ConfigError, HttpClient.HttpClient>
  /**
   * The service over the Video API's HTTP client, for `TwilioVideo.layer`.
   *
   * @internal
   */
  readonly fromHttp: (http: VideoHttp.VideoHttp) => Shape
}

/** The declaration a service was made from: the emulator serves its routes. */
export interface Declared<D> {
  /** @internal */
  readonly declaration: D
}

type Fn = (...args: ReadonlyArray<unknown>) => unknown

/**
 * The tag of the service `Shape` of a resource: `class Rooms extends Service.Tag<Rooms,
 * Rooms.Service>()("effect-twilio-video/Rooms", declaration, writes) {}`. Its reads come from the
 * core; `writes` gives each other operation of `Shape`.
 */
export const Tag =
  <Self, Shape>() =>
  <const Id extends string, A, I, ItemArg extends string, ListArg extends string, Filters>(
    id: Id,
    declaration: Resource.Declaration<A, I, ItemArg, ListArg, Filters>,
    writes: Writes<Shape, A>
  ):
    & Context.ServiceClass<Self, Id, Shape>
    & Statics<Self, Shape>
    & Declared<Resource.Declaration<A, I, ItemArg, ListArg, Filters>>
    & Accessors<Self, Shape> =>
  {
    const tag = Context.Service<Self, Shape>()(id)
    const names: ReadonlyArray<string> = [...reads, ...Object.keys(writes)]
    const fromHttp = (http: VideoHttp.VideoHttp): Shape => {
      const operations = Resource.operations(http, declaration)
      const service: Record<string, unknown> = {}
      for (const name of reads) service[name] = operations[name]
      for (const [name, make] of Object.entries<(write: Resource.Write<A>) => unknown>(writes)) {
        service[name] = make(operations.write)
      }
      return service as Shape
    }
    const make = Effect.map(VideoHttp.make, fromHttp)
    const layer = Layer.effect(tag, make)
    const operation = (service: Shape, name: string) => (service as Record<string, Fn>)[name]!
    const accessors = Object.fromEntries(names.map((name) => [
      name,
      streams.has(name)
        ? (...args: ReadonlyArray<unknown>) =>
          Stream.unwrap(Effect.map(tag, (service) => operation(service, name)(...args) as Stream.Stream<unknown>))
        : (...args: ReadonlyArray<unknown>) =>
          Effect.flatMap(tag, (service) => operation(service, name)(...args) as Effect.Effect<unknown>)
    ]))
    return Object.assign(
      tag,
      { make, layer, layerConfig: fromConfig(layer), fromHttp, declaration },
      accessors
    ) as never
  }
