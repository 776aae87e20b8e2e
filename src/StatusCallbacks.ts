/**
 * Status callbacks into an Effect app: Twilio's signature checked in constant time, each event
 * decoded to a typed `StatusCallbackEvent`, the app's handler run; for effect's HTTP router, for any
 * server that speaks `Request` and `Response`, or as a `Stream`.
 *
 * @since 1.2.0
 */
import * as ByteSize from "effect/ByteSize"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpEffect from "effect/http/HttpEffect"
import * as HttpIncomingMessage from "effect/http/HttpIncomingMessage"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { TwilioCredentials } from "./Credentials.js"
import { InvalidSignature } from "./Errors.js"
import { check, checked, configError, httpUrlRule, wholeNumberRule } from "./internal/option.js"
import type { Rule } from "./internal/option.js"
import * as Signature from "./internal/signature.js"
import * as StatusCallbackEvent from "./StatusCallbackEvent.js"

/** Far more than any callback's form (a few hundred bytes). */
const defaultMaxBodyBytes = 64 * 1024

/** The public URL of the app's root, without the trailing slash the request's path brings. */
const baseUrlRule: Rule<string> = (value) =>
  Result.map(httpUrlRule({ credentials: "allowed" })(value), (url) => url.replace(/\/+$/, ""))

/**
 * The path and query the request was sent to, as sent: a router that mounts the handler under a
 * prefix takes that prefix out of `url`, but Twilio signed it.
 */
