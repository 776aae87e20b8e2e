/**
 * The Video API's transport: the `HttpClient` in context, shaped once (credentials, headers, no
 * redirects, no trace headers), and every request through one path: the URL check, the request
 * within the timeout with its body bounded, the interpretation of the answer, and the retries.
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { pipe } from "effect/Function"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as Stream from "effect/Stream"
import { ClientConfig } from "../ClientConfig.js"
import { TwilioCredentials } from "../Credentials.js"
import {
  ApiError,
  DecodeError,
  Forbidden,
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
import { parseHttpDate } from "./date.js"
import type { Pairs } from "./form.js"
import { timeoutFail } from "./timeout.js"
import { version } from "./version.js"

/** The request being answered, as errors name it: its method, and its URL's path and query. */
export interface RequestLine {
  readonly method: string
  readonly path: string
}

/**
 * Where a URL comes from: built by this client from checked arguments; given by the caller (a URL
 * passed to `pageAt` or `listFrom`); or given as the next page of the page requested at the path
 * `linkedFrom`. A given URL's path segments are also checked once decoded, except those it shares,
 * at the same place, with the page that linked to it: those are what this client sent itself.
 */
export type Source = "built" | "given" | { readonly linkedFrom: string }

/** A decoder of a response body, which may look at the URL it came from. */
export type Decode<A> = (body: unknown, url: URL) => Result.Result<A, Schema.SchemaError>

/** The Video API's HTTP client. */
export interface VideoHttp {
  /** A URL under the base URL, from already-encoded path segments. */
  readonly url: (path: string) => string
  /**
   * GETs an absolute URL and decodes its JSON body. The URL must be on the configured origin and its
   * path, below the base URL's, must match `route`; anything else is refused before any request.
   * `linking` is the request whose answer gave the URL, for the errors of that check.
   */
  readonly get: <A>(
    url: string,
    route: RegExp,
    decode: Decode<A>,
    linking: RequestLine,
    from: Source
  ) => Effect.Effect<A, FetchError | UnsafeNextPage>
  /**
   * The URL a GET of `url` requests, exactly as it is sent (on the configured origin, without a
   * fragment, its query written as the transport writes it), or `url` itself when it would be
   * refused: what tells two page URLs apart.
   */
  readonly requested: (url: string, route: RegExp, from: Source) => string
  /**
   * POSTs a form to a URL built under the base URL, and decodes its JSON answer. Retried only where
   * the request was surely not processed: a 429, or a connection that never opened.
   */
  readonly post: <A>(url: string, route: RegExp, form: Pairs, decode: Decode<A>) => Effect.Effect<A, FetchError>
}

export const userAgent = `effect-twilio-video/${version}`

const TwilioErrorBody = Schema.Struct({
  code: Schema.optional(Schema.Number),
  message: Schema.optional(Schema.String),
  more_info: Schema.optional(Schema.String)
})
const decodeErrorBody = Schema.decodeUnknownOption(Schema.fromJsonString(TwilioErrorBody))

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

/** Where a redirect points: the origin of its `Location`, resolved against the request, never its path or user info. */
const locationOrigin = (location: string | undefined, url: URL): { readonly locationOrigin?: string } => {
  if (location === undefined) return {}
  try {
    const origin = new URL(location, url).origin
    return origin === "null" ? {} : { locationOrigin: origin }
  } catch {
    return {}
  }
}

const statusError = (
  url: URL,
  line: RequestLine,
  response: HttpClientResponse.HttpClientResponse,
  body: string
): StatusError => {
  const { headers, status } = response
  if (status >= 300 && status < 400) {
    return new UnexpectedRedirect({ ...line, status, ...locationOrigin(headers["location"], url) })
  }
  const fields = { ...line, status, ...twilioFields(body) }
  switch (status) {
    case 401:
      return new Unauthorized(fields)
    case 403:
      return new Forbidden(fields)
    case 404:
      return new NotFound(fields)
    case 429: {
      const retryAfter = headers["retry-after"]
      return new RateLimited(retryAfter !== undefined ? { ...fields, retryAfter: clip(retryAfter) } : fields)
    }
    default:
      return new ApiError(fields)
  }
}

/** What went wrong, from the error the transport gave: its message and its cause's, or `fallback`. */
const describeCause = (cause: unknown, fallback: string): string => {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
    return `${cause.message}${inner}`
  }
  return fallback
}

