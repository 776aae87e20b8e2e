import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { pipe } from "effect/Function"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { ClientConfig } from "../ClientConfig.js"
import type { RetrySettings, Settings } from "../ClientConfig.js"
import { TwilioCredentials } from "../Credentials.js"
import {
  ApiError,
  DecodeError,
  Forbidden,
  InvalidArgument,
  NotFound,
  RateLimited,
  Timeout,
  TransportError,
  Unauthorized,
  UnsafeNextPage
} from "../Errors.js"
import type { FetchError, StatusError } from "../Errors.js"
import { version } from "./version.js"

/** Who is asking, for errors: the method and the path (and query) of the URL. */
export interface Origin {
  readonly method: string
  readonly path: string
}

/** The Video API's HTTP client, shaped once: base URL, origin check, auth, headers, error mapping. */
export interface VideoHttp {
  /** A URL under the base URL, from already-encoded path segments. */
  readonly url: (path: string) => string
  /** GET an absolute URL and decode its JSON body. The URL must be on the configured origin. */
  readonly get: <A>(
    url: string,
    decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>,
    from: Origin
  ) => Effect.Effect<A, FetchError | UnsafeNextPage>
}

export const userAgent = `effect-twilio-video/${version}`

const TwilioErrorBody = Schema.Struct({
  code: Schema.optional(Schema.Number),
  message: Schema.optional(Schema.String),
  more_info: Schema.optional(Schema.String)
})
const decodeErrorBody = Schema.decodeUnknownOption(Schema.parseJson(TwilioErrorBody))

/** Twilio's `code`, `message` and `more_info`, as far as the body has them (an HTML page has none). */
const twilioFields = (body: string) => {
  const b = Option.getOrElse(decodeErrorBody(body), () => ({} as typeof TwilioErrorBody.Type))
  return {
    ...(b.code !== undefined ? { code: b.code } : {}),
    ...(b.message !== undefined ? { twilioMessage: b.message } : {}),
    ...(b.more_info !== undefined ? { moreInfo: b.more_info } : {})
  }
}

const statusError = (response: Raw, from: Origin): StatusError => {
  const fields = {
    ...from,
    status: response.status,
    ...twilioFields(response.body)
  }
  switch (response.status) {
    case 401:
      return new Unauthorized(fields)
    case 403:
      return new Forbidden(fields)
    case 404:
      return new NotFound(fields)
    case 429: {
      const retryAfter = response.retryAfter
      return new RateLimited(retryAfter !== undefined ? { ...fields, retryAfter } : fields)
    }
    default:
      return new ApiError(fields)
  }
}

const transportError = (from: Origin) => (error: HttpClientError.HttpClientError) =>
  new TransportError({ ...from, reason: error.reason === "Transport" ? describeCause(error.cause) : error.reason })

const describeCause = (cause: unknown): string => {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
    return `${cause.message}${inner}`
  }
  return "the request failed"
}

const bodyError = (url: URL, from: Origin, field: string, issue: string): DecodeError =>
  new DecodeError({ ...from, url: url.origin + url.pathname + url.search, field, issue })

/** Turns a schema failure into the field it names and what was wrong there. */
const decodeError = (url: URL, from: Origin, error: ParseResult.ParseError): DecodeError => {
  let first: ParseResult.ArrayFormatterIssue | undefined
  try {
    first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  } catch {
    // rendering the offending value can overflow the stack (a body nested 10,000 deep)
    return bodyError(url, from, "", "the body is not in the documented shape")
  }
  if (first === undefined) return bodyError(url, from, "", "the body is not in the documented shape")
  const issue = first.message.length > 300 ? `${first.message.slice(0, 300)}… (cut)` : first.message
  return bodyError(url, from, first.path.join("."), issue)
}

/**
 * Checks that `url` may receive the credentials: its origin is the configured one, or an alias of
 * it (rewritten to it). Anything else is refused.
 */
const checkOrigin = (
  settings: Settings,
  raw: string,
  from: Origin
): Either.Either<URL, InvalidArgument | UnsafeNextPage> => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return Either.left(new InvalidArgument({ ...from, argument: "url", reason: "is not an absolute URL" }))
  }
  if (url.username === "" && url.password === "") {
    if (url.origin === settings.origin) return Either.right(url)
    if (settings.aliases.includes(url.origin)) return Either.right(new URL(url.pathname + url.search, settings.origin))
  }
  return Either.left(
    new UnsafeNextPage({ ...from, refusedOrigin: url.origin, expectedOrigin: settings.origin })
  )
}

/** A response as the client needs it: status, `Retry-After`, body text. */
export interface Raw {
  readonly status: number
  readonly retryAfter: string | undefined
  readonly body: string
}

/** Sends a GET and reads the whole body; a failure to do so is a `TransportError`. */
export type Send = (url: URL, at: Origin) => Effect.Effect<Raw, TransportError>

