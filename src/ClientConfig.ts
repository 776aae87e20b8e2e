/**
 * Where and how the client sends its requests: endpoint, retries, timeout, body limit. A
 * `Context.Reference`: it has a default (Twilio's global endpoint), so the services need it only
 * when you want another.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { check, checked } from "./internal/option.js"
import type { Rule } from "./internal/option.js"

const defaultOrigin = "https://video.twilio.com"

const baseUrlRule: Rule<string, string> = (value) => {
  if (!URL.canParse(value)) return Either.left("is not an absolute URL")
  const url = new URL(value)
  if (url.protocol !== "https:" && url.protocol !== "http:") return Either.left("must be http: or https:")
  if (url.username !== "" || url.password !== "") return Either.left("must not carry credentials")
  if (url.search !== "" || url.hash !== "") return Either.left("must not have a query or fragment")
  return Either.right(value)
}

/** One label of a host name: `ie1`, `dublin`. Anchored, so that no value can move the host. */
const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i
const hostLabelRule: Rule<string> = (value) =>
  hostLabel.test(value) ? Either.right(value) : Either.left("is not a valid host name label")

const wholeNumberRule = (least: number): Rule<number> => (value) =>
  Number.isSafeInteger(value) && value >= least
    ? Either.right(value)
    : Either.left(`must be a whole number of at least ${least}`)

/** Whether a duration is negative or not a number; `Duration.decode` would make such a one zero. */
const negative = (value: Duration.DurationInput): boolean =>
  typeof value === "number"
    ? !(value >= 0)
    : typeof value === "bigint"
    ? value < 0n
    : typeof value === "string"
    ? value.trimStart().startsWith("-")
    : Array.isArray(value) && !value.every((part) => part >= 0)

/** A duration of zero or more; of more than zero when `positive`. */
const durationRule = (positive: boolean): Rule<Duration.DurationInput, Duration.Duration> => (value) => {
  const decoded = Duration.decodeUnknown(value)
  if (Option.isNone(decoded) || negative(value)) return Either.left("is not a valid duration")
  return positive && Duration.isZero(decoded.value)
    ? Either.left("must be longer than zero")
    : Either.right(decoded.value)
}

const duration = (
  name: string,
  value: Duration.DurationInput | undefined,
  fallback: Duration.DurationInput,
  positive = false
) => check(name, value ?? fallback, durationRule(positive))

const endpoint = (options: ClientConfig.Options) =>
  Either.gen(function*() {
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
): Either.Either<ClientConfig.Retry | undefined, ConfigError.ConfigError> =>
  options === false ? Either.right(undefined) : Either.gen(function*() {
    return {
      maxAttempts: yield* check("retry.maxAttempts", options?.maxAttempts ?? 4, wholeNumberRule(1)),
      baseDelay: yield* duration("retry.baseDelay", options?.baseDelay, "500 millis"),
      maxDelay: yield* duration("retry.maxDelay", options?.maxDelay, "8 seconds"),
      maxRetryAfter: yield* duration("retry.maxRetryAfter", options?.maxRetryAfter, "30 seconds")
    }
  })

const make = (options: ClientConfig.Options = {}): Either.Either<ClientConfig.Service, ConfigError.ConfigError> =>
  Either.gen(function*() {
    return {
      ...(yield* endpoint(options)),
      retry: yield* retry(options.retry),
      timeout: yield* duration("timeout", options.timeout, "30 seconds", true),
      maxBodyBytes: yield* check("maxBodyBytes", options.maxBodyBytes ?? 16 * 1024 * 1024, wholeNumberRule(1))
    }
  })

const defaults: ClientConfig.Service = Either.getOrThrow(make())

/**
 * The client settings; Twilio's global endpoint unless a layer says otherwise.
 *
 * ```ts
 * PublishedTracks.layer.pipe(Layer.provide(ClientConfig.layer({ region: "ie1", timeout: "10 seconds" })))
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class ClientConfig extends Context.Reference<ClientConfig>()("effect-twilio-video/ClientConfig", {
  defaultValue: (): ClientConfig.Service => defaults
}) {
  /**
   * Checks the options and resolves them. An invalid option is a `ConfigError` naming it.
   *
   * @since 0.2.0
   * @category constructors
   */
  static readonly make: (
    options?: ClientConfig.Options
  ) => Either.Either<ClientConfig.Service, ConfigError.ConfigError> = make

  /**
   * The options read from configuration: `TWILIO_VIDEO_BASE_URL`, `TWILIO_REGION` and `TWILIO_EDGE`,
   * all optional, each checked as the option it stands for.
   *
   * @since 0.2.0
   * @category config
   */
  static readonly config: Config.Config<ClientConfig.Options> = Config.all({
    baseUrl: Config.option(checked(Config.string("TWILIO_VIDEO_BASE_URL"), baseUrlRule)),
    region: Config.option(checked(Config.string("TWILIO_REGION"), hostLabelRule)),
    edge: Config.option(checked(Config.string("TWILIO_EDGE"), hostLabelRule))
  }).pipe(Config.map((options) => ({
    baseUrl: Option.getOrUndefined(options.baseUrl),
    region: Option.getOrUndefined(options.region),
    edge: Option.getOrUndefined(options.edge)
  })))

  /**
   * Settings given in code. An invalid option fails the layer with a `ConfigError` naming it.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer = (options: ClientConfig.Options): Layer.Layer<ClientConfig, ConfigError.ConfigError> =>
    Layer.effect(this, make(options))

  /**
   * Settings from configuration (see `config`). An invalid variable fails the layer with a
   * `ConfigError` naming it.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<ClientConfig, ConfigError.ConfigError> = Layer.effect(
    this,
    Config.mapOrFail(this.config, make)
  )
}

/**
 * Types that go with `ClientConfig`.
 *
 * @since 0.2.0
 */
export declare namespace ClientConfig {
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
    readonly timeout?: Duration.DurationInput | undefined
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
    readonly baseDelay?: Duration.DurationInput | undefined
    /** The longest backoff. Default 8 seconds. */
    readonly maxDelay?: Duration.DurationInput | undefined
    /** The longest `Retry-After` honoured; a longer one waits this long. Default 30 seconds. */
    readonly maxRetryAfter?: Duration.DurationInput | undefined
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
