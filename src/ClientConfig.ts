/**
 * Where the client sends its requests. A `Context.Reference`: it has a default (Twilio's global
 * endpoint), so `PublishedTracks.layer` needs it only when you want another.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/**
 * How to reach the Video API.
 *
 * - `baseUrl` overrides everything else: a proxy, or the testing kit's emulator.
 * - Otherwise `region` and `edge` select `https://video.{edge}.{region}.twilio.com`, as in Twilio's
 *   helper libraries (an edge alone implies region `us1`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly baseUrl?: string | undefined
  readonly region?: string | undefined
  readonly edge?: string | undefined
  /** How GETs are retried; `false` turns retries off. Defaults: see `RetryOptions`. */
  readonly retry?: RetryOptions | false | undefined
  /** How long one request may take, body included. Default 30 seconds, as in Twilio's helper libraries. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * The largest response body read, in bytes; a larger one fails with `ResponseTooLarge`. Default
   * 16 MiB, about 35 times a page of 1,000 tracks.
   */
  readonly maxBodyBytes?: number | undefined
}

/**
 * Retries of GETs on 429, 500, 502, 503, 504, transport failures and timeouts (never on another
 * 4xx): exponential backoff with jitter, or the `Retry-After` of a 429 when it has one.
 *
 * The total delay is bounded: at most `(maxAttempts - 1) × max(maxDelay, maxRetryAfter)`.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 * @category models
 */
export interface RetrySettings {
  readonly maxAttempts: number
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly maxRetryAfter: Duration.Duration
}

/**
 * The resolved settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings {
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
  readonly retry: RetrySettings | undefined
  readonly timeout: Duration.Duration
  readonly maxBodyBytes: number
}

/**
 * The global endpoint.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBaseUrl = "https://video.twilio.com"

const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

type Endpoint = Pick<Settings, "origin" | "basePath" | "aliases">

const invalid = (name: string, problem: string) => Either.left(ConfigError.InvalidData([name], `${name} ${problem}`))

const endpoint = (options: Options): Either.Either<Endpoint, ConfigError.ConfigError> => {
  if (options.baseUrl !== undefined) {
    let url: URL
    try {
      url = new URL(options.baseUrl)
    } catch {
      return invalid("baseUrl", "is not an absolute URL")
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return invalid("baseUrl", "must be http: or https:")
    if (url.username !== "" || url.password !== "") return invalid("baseUrl", "must not carry credentials")
    if (url.search !== "" || url.hash !== "") return invalid("baseUrl", "must not have a query or fragment")
    return Either.right({ origin: url.origin, basePath: url.pathname.replace(/\/+$/, ""), aliases: [] })
  }
  const { edge, region } = options
  if (region !== undefined && !hostLabel.test(region)) return invalid("region", "is not a valid host name label")
  if (edge !== undefined && !hostLabel.test(edge)) return invalid("edge", "is not a valid host name label")
  if (region === undefined && edge === undefined) {
    return Either.right({ origin: defaultBaseUrl, basePath: "", aliases: [] })
  }
  const host = ["video", edge, region ?? "us1", "twilio.com"].filter((part) => part !== undefined).join(".")
  const origin = `https://${host.toLowerCase()}`
  return Either.right({ origin, basePath: "", aliases: [defaultBaseUrl] })
}

const duration = (
  name: string,
  input: Duration.DurationInput | undefined,
  fallback: Duration.DurationInput
): Either.Either<Duration.Duration, ConfigError.ConfigError> => {
  const decoded = Duration.decodeUnknown(input ?? fallback)
  return Option.isSome(decoded) && Duration.greaterThanOrEqualTo(decoded.value, Duration.zero)
    ? Either.right(decoded.value)
    : invalid(name, "is not a valid duration")
}

const retry = (options: RetryOptions | false | undefined) =>
  Either.gen(function*() {
    if (options === false) return undefined
    const maxAttempts = options?.maxAttempts ?? 4
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      return yield* invalid("retry.maxAttempts", "must be a whole number of at least 1")
    }
    return {
      maxAttempts,
      baseDelay: yield* duration("retry.baseDelay", options?.baseDelay, "500 millis"),
      maxDelay: yield* duration("retry.maxDelay", options?.maxDelay, "8 seconds"),
      maxRetryAfter: yield* duration("retry.maxRetryAfter", options?.maxRetryAfter, "30 seconds")
    }
  })

/**
 * Checks the options and resolves them to `Settings`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Either.Either<Settings, ConfigError.ConfigError> =>
  Either.gen(function*() {
    const timeout = yield* duration("timeout", options.timeout, "30 seconds")
    if (Duration.isZero(timeout)) return yield* invalid("timeout", "must be longer than zero")
    const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024
    if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
      return yield* invalid("maxBodyBytes", "must be a whole number of at least 1")
    }
    return { ...(yield* endpoint(options)), retry: yield* retry(options.retry), timeout, maxBodyBytes }
  })

/**
 * The settings used when no layer provides others: the global endpoint, default retries, 30 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Settings = Either.getOrThrow(make())

/**
 * The options read from configuration: `TWILIO_VIDEO_BASE_URL`, `TWILIO_REGION`, `TWILIO_EDGE`,
 * all optional.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  baseUrl: Config.option(Config.string("TWILIO_VIDEO_BASE_URL")),
  region: Config.option(Config.string("TWILIO_REGION")),
  edge: Config.option(Config.string("TWILIO_EDGE"))
}).pipe(Config.map((options) => ({
  baseUrl: Option.getOrUndefined(options.baseUrl),
  region: Option.getOrUndefined(options.region),
  edge: Option.getOrUndefined(options.edge)
})))

const envName: Partial<Record<string, string>> = {
  baseUrl: "TWILIO_VIDEO_BASE_URL",
  region: "TWILIO_REGION",
  edge: "TWILIO_EDGE"
}

const fromEnvironment = config.pipe(
  Effect.flatMap((options) =>
    make(options).pipe(
      // name the environment variable, not the option
      Either.mapLeft((error) =>
        ConfigError.isInvalidData(error)
          ? ConfigError.InvalidData([envName[error.path[0] ?? ""] ?? error.path.join(".")], error.message)
          : error
      )
    )
  )
)

/**
 * The client settings; Twilio's global endpoint unless a layer says otherwise.
 *
 * @since 0.1.0
 * @category tags
 */
export class ClientConfig extends Context.Reference<ClientConfig>()("effect-twilio-video/ClientConfig", {
  defaultValue: (): Settings => defaults
}) {
  /**
   * Settings given in code. Invalid options fail the layer with a `ConfigError` naming the option.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer = (options: Options): Layer.Layer<never, ConfigError.ConfigError> =>
    Layer.effectContext(Effect.map(make(options), (settings) => Context.make(this, settings)))

  /**
   * Settings from the environment (see `config`).
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<never, ConfigError.ConfigError> = Layer.effectContext(
    Effect.map(fromEnvironment, (settings) => Context.make(this, settings))
  )
}