/** Interprets a response: a status error, a body that is not JSON or not the schema, or the value. */
const interpret = <A>(
  url: URL,
  at: Origin,
  raw: Raw,
  decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>
): Either.Either<A, FetchError> => {
  if (raw.status < 200 || raw.status >= 300) return Either.left(statusError(raw, at))
  let json: unknown
  try {
    json = JSON.parse(raw.body)
  } catch {
    return Either.left(bodyError(url, at, "", "the body is not valid JSON"))
  }
  return Either.mapLeft(decode(json), (error) => decodeError(url, at, error))
}

const isRetryable = (error: FetchError): boolean => {
  switch (error._tag) {
    case "RateLimited":
    case "TransportError":
    case "Timeout":
      return true
    case "ApiError":
      return error.status === 500 || error.status === 502 || error.status === 503 || error.status === 504
    default:
      return false
  }
}

/** `Retry-After` as a delay: seconds, or an HTTP date; `undefined` when it is neither. */
export const parseRetryAfter = (value: string, nowMillis: number): Duration.Duration | undefined => {
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Duration.seconds(Number(trimmed))
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - nowMillis))
}

/** The wait before retry `n` (from 0): the 429's `Retry-After`, capped, or a jittered backoff. */
const delayFor = (retry: RetrySettings, error: FetchError, n: number) =>
  Effect.map(unroundedDelayFor(retry, error, n), (delay) => Duration.millis(Math.round(Duration.toMillis(delay))))

/** Clocks count whole nanoseconds: a fractional delay (jitter, `Retry-After: 0.0001`) is rounded by the caller. */
const unroundedDelayFor = (retry: RetrySettings, error: FetchError, n: number) =>
  Effect.gen(function*() {
    if (error._tag === "RateLimited" && error.retryAfter !== undefined) {
      const asked = parseRetryAfter(error.retryAfter, yield* Clock.currentTimeMillis)
      if (asked !== undefined) return Duration.min(asked, retry.maxRetryAfter)
    }
    const backoff = Duration.min(Duration.times(retry.baseDelay, 2 ** n), retry.maxDelay)
    // "equal jitter": half fixed, half random, so retries of many clients spread out
    return Duration.times(backoff, 0.5 + (yield* Random.next) / 2)
  })

const retryPolicy = (retry: RetrySettings, at: Origin) =>
  Schedule.identity<FetchError>().pipe(
    Schedule.intersect(Schedule.recurs(retry.maxAttempts - 1)),
    Schedule.whileInput(isRetryable),
    Schedule.modifyDelayEffect(([error, n]) =>
      Effect.tap(delayFor(retry, error, n), (delay) => {
        const attributes = {
          "retry.attempt": n + 2,
          "retry.reason": error._tag,
          "retry.delay_ms": Duration.toMillis(delay)
        }
        return Effect.logDebug(`Retrying ${at.method} ${at.path} after ${error._tag}`).pipe(
          Effect.annotateLogs(attributes),
          Effect.zipRight(Effect.currentSpan.pipe(
            Effect.flatMap((span) => Effect.map(Clock.currentTimeNanos, (now) => span.event("retry", now, attributes))),
            Effect.ignore
          ))
        )
      })
    )
  )

/**
 * The client over any way of sending: the origin check, then `send` within the timeout, then
 * `interpret`, retried as the settings say.
 */
export const makeWith = (settings: Settings, send: Send): VideoHttp => ({
  url: (path) => settings.baseUrl + path,
  get: (raw, decode, from) =>
    Effect.flatMap(checkOrigin(settings, raw, from), (url) => {
      const at: Origin = { method: "GET", path: url.pathname + url.search }
      const attempt = send(url, at).pipe(
        Effect.timeoutFail({
          duration: settings.timeout,
          onTimeout: () => new Timeout({ ...at, timeoutMillis: Duration.toMillis(settings.timeout) })
        }),
        Effect.flatMap((response) => interpret(url, at, response, decode))
      )
      return settings.retry === undefined ? attempt : Effect.retry(attempt, retryPolicy(settings.retry, at))
    })
})

/** The client over the `HttpClient` in context, shaped once with the credentials and headers. */
export const make: Effect.Effect<VideoHttp, never, HttpClient.HttpClient | TwilioCredentials> = Effect.gen(
  function*() {
    const settings = yield* ClientConfig
    const credentials = yield* TwilioCredentials
    const client = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((request) =>
        pipe(
          request,
          HttpClientRequest.basicAuth(credentials.username, credentials.password),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("user-agent", userAgent)
        )
      ),
      // trace headers are for our own services, not a third party's
      HttpClient.withTracerPropagation(false)
    )
    const send: Send = (url, at) =>
      client.get(url).pipe(
        Effect.flatMap((response) =>
          Effect.map(response.text, (body) => ({
            status: response.status,
            retryAfter: response.headers["retry-after"],
            body
          }))
        ),
        Effect.mapError(transportError(at))
      )
    return makeWith(settings, send)
  }
)