const sentPath = (request: HttpServerRequest.HttpServerRequest) =>
  request.originalUrl.replace(/^https?:\/\/[^/?#]*/i, "")

/** The first value of a header that a proxy may have written as a list. */
const firstOf = (value: string | undefined) => value?.split(",")[0]?.trim() || undefined

const make = (options: StatusCallbacks.Options): Effect.Effect<StatusCallbacks.Service, Config.ConfigError> =>
  Effect.gen(function*() {
    if (options.authToken === undefined || Redacted.value(options.authToken) === "") {
      return yield* Effect.fail(configError("authToken", "authToken is required, and must not be empty"))
    }
    const publicBaseUrl = options.publicBaseUrl === undefined
      ? undefined
      : yield* Effect.fromResult(check("publicBaseUrl", options.publicBaseUrl, baseUrlRule))
    const maxBodyBytes = yield* Effect.fromResult(
      check("maxBodyBytes", options.maxBodyBytes ?? defaultMaxBodyBytes, wholeNumberRule(1))
    )
    const signer = yield* Signature.make(options.authToken)
    return service(signer, {
      publicBaseUrl,
      trustForwardedHeaders: options.trustForwardedHeaders === true,
      maxBodyBytes
    })
  })

const service = (
  signer: Signature.Signer,
  options: {
    readonly publicBaseUrl: string | undefined
    readonly trustForwardedHeaders: boolean
    readonly maxBodyBytes: number
  }
): StatusCallbacks.Service => {
  const verify = (request: StatusCallbacks.SignedRequest): Effect.Effect<void, InvalidSignature> => {
    const parameters = [...request.parameters]
    if (request.signature === undefined || request.signature === "") {
      return Effect.fail(new InvalidSignature({ reason: "the request has no X-Twilio-Signature header" }))
    }
    return Effect.flatMap(
      signer.verify(request.url, parameters, request.signature),
      (valid) =>
        valid ? Effect.void : Effect.fail(
          new InvalidSignature({
            reason: "it is not Twilio's signature of this URL and these parameters with the auth token"
          })
        )
    )
  }

  /** The URL Twilio called, as it signed it: the public base URL, forwarded headers, or the request's own. */
  const publicUrl = (request: HttpServerRequest.HttpServerRequest): string => {
    if (options.publicBaseUrl !== undefined) return options.publicBaseUrl + sentPath(request)
    const forwarded = options.trustForwardedHeaders
    // a Web `Request` (toWebHandler) carries its whole URL; a Node request, its path and a Host header
    if (!forwarded && /^https?:\/\//i.test(request.originalUrl)) return request.originalUrl
    const protocol = (forwarded ? firstOf(request.headers["x-forwarded-proto"]) : undefined) ??
      request.protocol ?? (/^https:/i.test(request.originalUrl) ? "https" : "http")
    const host = (forwarded ? firstOf(request.headers["x-forwarded-host"]) : undefined) ?? request.headers["host"] ?? ""
    return `${protocol}://${host}${sentPath(request)}`
  }

  const handler = <E, R>(
    onEvent: (event: StatusCallbackEvent.StatusCallbackEvent) => Effect.Effect<void, E, R>
  ): Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest | R> =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      if (request.method !== "POST" && request.method !== "GET") {
        return HttpServerResponse.empty({ status: 405, headers: { allow: "GET, POST" } })
      }
      const url = publicUrl(request)
      // a GET callback's parameters: its query, as the URL carries it
      const query = new URLSearchParams(/\?([^#]*)/.exec(sentPath(request))?.[1] ?? "")
      // a POST callback's parameters are its form; a GET one's are in the URL, which is signed whole
      const body = request.method === "POST"
        ? yield* request.text.pipe(
          Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.bytes(options.maxBodyBytes)),
          Effect.option
        )
        : Option.some("")
      if (Option.isNone(body)) {
        return HttpServerResponse.text("the body is over the limit or cannot be read", { status: 400 })
      }
      const form = [...new URLSearchParams(body.value)]
      const signature = request.headers["x-twilio-signature"]
      const verified = yield* Effect.result(verify({ url, parameters: form, signature }))
      if (Result.isFailure(verified)) return HttpServerResponse.empty({ status: 403 })
      const event = yield* Effect.result(
        StatusCallbackEvent.fromParameters(request.method === "POST" ? form : [...query])
      )
      if (Result.isFailure(event)) return HttpServerResponse.text(event.failure.message, { status: 400 })
      return yield* onEvent(event.success).pipe(
        Effect.as(HttpServerResponse.empty({ status: 204 })),
        Effect.catchCause((cause) =>
          Cause.hasInterruptsOnly(cause)
            ? Effect.failCause(cause as Cause.Cause<never>)
            : Effect.as(
              Effect.logError(`status callback ${event.success._tag}: the handler failed`, cause),
              HttpServerResponse.empty({ status: 500 })
            )
        )
      )
    }).pipe(Effect.withSpan("StatusCallbacks.handler"))

  return {
    verify,
    handler,
    toWebHandler: <E, R>(onEvent: (event: StatusCallbackEvent.StatusCallbackEvent) => Effect.Effect<void, E, R>) =>
      Effect.map(Effect.context<R>(), (context) => {
        // every requirement but the request is in `context`: TypeScript cannot see that `Exclude` of a
        // type parameter leaves nothing, so it would ask for a second context
        const web = HttpEffect.toWebHandlerWith<R, HttpServerRequest.HttpServerRequest | R>(context)(
          handler(onEvent)
        ) as (request: Request) => Promise<Response>
        return (request: Request) => web(request)
      })
  }
}

/**
 * Checks and decodes the status callbacks Twilio sends to a room's `StatusCallback` URL.
 *
 * ```ts
 * HttpRouter.add("POST", "/twilio/rooms", StatusCallbacks.handler((event) => Effect.log(event._tag)))
 * ```
 *
 * @since 1.2.0
 * @category tags
 */
export class StatusCallbacks extends Context.Service<StatusCallbacks, StatusCallbacks.Service>()(
  "effect-twilio-video/StatusCallbacks"
) {
  /**
   * A checker for the auth token given. An invalid option is a `ConfigError` naming it.
   *
   * @since 1.2.0
   * @category constructors
   */
  static readonly make: (
    options: StatusCallbacks.Options
  ) => Effect.Effect<StatusCallbacks.Service, Config.ConfigError> = make

  /**
   * With the auth token of `TwilioCredentials` (Twilio signs callbacks with it, not with an API
   * key: credentials that hold an API key fail the layer with a `ConfigError` that says so), and
   * `options` for where the app is reached.
   *
   * @since 1.2.0
   * @category layers
   */
  static readonly layer = (
    options: Omit<StatusCallbacks.Options, "authToken"> = {}
  ): Layer.Layer<StatusCallbacks, Config.ConfigError, TwilioCredentials> =>
    Layer.effect(
      this,
      Effect.flatMap(Effect.service(TwilioCredentials), (credentials) =>
        credentials.username === credentials.accountSid
          ? make({ ...options, authToken: credentials.password })
          : Effect.fail(configError(
            "authToken",
            "the auth token is required to verify status callbacks: Twilio signs them with it, not with an API key"
          )))
    )

  /**
   * From configuration: `TWILIO_AUTH_TOKEN`, and `TWILIO_WEBHOOK_BASE_URL` (optional) as
   * `publicBaseUrl`. A missing or invalid variable fails the layer with a `ConfigError` naming it,
   * never its value.
   *
   * @since 1.2.0
   * @category layers
   */
  static readonly layerConfig: Layer.Layer<StatusCallbacks, Config.ConfigError> = Layer.effect(
    this,
    Effect.flatMap(
      Config.all({
        authToken: Config.Redacted("TWILIO_AUTH_TOKEN"),
        publicBaseUrl: Config.option(checked("TWILIO_WEBHOOK_BASE_URL", baseUrlRule))
      }),
      ({ authToken, publicBaseUrl }) => make({ authToken, publicBaseUrl: Option.getOrUndefined(publicBaseUrl) })
    )
  )

  /**
   * Succeeds when `signature` is Twilio's signature of `url` and `parameters` (the form's fields of a
   * POST callback; none for a GET one, whose URL holds them), compared in constant time; fails with
   * `InvalidSignature` otherwise.
   *
   * @since 1.2.0
   * @category verification
   */
  static readonly verify = (
    request: StatusCallbacks.SignedRequest
  ): Effect.Effect<void, InvalidSignature, StatusCallbacks> =>
    Effect.flatMap(Effect.service(StatusCallbacks), (callbacks) => callbacks.verify(request))

  /**
   * The event of a callback's parameters, once its signature is checked (`verify`): for a server
   * of your own. Unknown event names give `Unknown`; a known event whose parameters do not match
   * its schema fails with the `SchemaError`.
   *
   * @since 1.2.0
   * @category decoding
   */
  static readonly decode: (
    parameters: Iterable<readonly [string, string]>
  ) => Effect.Effect<StatusCallbackEvent.StatusCallbackEvent, Schema.SchemaError> = StatusCallbackEvent.fromParameters

  /**
   * A handler for effect's HTTP router (`HttpRouter.add("POST", path, …)`, and `"GET"` for rooms
   * whose `StatusCallbackMethod` is GET): reads at most `maxBodyBytes`, checks the signature,
   * decodes the event and runs `onEvent`. It answers 204 when `onEvent` succeeds; 403, running
   * nothing, for a bad signature; 400 for a body over the limit or parameters it cannot decode; 500
   * when `onEvent` fails (logged, so that Twilio retries); 405 for a method but GET and POST.
   *
   * @since 1.2.0
   * @category handlers
   */
  static readonly handler = <E, R>(
    onEvent: (event: StatusCallbackEvent.StatusCallbackEvent) => Effect.Effect<void, E, R>
  ): Effect.Effect<
    HttpServerResponse.HttpServerResponse,
    never,
    StatusCallbacks | HttpServerRequest.HttpServerRequest | R
  > => Effect.flatMap(Effect.service(StatusCallbacks), (callbacks) => callbacks.handler(onEvent))

  /**
   * The same handler as a function from `Request` to `Response`, for any server or framework
   * (Bun, Deno, a Cloudflare Worker, Hono…), with the services it runs in.
   *
   * @since 1.2.0
   * @category handlers
   */
  static readonly toWebHandler = <E, R>(
    onEvent: (event: StatusCallbackEvent.StatusCallbackEvent) => Effect.Effect<void, E, R>
  ): Effect.Effect<(request: Request) => Promise<Response>, never, StatusCallbacks | R> =>
    Effect.flatMap(Effect.service(StatusCallbacks), (callbacks) => callbacks.toWebHandler(onEvent))

  /**
   * Events as a `Stream`: `onEvent` for a handler offers each event to a queue of `capacity`
   * (waiting while it is full, so Twilio's request waits too), and `events` takes them in order.
   * The queue ends with the scope.
   *
   * @since 1.2.0
   * @category streams
   */
  static readonly queue = (capacity = 64): Effect.Effect<StatusCallbacks.Queued, never, Scope.Scope> =>
    Effect.map(
      Effect.acquireRelease(Queue.bounded<StatusCallbackEvent.StatusCallbackEvent>(capacity), Queue.shutdown),
      (queue) => ({
        onEvent: (event) => Effect.asVoid(Queue.offer(queue, event)),
        events: Stream.fromQueue(queue)
      })
    )
}

/**
 * Types that go with `StatusCallbacks`.
 *
 * @since 1.2.0
 */
export declare namespace StatusCallbacks {
  /**
   * The auth token, and where Twilio reaches the app. Twilio signs the URL it calls: behind a proxy
   * that changes the scheme, host or path, give `publicBaseUrl` (the public URL of the app's root:
   * the request's path and query are added to it), or, behind a proxy you run that sets them,
   * `trustForwardedHeaders` (`X-Forwarded-Proto` and `X-Forwarded-Host`). Without either, the URL
   * is the request's own: its scheme and `Host` header.
   *
   * @since 1.2.0
   * @category models
   */
  export interface Options {
    readonly authToken: Redacted.Redacted<string>
    readonly publicBaseUrl?: string | undefined
    readonly trustForwardedHeaders?: boolean | undefined
    /** Default 64 KiB. */
    readonly maxBodyBytes?: number | undefined
  }

  /**
   * What a signature is checked against: the URL Twilio called, the form's parameters, and the
   * `X-Twilio-Signature` header.
   *
   * @since 1.2.0
   * @category models
   */
  export interface SignedRequest {
    readonly url: string
    readonly parameters: Iterable<readonly [string, string]>
    readonly signature: string | undefined
  }

  /**
   * A queue's two ends (see `queue`).
   *
   * @since 1.2.0
   * @category models
   */
  export interface Queued {
    readonly onEvent: (event: StatusCallbackEvent.StatusCallbackEvent) => Effect.Effect<void>
    readonly events: Stream.Stream<StatusCallbackEvent.StatusCallbackEvent>
  }

  /**
   * The service.
   *
   * @since 1.2.0
   * @category models
   */
  export interface Service {
    readonly verify: (request: SignedRequest) => Effect.Effect<void, InvalidSignature>
    readonly handler: <E, R>(
      onEvent: (event: StatusCallbackEvent.StatusCallbackEvent) => Effect.Effect<void, E, R>
    ) => Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest | R>
    readonly toWebHandler: <E, R>(
      onEvent: (event: StatusCallbackEvent.StatusCallbackEvent) => Effect.Effect<void, E, R>
    ) => Effect.Effect<(request: Request) => Promise<Response>, never, R>
  }
}