/**
 * Whether `cause` surely happened before the request left: while resolving the host
 * (`getaddrinfo`) or opening the connection (`connect`, or undici's connect timeout). Decided by the
 * step that failed, never by the error code alone: `EHOSTUNREACH` or `ENETUNREACH` can also end an
 * open connection, after the request went out. A failure whose step is unknown may have come after
 * sending. Node's attempts at several addresses (`AggregateError`) count only when every one failed
 * before sending.
 */
const beforeSending = (cause: unknown, depth = 0): boolean => {
  // the first of the causes (a few deep, as they may loop) that says where it failed decides
  for (let at = cause; typeof at === "object" && at !== null && depth < 4; depth++) {
    const { code, errors, syscall } = at as {
      readonly code?: unknown
      readonly errors?: unknown
      readonly syscall?: unknown
    }
    if (typeof syscall === "string") return syscall === "connect" || syscall === "getaddrinfo"
    if (code === "UND_ERR_CONNECT_TIMEOUT") return true
    if (Array.isArray(errors) && errors.length > 0) return errors.every((e) => beforeSending(e, depth + 1))
    at = (at as { readonly cause?: unknown }).cause
  }
  return false
}

const transportError = (line: RequestLine, { reason }: HttpClientError.HttpClientError) =>
  new TransportError({
    ...line,
    // the kind of failure, "Transport", "Encode", "InvalidUrl", "Decode", "EmptyBody", when no cause says more
    reason: describeCause(reason.cause, reason._tag.replace(/Error$/, "")),
    // a response came, or the request may have left before the failure
    connected: "response" in reason || !beforeSending(reason.cause)
  })

const sidPattern = /^[A-Z]{2}[0-9a-fA-F]{32}$/

/** The SID of the object that holds the value at `path` in `body`, when it has a valid one. */
const sidAt = (body: unknown, path: ReadonlyArray<PropertyKey>): { readonly sid?: string } => {
  let holder = body
  for (const key of path.slice(0, -1)) {
    holder = typeof holder === "object" && holder !== null ? (holder as Record<PropertyKey, unknown>)[key] : undefined
  }
  const sid = typeof holder === "object" && holder !== null ? (holder as { readonly sid?: unknown }).sid : undefined
  return typeof sid === "string" && sidPattern.test(sid) ? { sid } : {}
}

const bodyError = (url: URL, line: RequestLine, field: string, issue: string, sid: { readonly sid?: string } = {}) =>
  new DecodeError({ ...line, url: url.origin + url.pathname + url.search, field, issue, ...sid })

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

/** Turns a schema failure into the field it names, what was wrong there, and the SID of its object. */
const decodeError = (url: URL, line: RequestLine, body: unknown, error: Schema.SchemaError): DecodeError => {
  let first: { readonly path: ReadonlyArray<PropertyKey>; readonly message: string } | undefined
  try {
    const issue = formatIssue(error.issue).issues[0]
    first = issue === undefined ? undefined : {
      path: (issue.path ?? []).map((segment) => typeof segment === "object" ? segment.key : segment),
      message: issue.message
    }
  } catch {
    // rendering the offending value can overflow the stack (a body nested 10,000 deep): no issue
  }
  if (first === undefined) return bodyError(url, line, "", "the body is not in the documented shape")
  return bodyError(url, line, first.path.map(String).join("."), clip(first.message), sidAt(body, first.path))
}

/**
 * Why a path segment of a given URL is refused once decoded, or `undefined`: a server that decodes
 * `%2F` before routing would read a hidden path step, query or fragment in it. A name with a plain
 * `/` (sent as `a%2Fb`) passes.
 */
const hiddenInSegment = (segment: string): string | undefined => {
  let decoded: string
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    return "a segment of its path cannot be decoded"
  }
  if (/[?#\\]/.test(decoded) || decoded.split("/").some((step) => step === "." || step === "..")) {
    return "a segment of its path, decoded, holds a path step (. or ..), a ?, a # or a \\"
  }
  return undefined
}

/** Whether two path segments name the same thing: the same text, or the same once decoded (`%3F`, `%3f`). */
const sameName = (segment: string, sent: string | undefined): boolean => {
  if (sent === undefined) return false
  if (segment === sent) return true
  try {
    return decodeURIComponent(segment) === decodeURIComponent(sent)
  } catch {
    return false
  }
}

/** The longest page URL given by a server or a caller: Twilio's are far shorter; a listing keeps every one it read. */
const maxGivenUrlLength = 8192

