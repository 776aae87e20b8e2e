/**
 * Where and how the client sends its requests: endpoint, retries, timeout, body limit. A
 * `Context.Reference`: it has a default (Twilio's global endpoint), so the services need it only
 * when you want another.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { check, checked, hostLabelRule, httpUrlRule, wholeNumberRule } from "./internal/option.js"
import type { Rule } from "./internal/option.js"

const defaultOrigin = "https://video.twilio.com"

const baseUrlRule = httpUrlRule({ credentials: "refused" })

/** Whether a duration is negative or not a number; `Duration.decode` would make such a one zero. */
const negative = (value: Duration.Input): boolean =>
  typeof value === "number"
    ? !(value >= 0)
    : typeof value === "bigint"
    ? value < 0n
    : typeof value === "string"
    ? value.trimStart().startsWith("-")
    : Array.isArray(value) && !value.every((part) => part >= 0)

/** A duration of zero or more; of more than zero when `positive`. */
const durationRule = (positive: boolean): Rule<Duration.Input, Duration.Duration> => (value) => {
  const decoded = Duration.fromInput(value)
  if (Option.isNone(decoded) || negative(value)) return Result.fail("is not a valid duration")
  return positive && Duration.isZero(decoded.value)
    ? Result.fail("must be longer than zero")
    : Result.succeed(decoded.value)
}

const duration = (
  name: string,
  value: Duration.Input | undefined,
  fallback: Duration.Input,
  positive = false
) => check(name, value ?? fallback, durationRule(positive))

const endpoint = (options: ClientConfig.Options) =>
  Result.gen(function*() {
    if (options.baseUrl !== undefined) {
      const url = new URL(yield* check("baseUrl", options.baseUrl, baseUrlRule))
      return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, ""), aliases: [] }
    }
    const region = options.region === undefined ? undefined : yield* check("region", options.region, hostLabelRule)
    const edge = options.edge === undefined ? undefined : yield* check("edge", options.edge, hostLabelRule)
    if (region === undefined && edge === undefined) return { origin: defaultOrigin, basePath: "", aliases: [] }
    const host = ["video", edge, region ?? "us1", "twilio.com"].filter((part) => part !== undefined).join(".")
    return { origin: `https://${host.toLowerCase()}`, basePath: "", aliases: [defaultOrigin] }
  })

const retry = (
  options: ClientConfig.RetryOptions | false | undefined
): Result.Result<ClientConfig.Retry | undefined, Config.ConfigError> =>
  options === false ? Result.succeed(undefined) : Result.gen(function*() {
    return {
      maxAttempts: yield* check("retry.maxAttempts", options?.maxAttempts ?? 4, wholeNumberRule(1)),
      baseDelay: yield* duration("retry.baseDelay", options?.baseDelay, "500 millis"),
      maxDelay: yield* duration("retry.maxDelay", options?.maxDelay, "8 seconds"),
      maxRetryAfter: yield* duration("retry.maxRetryAfter", options?.maxRetryAfter, "30 seconds")
    }
  })

const make = (options: ClientConfig.Options = {}): Result.Result<ClientConfig.Service, Config.ConfigError> =>
  Result.gen(function*() {
    return {
      ...(yield* endpoint(options)),
      retry: yield* retry(options.retry),
      timeout: yield* duration("timeout", options.timeout, "30 seconds", true),
      maxBodyBytes: yield* check("maxBodyBytes", options.maxBodyBytes ?? 16 * 1024 * 1024, wholeNumberRule(1))
    }
  })

const defaults: ClientConfig.Service = Result.getOrThrow(make())

const config: Config.Config<ClientConfig.Options> = Config.all({
  baseUrl: Config.option(checked("TWILIO_VIDEO_BASE_URL", baseUrlRule)),
  region: Config.option(checked("TWILIO_REGION", hostLabelRule)),
  edge: Config.option(checked("TWILIO_EDGE", hostLabelRule))
}).pipe(Config.map((options) => ({
  baseUrl: Option.getOrUndefined(options.baseUrl),
  region: Option.getOrUndefined(options.region),
  edge: Option.getOrUndefined(options.edge)
})))

const reference = Context.Reference<ClientConfig.Service>("effect-twilio-video/ClientConfig", {
  defaultValue: () => defaults
})

