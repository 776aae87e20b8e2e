/**
 * Where the client sends its requests. A `Context.Reference`: it has a default (Twilio's global
 * endpoint), so `PublishedTracks.layer` needs it only when you want another.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
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
}

/**
 * The resolved settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  /** The base URL, without a trailing slash: `https://video.twilio.com`. */
  readonly baseUrl: string
  /** The origin (scheme, host, port) of `baseUrl`: the only one that ever receives the credentials. */
  readonly origin: string
  /**
   * Origins that page URLs may name and that stand for `origin`: with a region or edge set, Twilio
   * still writes `https://video.twilio.com` into `next_page_url`.
   */
  readonly aliases: ReadonlyArray<string>
}

/**
 * The global endpoint.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBaseUrl = "https://video.twilio.com"

const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/**
 * Checks the options and resolves them to `Settings`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Either.Either<Settings, ConfigError.ConfigError> => {
  const invalid = (name: string, problem: string) => Either.left(ConfigError.InvalidData([name], `${name} ${problem}`))
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
    return Either.right({ baseUrl: url.href.replace(/\/+$/, ""), origin: url.origin, aliases: [] })
  }
  const { edge, region } = options
  if (region !== undefined && !hostLabel.test(region)) return invalid("region", "is not a valid host name label")
  if (edge !== undefined && !hostLabel.test(edge)) return invalid("edge", "is not a valid host name label")
  if (region === undefined && edge === undefined) {
    return Either.right({ baseUrl: defaultBaseUrl, origin: defaultBaseUrl, aliases: [] })
  }
  const host = ["video", edge, region ?? "us1", "twilio.com"].filter((part) => part !== undefined).join(".")
  const origin = `https://${host.toLowerCase()}`
  return Either.right({ baseUrl: origin, origin, aliases: [defaultBaseUrl] })
}

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

const envName: Record<keyof Options, string> = {
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
          ? ConfigError.InvalidData([envName[error.path[0] as keyof Options]], error.message)
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
  defaultValue: (): Settings => ({ baseUrl: defaultBaseUrl, origin: defaultBaseUrl, aliases: [] })
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