/**
 * Checks that `raw` may receive the credentials, and gives the URL as it will be sent. Its origin
 * must be the configured one, or an alias of it (Twilio's global host, with a region or edge set),
 * which is replaced by the configured origin and nothing else. Its path, as the URL parser
 * normalises it, must be under the base URL's and match `route` there; a given URL's segments must
 * hide nothing once decoded. Anything else is refused, before any request. The fragment is dropped
 * and the query written as the transport writes it (`?x` is sent as `?x=`).
 */
const checkUrl = (
  settings: ClientConfig.Service,
  raw: string,
  route: RegExp,
  linking: RequestLine,
  from: Source
): Result.Result<URL, UnsafeNextPage> => {
  const refuse = (refusedOrigin: string, reason: string) =>
    Result.fail(new UnsafeNextPage({ ...linking, refusedOrigin, expectedOrigin: settings.origin, reason }))
  if (from !== "built" && raw.length > maxGivenUrlLength) {
    return refuse("null", `it is longer than ${maxGivenUrlLength} characters`)
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return refuse("null", "it is not an absolute URL")
  }
  if (url.username !== "" || url.password !== "") return refuse(url.origin, "it carries user info")
  if (url.origin !== settings.origin) {
    if (!settings.aliases.includes(url.origin)) return refuse(url.origin, "it is on another origin")
    // the origin replaced, the path and query kept as they are: never resolved against the new origin
    url = new URL(settings.origin + url.pathname + url.search)
    if (url.origin !== settings.origin) return refuse(url.origin, "it is on another origin")
  }
  const { basePath } = settings
  const path = url.pathname
  if (!(path.startsWith(basePath) && route.test(path.slice(basePath.length)))) {
    return refuse(url.origin, "its path is not a listing of this resource under the base URL")
  }
  if (from !== "built") {
    const sent = typeof from === "object" ? from.linkedFrom.slice(basePath.length).split("/") : []
    const segments = path.slice(basePath.length).split("/")
    for (let i = 0; i < segments.length; i++) {
      // a name the linking page was requested with, in the same place, is one this client sent
      const reason = sameName(segments[i]!, sent[i]) ? undefined : hiddenInSegment(segments[i]!)
      if (reason !== undefined) return refuse(url.origin, reason)
    }
  }
  url.hash = ""
  // a bare "?" is dropped too, as the transport drops it
  url.search = url.search === "" ? "" : url.searchParams.toString()
  return Result.succeed(url)
}

/** What a GET may be retried after: anything that may pass, as a GET changes nothing. */
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

/**
 * What a write may be retried after: only where it was surely not processed. Twilio has no
 * idempotency keys for these writes, so a timeout or a 5xx (maybe processed) is never retried.
 */
const isRetryableWrite = (error: FetchError): boolean =>
  error._tag === "RateLimited" || (error._tag === "TransportError" && !error.connected)

/**
 * `Retry-After` as a delay: delta-seconds (digits only) or an HTTP-date (RFC 9110), read strictly;
 * `undefined` for anything else, which then counts as absent. A date in the past is a delay of zero.
 */
export const parseRetryAfter = (value: string, nowMillis: number): Duration.Duration | undefined => {
  if (/^\d+$/.test(value)) return Duration.seconds(Number(value))
  const date = parseHttpDate(value, nowMillis)
  return date === undefined ? undefined : Duration.millis(Math.max(0, date - nowMillis))
}

/**
 * The wait before a retry, from the schedule's exponential `backoff` (capped): jittered, or the
 * 429's `Retry-After` (capped) when that is longer: a `Retry-After` never makes a retry come sooner.
 * Rounded to whole milliseconds, as clocks count whole nanoseconds.
 */
const delayFor = (retry: ClientConfig.Retry, error: FetchError, backoff: Duration.Duration) =>
  Effect.gen(function*() {
    const exponential = Duration.min(backoff, retry.maxDelay)
    // "equal jitter": half fixed, half random, so retries of many clients spread out
    let delay = Duration.times(exponential, 0.5 + (yield* Random.next) / 2)
    if (error._tag === "RateLimited" && error.retryAfter !== undefined) {
      const asked = parseRetryAfter(error.retryAfter, yield* Clock.currentTimeMillis)
      if (asked !== undefined) delay = Duration.max(Duration.min(asked, retry.maxRetryAfter), delay)
    }
    return Duration.millis(Math.round(Duration.toMillis(delay)))
  })

