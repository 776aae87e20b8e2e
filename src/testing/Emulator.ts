/**
 * A Twilio Video emulator at the HTTP level: an `HttpClient` that answers as Twilio does from an
 * in-memory world, so the real client runs against it unchanged. It checks Basic auth (401, code
 * 20003), answers 404 with code 20404, validates `PageSize` (400 over 1000), pages with Twilio's
 * `meta`, and injects faults on request. `TestTwilioVideo.layer` is the client over it.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Tracer from "effect/Tracer"
import { AccessTokens } from "../AccessTokens.js"
import { TwilioCredentials } from "../Credentials.js"
import type { AccountSid, ApiKeySid } from "../Sid.js"
import type * as Faults from "./Faults.js"
import * as Handler from "./internal/handler.js"
import { sid } from "./internal/world.js"
import * as World from "./World.js"

/**
 * The account the emulator accepts by default.
 *
 * @since 0.1.0
 * @category constants
 */
export const accountSid: AccountSid = World.accountSid

/**
 * The auth token the emulator accepts by default.
 *
 * @since 0.1.0
 * @category constants
 */
export const authToken: Redacted.Redacted<string> = Redacted.make("emulator-auth-token")

/**
 * The API key the emulator accepts by default, besides the auth token: `AccessTokens` signs with it.
 *
 * @since 1.1.0
 * @category constants
 */
export const apiKeySid: ApiKeySid = sid("SK", "emulator-api-key") as ApiKeySid

/**
 * The secret of `apiKeySid`: 32 characters, as Twilio's are.
 *
 * @since 1.1.0
 * @category constants
 */
export const apiKeySecret: Redacted.Redacted<string> = Redacted.make("emulator-api-key-secret-32-chars")

/**
 * Credentials the emulator accepts.
 *
 * @since 0.1.0
 * @category layers
 */
export const credentials: Layer.Layer<TwilioCredentials> = Layer.orDie(
  TwilioCredentials.layer({ accountSid, authToken })
)

/**
 * `AccessTokens` signing with the emulator's API key, as an app's token server would with its own.
 *
 * @since 1.1.0
 * @category layers
 */
export const accessTokens: Layer.Layer<AccessTokens> = Layer.orDie(
  Layer.effect(AccessTokens, AccessTokens.make({ accountSid, apiKeySid, apiKeySecret }))
)

/**
 * The configuration an app that reads its settings from the environment uses the emulator at
 * `baseUrl` with: its account, auth token and API key, and `TWILIO_VIDEO_BASE_URL`.
 *
 * @since 1.1.0
 * @category constructors
 */
export const env = (baseUrl: string): Readonly<Record<string, string>> => ({
  TWILIO_ACCOUNT_SID: accountSid,
  TWILIO_AUTH_TOKEN: Redacted.value(authToken),
  TWILIO_API_KEY: apiKeySid,
  TWILIO_API_SECRET: Redacted.value(apiKeySecret),
  TWILIO_VIDEO_BASE_URL: baseUrl
})

/**
 * What the emulator accepts, and the faults it injects.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * The Basic auth user name and password accepted. Default: `accountSid` with `authToken`, and
   * `apiKeySid` with `apiKeySecret`, as Twilio accepts either.
   */
  readonly accept?: { readonly username: string; readonly password: Redacted.Redacted<string> } | undefined
  /** Start out refusing every request with 401. */
  readonly rejectCredentials?: boolean | undefined
  readonly faults?: Faults.Options | undefined
}

/** The body of a request as the client sends forms: bytes; `undefined` for none. */
const bodyOf = (request: HttpClientRequest.HttpClientRequest): BodyInit | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Uint8Array":
      return body.body as Uint8Array<ArrayBuffer>
    case "Raw":
      return typeof body.body === "string" ? body.body : undefined
    default:
      return undefined
  }
}

/**
 * The emulator as an `HttpClient`, with the `WorldControl` of its world: each request is served by
 * the emulator's HTTP app in the calling fiber, as a server would receive it. Each build starts
 * from `world` afresh.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  world: World.World,
  options: Options = {}
): Layer.Layer<HttpClient.HttpClient | World.WorldControl> =>
  Layer.effectContext(Effect.map(Handler.make(world, options), ({ control, handle }) => {
    const client = HttpClient.make((request, url) => {
      const transportError = (cause: unknown) =>
        new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })
      return Effect.try({
        try: () =>
          HttpServerRequest.fromWeb(
            new Request(url, { method: request.method, headers: request.headers, body: bodyOf(request) ?? null })
          ),
        catch: transportError
      }).pipe(
        Effect.flatMap((incoming) =>
          handle(url.origin).pipe(
            Effect.provideService(HttpServerRequest.HttpServerRequest, incoming),
            Effect.scoped,
            // the emulator is the far side of the wire: it adds nothing (`http.route`) to the caller's spans
            Effect.withTracer(Tracer.nativeTracer)
          )
        ),
        Effect.flatMap((response) => {
          const web = HttpServerResponse.toWeb(response, { withoutBody: request.method === "HEAD" })
          // a body that fails (the emulator dropped the connection) is a connection lost
          return Effect.tryPromise({ try: () => web.arrayBuffer(), catch: transportError }).pipe(
            Effect.map((bytes) =>
              HttpClientResponse.fromWeb(request, new Response(bytes, { status: web.status, headers: web.headers }))
            )
          )
        })
      )
    })
    return Context.make(HttpClient.HttpClient, client).pipe(Context.add(World.WorldControl, control))
  }))
