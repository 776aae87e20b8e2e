import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { pipe } from "effect/Function"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
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
  ResponseTooLarge,
  Timeout,
  TransportError,
  Unauthorized,
  UnexpectedRedirect,
  UnsafeNextPage
} from "../Errors.js"
import type { FetchError, StatusError } from "../Errors.js"
import { clip } from "./clip.js"
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
  /**
   * GET an absolute URL and decode its JSON body. The URL must be on the configured origin and its
   * path, below the base URL's, must match `route`; anything else is refused before any request.
   */
  readonly get: <A>(
    url: string,
    route: RegExp,
    decode: (u: unknown, url: URL) => Either.Either<A, ParseResult.ParseError>,
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

/**
 * Twilio's `code`, `message` and `more_info`, as far as the body has them (an HTML page has none),
 * the texts cut short.
 */
const twilioFields = (body: string) => {
  const b = Option.getOrElse(decodeErrorBody(body), () => ({} as typeof TwilioErrorBody.Type))
  return {
    ...(b.code !== undefined ? { code: b.code } : {}),
    ...(b.message !== undefined ? { twilioMessage: clip(b.message) } : {}),
    ...(b.more_info !== undefined ? { moreInfo: clip(b.more_info) } : {})
  }
}

const statusError = (response: Raw, from: Origin): StatusError => {
  const fields = {
    ...from,
    status: response.status,
    ...twilioFields(response.body)
  }
  if (response.status >= 300 && response.status < 400) {
    return new UnexpectedRedirect({ ...from, status: response.status, ...locationOrigin(response) })
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
      return new RateLimited(retryAfter !== undefined ? { ...fields, retryAfter: clip(retryAfter) } : fields)
    }
    default:
      return new ApiError(fields)
  }
}

/** Where a redirect points: the origin of its `Location`, resolved against the request, never its path or user info. */
const locationOrigin = (response: Raw): { readonly locationOrigin?: string } => {
  if (response.location === undefined) return {}
  try {
    const origin = new URL(response.location, response.url).origin
    return origin === "null" ? {} : { locationOrigin: origin }
  } catch {
    return {}
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
 * Checks that `raw` may receive the credentials, and gives the URL to send. Its origin must be the
 * configured one, or an alias of it (Twilio's global host, with a region or edge set), which is
 * replaced by the configured origin and nothing else. Its path, as the URL parser normalises it, must
 * be under the base URL's and match `route` there. Anything else is refused, before any request.
 */
const checkUrl = (
  settings: Settings,
  raw: string,
  route: RegExp,
  from: Origin
): Either.Either<URL, InvalidArgument | UnsafeNextPage> => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return Either.left(new InvalidArgument({ ...from, argument: "url", reason: "is not an absolute URL" }))
  }
  const refuse = (reason: string) =>
    Either.left(new UnsafeNextPage({ ...from, refusedOrigin: url.origin, expectedOrigin: settings.origin, reason }))
  if (url.username !== "" || url.password !== "") return refuse("it carries user info")
  if (url.origin !== settings.origin) {
    if (!settings.aliases.includes(url.origin)) return refuse("it is on another origin")
    // the origin replaced, the path and query kept as they are: never resolved against the new origin
    url = new URL(settings.origin + url.pathname + url.search)
    if (url.origin !== settings.origin) return refuse("it is on another origin")
  }
  const { basePath } = settings
  const path = url.pathname
  if (!(path.startsWith(basePath) && route.test(path.slice(basePath.length)))) {
    return refuse("its path is not a listing of this resource under the base URL")
  }
  url.hash = ""
  return Either.right(url)
}

/** A response as the client needs it: status, `Retry-After`, `Location`, body text. */
export interface Raw {
  readonly url: URL
  readonly status: number
  readonly retryAfter: string | undefined
  readonly location: string | undefined
  readonly body: string
}

/** Sends a GET and reads the whole body; a failure to do so is a `TransportError`. */
export type Send = (url: URL, at: Origin) => Effect.Effect<Raw, TransportError | ResponseTooLarge>

/** Interprets a response: a status error, a body that is not JSON or not the schema, or the value. */
const interpret = <A>(
  url: URL,
  at: Origin,
  raw: Raw,
  decode: (u: unknown, url: URL) => Either.Either<A, ParseResult.ParseError>
): Either.Either<A, FetchError> => {
  if (raw.status < 200 || raw.status >= 300) return Either.left(statusError(raw, at))
  let json: unknown
  try {
    json = JSON.parse(raw.body)
  } catch {
    return Either.left(bodyError(url, at, "", "the body is not valid JSON"))
  }
  return Either.mapLeft(decode(json, url), (error) => decodeError(url, at, error))
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

const dayNames = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
const longDayNames = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
const month = `(${monthNames.join("|")})`
const time = "(\\d{2}):(\\d{2}):(\\d{2})"
/** RFC 9110's IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`. */
const imfFixdate = new RegExp(`^${dayNames}, (\\d{2}) ${month} (\\d{4}) ${time} GMT$`)
/** Its obsolete RFC 850 form, `Sunday, 06-Nov-94 08:49:37 GMT`. */
const rfc850Date = new RegExp(`^${longDayNames}, (\\d{2})-${month}-(\\d{2}) ${time} GMT$`)
/** Its obsolete asctime form, `Sun Nov  6 08:49:37 1994`. */
const asctimeDate = new RegExp(`^${dayNames} ${month} ( \\d|\\d{2}) ${time} (\\d{4})$`)

/** Milliseconds since the epoch of a valid date and time, or `undefined` (31 February, 25:00…). */
const utc = (year: number, monthName: string, day: number, hour: number, minute: number, second: number) => {
  const m = monthNames.indexOf(monthName)
  const millis = Date.UTC(year, m, day, hour, minute, second)
  const date = new Date(millis)
  return date.getUTCFullYear() === year && date.getUTCMonth() === m && date.getUTCDate() === day &&
      hour < 24 && minute < 60 && second < 60
    ? millis
    : undefined
}

/** An HTTP-date in any of RFC 9110's three formats, as milliseconds since the epoch; `undefined` otherwise. */
const parseHttpDate = (value: string, nowMillis: number): number | undefined => {
  let m = imfFixdate.exec(value)
  if (m !== null) return utc(Number(m[3]), m[2]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]))
  m = rfc850Date.exec(value)
  if (m !== null) {
    // a two-digit year more than 50 years ahead is in the past century (RFC 9110, 5.6.7)
    const thisYear = new Date(nowMillis).getUTCFullYear()
    let year = Math.floor(thisYear / 100) * 100 + Number(m[3])
    if (year > thisYear + 50) year -= 100
    return utc(year, m[2]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]))
  }
  m = asctimeDate.exec(value)
  if (m !== null) return utc(Number(m[6]), m[1]!, Number(m[2]!.trim()), Number(m[3]), Number(m[4]), Number(m[5]))
  return undefined
}