/**
 * The client settings; Twilio's global endpoint unless a layer says otherwise. A
 * `Context.Reference`, with its constructors and layers.
 *
 * ```ts
 * PublishedTracks.layer.pipe(Layer.provide(ClientConfig.layer({ region: "ie1", timeout: "10 seconds" })))
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export const ClientConfig: ClientConfig.Reference = Object.assign(reference, {
  make,
  config,
  layer: (options: ClientConfig.Options): Layer.Layer<never, Config.ConfigError> =>
    Layer.effect(reference, Effect.fromResult(make(options))),
  layerConfig: Layer.effect(reference, Effect.flatMap(config, (options) => Effect.fromResult(make(options))))
})

/**
 * Types that go with `ClientConfig`.
 *
 * @since 0.2.0
 */
export declare namespace ClientConfig {
  /**
   * The `ClientConfig` reference, with its constructors and layers.
   *
   * @since 1.0.0
   * @category models
   */
  export interface Reference extends Context.Reference<Service> {
    /**
     * Checks the options and resolves them. An invalid option is a `ConfigError` naming it.
     *
     * @since 0.2.0
     */
    readonly make: (options?: Options) => Result.Result<Service, Config.ConfigError>
    /**
     * The options read from configuration: `TWILIO_VIDEO_BASE_URL`, `TWILIO_REGION` and
     * `TWILIO_EDGE`, all optional, each checked as the option it stands for.
     *
     * @since 0.2.0
     */
    readonly config: Config.Config<Options>
    /**
     * Settings given in code. An invalid option fails the layer with a `ConfigError` naming it.
     *
     * @since 0.1.0
     */
    readonly layer: (options: Options) => Layer.Layer<never, Config.ConfigError>
    /**
     * Settings from configuration (see `config`). An invalid variable fails the layer with a
     * `ConfigError` naming it.
     *
     * @since 0.1.0
     */
    readonly layerConfig: Layer.Layer<never, Config.ConfigError>
  }

  /**
   * How to reach the Video API, and how to treat its answers.
   *
   * - `baseUrl` overrides `region` and `edge`: a proxy, or the testing kit's emulator.
   * - Otherwise `region` and `edge` select `https://video.{edge}.{region}.twilio.com`, as in Twilio's
   *   helper libraries (an edge alone implies region `us1`).
   *
   * @since 0.2.0
   * @category models
   */
  export interface Options {
    readonly baseUrl?: string | undefined
    readonly region?: string | undefined
    readonly edge?: string | undefined
    /** How GETs are retried; `false` turns retries off. Defaults: see `RetryOptions`. */
    readonly retry?: RetryOptions | false | undefined
    /**
     * How long one request may take, body included. Default 30 seconds, as in Twilio's helper
     * libraries; `Duration.infinity` for no limit.
     */
    readonly timeout?: Duration.Input | undefined
    /**
     * The largest response body read, in bytes; a larger one fails with `ResponseTooLarge`. Default
     * 16 MiB, about 35 times a page of 1,000 tracks.
     */
    readonly maxBodyBytes?: number | undefined
  }

  /**
   * Retries of GETs on 429, 500, 502, 503, 504, transport failures and timeouts (never on another
   * 4xx): exponential backoff with jitter, lengthened to the `Retry-After` of a 429 when it has one.
   *
   * The total delay is bounded: at most `(maxAttempts - 1) × max(maxDelay, maxRetryAfter)`.
   *
   * @since 0.2.0
   * @category models
   */
  export interface RetryOptions {
    /** Attempts in all, the first included. Default 4. */
    readonly maxAttempts?: number | undefined
    /** The first backoff; each next one doubles. Default 500 millis. */
    readonly baseDelay?: Duration.Input | undefined
    /** The longest backoff. Default 8 seconds. */
    readonly maxDelay?: Duration.Input | undefined
    /** The longest `Retry-After` honoured; a longer one waits this long. Default 30 seconds. */
    readonly maxRetryAfter?: Duration.Input | undefined
  }

  /**
   * The resolved retry settings.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Retry {
    readonly maxAttempts: number
    readonly baseDelay: Duration.Duration
    readonly maxDelay: Duration.Duration
    readonly maxRetryAfter: Duration.Duration
  }

  /**
   * The resolved settings: what the `ClientConfig` tag holds.
   *
   * @since 0.2.0
   * @category models
   */
  export interface Service {
    /** The origin (scheme, host, port) of the API: the only one that ever receives the credentials. */
    readonly origin: string
    /** The path of the base URL, without a trailing slash: `""`, or a proxy's prefix such as `/twilio`. */
    readonly basePath: string
    /**
     * Origins that page URLs may name and that stand for `origin`: with a region or edge set, Twilio
     * still writes `https://video.twilio.com` into `next_page_url`.
     */
    readonly aliases: ReadonlyArray<string>
    /** `undefined` when retries are off. */
    readonly retry: Retry | undefined
    readonly timeout: Duration.Duration
    readonly maxBodyBytes: number
  }
}