/** Logs a retry at debug level, and records it as an event of the current span. */
const announce = (line: RequestLine, error: FetchError, attempt: number, delay: Duration.Duration) => {
  const attributes = {
    "retry.attempt": attempt,
    "retry.reason": error._tag,
    "retry.delay_ms": Duration.toMillis(delay)
  }
  return Effect.logDebug(`Retrying ${line.method} ${clip(line.path)} after ${error._tag}`).pipe(
    Effect.annotateLogs(attributes),
    Effect.andThen(Effect.currentSpan.pipe(
      Effect.flatMap((span) => Effect.map(Clock.currentTimeNanos, (now) => span.event("retry", now, attributes))),
      Effect.ignore
    ))
  )
}

/**
 * `attempt`, retried as `retry` says, by Effect's `retry` with a `Schedule`: an exponential backoff
 * whose each delay `delayFor` jitters or lengthens to the error's `Retry-After`, announced before
 * the wait; `retryable` decides which failures are retried at all, and `maxAttempts` bounds them. A
 * first attempt that succeeds costs nothing more.
 */
const retried = <A>(
  attempt: Effect.Effect<A, FetchError>,
  retry: ClientConfig.Retry,
  line: RequestLine,
  retryable: (error: FetchError) => boolean
): Effect.Effect<A, FetchError> =>
  Effect.retry(attempt, {
    schedule: Schedule.exponential(retry.baseDelay).pipe(
      Schedule.setInputType<FetchError>(),
      Schedule.modifyDelay(({ attempt, duration, input }) =>
        Effect.tap(delayFor(retry, input, duration), (delay) => announce(line, input, attempt + 1, delay))
      )
    ),
    while: retryable,
    times: retry.maxAttempts - 1
  })

/**
 * Reads a body up to `maxBodyBytes`, counting the bytes as the transport hands them over: after it
 * has decoded any `Content-Encoding` (fetch decodes gzip, deflate and br whatever the request
 * asked for), so a small compressed answer cannot grow past the limit. A body fails as soon as the
 * count passes the limit, and ending the stream aborts the request; a declared `Content-Length`
 * over the limit is refused before a byte is read, and one within it, with no `Content-Encoding`,
 * bounds the body by itself. An answer with no body (a 204, a 304) is `""`.
 */
const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  maxBodyBytes: number,
  line: RequestLine
): Effect.Effect<string, ResponseTooLarge | HttpClientError.HttpClientError> => {
  const tooLarge = () => new ResponseTooLarge({ ...line, maxBodyBytes })
  const declared = response.headers["content-length"]
  if (declared !== undefined && Number(declared) > maxBodyBytes) {
    // refused unread: the stream, started and ended at once, aborts the request
    return Stream.runDrain(Stream.interruptWhen(response.stream, Effect.void)).pipe(
      Effect.ignore,
      Effect.andThen(Effect.failSync(tooLarge))
    )
  }
  const encoding = response.headers["content-encoding"]
  if (
    declared !== undefined && /^\d+$/.test(declared) && (encoding === undefined || /^\s*identity\s*$/i.test(encoding))
  ) {
    // framed by its Content-Length (within the limit), and with no encoding that could expand it:
    // read whole, as `response.stream` costs about 360 µs more an answer (`npx tsx
    // bench/fetch-overhead.ts`: 452 µs of this client's own work a fetch, 94 µs this way). The
    // bytes counted all the same, in case a transport hands over more than the framing allows.
    return Effect.flatMap(
      response.arrayBuffer,
      (bytes) =>
        bytes.byteLength > maxBodyBytes ? Effect.failSync(tooLarge) : Effect.succeed(new TextDecoder().decode(bytes))
    )
  }
  let size = 0
  const decoder = new TextDecoder()
  let text = ""
  return response.stream.pipe(
    Stream.runForEachArray((chunk) => {
      for (const bytes of chunk) {
        size += bytes.length
        if (size > maxBodyBytes) return Effect.failSync(tooLarge)
        // decoded as it comes, so that no chunk is kept
        text += decoder.decode(bytes, { stream: true })
      }
      return Effect.void
    }),
    Effect.catchIf(
      (error): error is HttpClientError.HttpClientError =>
        error._tag === "HttpClientError" && error.reason._tag === "EmptyBodyError",
      () => Effect.void
    ),
    Effect.map(() => text + decoder.decode())
  )
}

/** Interprets an answer: a status error, a body that is not JSON or not the schema, or the value. */
const interpret = <A>(
  url: URL,
  line: RequestLine,
  response: HttpClientResponse.HttpClientResponse,
  body: string,
  decode: Decode<A>
): Result.Result<A, FetchError> => {
  if (response.status < 200 || response.status >= 300) return Result.fail(statusError(url, line, response, body))
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return Result.fail(bodyError(url, line, "", "the body is not valid JSON"))
  }
  return Result.mapError(decode(json, url), (error) => decodeError(url, line, json, error))
}