/**
 * `Retry-After` as a delay: delta-seconds (digits only) or an HTTP-date (RFC 9110), read strictly;
 * `undefined` for anything else, which then counts as absent. A date in the past is a delay of zero.
 */
export const parseRetryAfter = (value: string, nowMillis: number): Duration.Duration | undefined => {
  if (/^\d+$/.test(value)) return Duration.seconds(Number(value))
  const date = parseHttpDate(value, nowMillis)
  return date === undefined ? undefined : Duration.millis(Math.max(0, date - nowMillis))
}

/** The wait before retry `n` (from 0): the 429's `Retry-After`, capped, or a jittered backoff. */
const delayFor = (retry: RetrySettings, error: FetchError, n: number) =>
  Effect.map(unroundedDelayFor(retry, error, n), (delay) => Duration.millis(Math.round(Duration.toMillis(delay))))

/**
 * Clocks count whole nanoseconds: a fractional delay (jitter) is rounded by the caller. A
 * `Retry-After` only ever lengthens the backoff, so no retry comes sooner than it.
 */
const unroundedDelayFor = (retry: RetrySettings, error: FetchError, n: number) =>
  Effect.gen(function*() {
    const exponential = Duration.min(Duration.times(retry.baseDelay, 2 ** n), retry.maxDelay)
    // "equal jitter": half fixed, half random, so retries of many clients spread out
    const backoff = Duration.times(exponential, 0.5 + (yield* Random.next) / 2)
    if (error._tag === "RateLimited" && error.retryAfter !== undefined) {
      const asked = parseRetryAfter(error.retryAfter, yield* Clock.currentTimeMillis)
      if (asked !== undefined) return Duration.max(Duration.min(asked, retry.maxRetryAfter), backoff)
    }
    return backoff
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
  url: (path) => settings.origin + settings.basePath + path,
  get: (raw, route, decode, from) =>
    Effect.flatMap(checkUrl(settings, raw, route, from), (url) => {
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

/**
 * Reads a body up to `maxBodyBytes`: a declared `Content-Length` over the limit fails before
 * reading, and a body that grows past it fails as it does. The request's scope then aborts it.
 */
const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  maxBodyBytes: number,
  at: Origin
): Effect.Effect<string, ResponseTooLarge | HttpClientError.ResponseError> => {
  const tooLarge = new ResponseTooLarge({ ...at, maxBodyBytes })
  const declared = response.headers["content-length"]
  if (declared !== undefined && Number(declared) > maxBodyBytes) return Effect.fail(tooLarge)
  const chunks: Array<Uint8Array> = []
  let size = 0
  return response.stream.pipe(
    Stream.runForEachChunk((chunk) => {
      for (const bytes of chunk) {
        size += bytes.length
        chunks.push(bytes)
      }
      return size > maxBodyBytes ? Effect.fail(tooLarge) : Effect.void
    }),
    Effect.catchIf(
      (error): error is HttpClientError.ResponseError => error._tag === "ResponseError" && error.reason === "EmptyBody",
      () => Effect.void
    ),
    Effect.map(() => {
      const bytes = new Uint8Array(size)
      let offset = 0
      for (const chunk of chunks) {
        bytes.set(chunk, offset)
        offset += chunk.length
      }
      return new TextDecoder().decode(bytes)
    })
  )
}

/** The fetch options the client needs from `FetchHttpClient`: never follow a redirect. */
const noRedirects = (context: Context.Context<never>): globalThis.RequestInit => ({
  ...Context.getOrElse(context, FetchHttpClient.RequestInit, () => ({})),
  redirect: "manual"
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
      // FetchHttpClient follows redirects unless told not to; other clients ignore this
      HttpClient.transform((effect) =>
        Effect.contextWithEffect((context: Context.Context<never>) =>
          Effect.provideService(effect, FetchHttpClient.RequestInit, noRedirects(context))
        )
      ),
      // the request is aborted when its scope closes: after the body is read, or on any failure
      HttpClient.withScope,
      // trace headers are for our own services, not a third party's
      HttpClient.withTracerPropagation(false)
    )
    const send: Send = (url, at) =>
      client.get(url).pipe(
        Effect.flatMap((response) =>
          Effect.map(readBody(response, settings.maxBodyBytes, at), (body) => ({
            url,
            status: response.status,
            retryAfter: response.headers["retry-after"],
            location: response.headers["location"],
            body
          }))
        ),
        Effect.mapError((error) => error._tag === "ResponseTooLarge" ? error : transportError(at)(error)),
        Effect.scoped
      )
    return makeWith(settings, send)
  }
)