/** The fetch options the client needs from `FetchHttpClient`: never follow a redirect. */
const noRedirects = (context: Context.Context<never>): globalThis.RequestInit => ({
  ...Context.getOrElse(context, FetchHttpClient.RequestInit, () => ({})),
  redirect: "manual"
})

/** The attributes of an HTTP client span (OpenTelemetry's semantic conventions), for the request's span. */
const annotateRequest = (method: string, url: URL) =>
  Effect.annotateCurrentSpan({
    "http.request.method": method,
    "server.address": url.hostname,
    "url.full": url.href,
    "url.path": url.pathname
  })

/** The client over the `HttpClient` in context, shaped once with the credentials and headers. */
export const make: Effect.Effect<VideoHttp, never, HttpClient.HttpClient | TwilioCredentials> = Effect.gen(
  function*() {
    const settings = yield* ClientConfig
    const credentials = yield* TwilioCredentials
    // computed once; the platform redacts the authorization header wherever it shows headers
    const authorization = `Basic ${btoa(`${credentials.username}:${Redacted.value(credentials.password)}`)}`
    const client = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((request) =>
        pipe(
          request,
          HttpClientRequest.setHeader("authorization", authorization),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("user-agent", userAgent)
        )
      ),
      // FetchHttpClient follows redirects unless told not to; other clients ignore this
      HttpClient.transform((effect) =>
        Effect.contextWith((context: Context.Context<never>) =>
          Effect.provideService(effect, FetchHttpClient.RequestInit, noRedirects(context))
        )
      ),
      // one span a request: the operation's, which gets the HTTP attributes below; no trace headers
      // to a third party
      HttpClient.transformResponse((response) =>
        response.pipe(
          Effect.provideService(HttpClient.TracerDisabledWhen, () => true),
          Effect.provideService(HttpClient.TracerPropagationEnabled, false)
        )
      )
    )
    const timeoutMillis = Duration.toMillis(settings.timeout)

    /** One attempt: the request within the timeout, its body read, its answer interpreted. */
    const attempt = <A>(
      request: HttpClientRequest.HttpClientRequest,
      url: URL,
      line: RequestLine,
      decode: Decode<A>
    ): Effect.Effect<A, FetchError> =>
      timeoutFail(
        client.execute(request).pipe(
          Effect.tap((response) => Effect.annotateCurrentSpan("http.response.status_code", response.status)),
          Effect.flatMap((response) =>
            Effect.flatMap(
              readBody(response, settings.maxBodyBytes, line),
              (body) => Effect.fromResult(interpret(url, line, response, body, decode))
            )
          ),
          Effect.catchTag("HttpClientError", (error) => Effect.fail(transportError(line, error)))
        ),
        settings.timeout,
        () => new Timeout({ ...line, timeoutMillis })
      )

    /** A request with its span's attributes, retried as `retryable` allows. */
    const send = <A>(
      request: HttpClientRequest.HttpClientRequest,
      url: URL,
      decode: Decode<A>,
      retryable: (error: FetchError) => boolean
    ) => {
      const line: RequestLine = { method: request.method, path: url.pathname + url.search }
      const once = Effect.andThen(annotateRequest(request.method, url), attempt(request, url, line, decode))
      return settings.retry === undefined ? once : retried(once, settings.retry, line, retryable)
    }

    return {
      url: (path) => settings.origin + settings.basePath + path,
      get: (raw, route, decode, linking, from) =>
        Effect.flatMap(
          Effect.fromResult(checkUrl(settings, raw, route, linking, from)),
          (url) => send(HttpClientRequest.get(url), url, decode, isRetryable)
        ),
      requested: (raw, route, from) =>
        Result.match(checkUrl(settings, raw, route, { method: "GET", path: "" }, from), {
          onFailure: () => raw,
          onSuccess: (url) => url.href
        }),
      post: (raw, route, form, decode) =>
        Effect.fromResult(checkUrl(settings, raw, route, { method: "POST", path: raw }, "built")).pipe(
          // a URL built from the configured base is always on its origin, under its path
          Effect.orDie,
          Effect.flatMap((url) =>
            send(HttpClientRequest.post(url).pipe(HttpClientRequest.bodyUrlParams(form)), url, decode, isRetryableWrite)
          )
        )
    }
  }
)
