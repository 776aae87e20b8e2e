/**
 * The errors of this client. Each is a `Schema.TaggedError`, so `Effect.catchTag` tells them apart,
 * and each carries the request's method and URL path (`InvalidArgument`, raised before any request,
 * names the operation instead). None ever carries a credential.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { clip } from "./internal/clip.js"

const request = {
  /** The HTTP method of the request. */
  method: Schema.String,
  /**
   * The path (and query) of the request's URL. For `UnsafeNextPage` and `PageLoop`, the page that
   * gave the link (for a URL given to `pageAt` or `listFrom`, the listing's route).
   */
  path: Schema.String
}

const response = {
  ...request,
  /** The HTTP status of the response. */
  status: Schema.Number,
  /** Twilio's error code (see https://www.twilio.com/docs/api/errors), when the body had one. */
  code: Schema.optional(Schema.Number),
  /** Twilio's own message, when the body had one. */
  twilioMessage: Schema.optional(Schema.String),
  /** Twilio's link to the error's documentation, when the body had one. */
  moreInfo: Schema.optional(Schema.String)
}

interface ResponseFields {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly code?: number | undefined
  readonly twilioMessage?: string | undefined
}

const describe = (what: string, e: ResponseFields): string => {
  const twilio = e.code !== undefined || e.twilioMessage !== undefined
    ? ` (Twilio${e.code !== undefined ? ` ${e.code}` : ""}${
      e.twilioMessage !== undefined ? `: ${clip(e.twilioMessage)}` : ""
    })`
    : ""
  return `${what}: ${e.method} ${clip(e.path)} answered ${e.status}${twilio}`
}

/**
 * The room, participant or track does not exist (HTTP 404).
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("effect-twilio-video/NotFound")("NotFound", response) {
  override get message(): string {
    return describe("Not found", this)
  }
}

/**
 * The credentials were refused (HTTP 401).
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized
  extends Schema.TaggedError<Unauthorized>("effect-twilio-video/Unauthorized")("Unauthorized", response)
{
  override get message(): string {
    return describe("Unauthorized", this)
  }
}

/**
 * The credentials are valid but may not do this (HTTP 403).
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("effect-twilio-video/Forbidden")("Forbidden", response) {
  override get message(): string {
    return describe("Forbidden", this)
  }
}

/**
 * Too many requests (HTTP 429). `retryAfter` is the `Retry-After` header as it was sent
 * (seconds or an HTTP date), when there was one.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("effect-twilio-video/RateLimited")("RateLimited", {
  ...response,
  retryAfter: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return describe("Rate limited", this) +
      (this.retryAfter !== undefined ? `; retry after ${clip(this.retryAfter)}` : "")
  }
}

/**
 * Any other error status from the API (400, 5xx…), with Twilio's `code`, message and `more_info`
 * when the body had them.
 *
 * @since 0.1.0
 * @category errors
 */
export class ApiError extends Schema.TaggedError<ApiError>("effect-twilio-video/ApiError")("ApiError", response) {
  override get message(): string {
    return describe("Twilio API error", this)
  }
}

/**
 * A successful response whose body is not what the API documents: not JSON, or a value outside
 * the schema. `field` names where (`published_tracks.3.kind`), `issue` what was wrong.
 *
 * @since 0.1.0
 * @category errors
 */
export class DecodeError extends Schema.TaggedError<DecodeError>("effect-twilio-video/DecodeError")("DecodeError", {
  ...request,
  /** The full URL of the response. */
  url: Schema.String,
  /** The path of the offending value in the body, dot-separated; empty for the body itself. */
  field: Schema.String,
  issue: Schema.String,
  /** The SID of the object whose field is wrong (the track, for `published_tracks.3.kind`), when it has a valid one. */
  sid: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const where = this.field === "" ? "" : `at ${clip(this.field)}${this.sid !== undefined ? ` (${this.sid})` : ""}: `
    return `Unexpected response body from ${this.method} ${clip(this.url)}: ${where}${clip(this.issue)}`
  }
}

/**
 * The request did not complete: connection refused or dropped, DNS failure, a body cut short.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError
  extends Schema.TaggedError<TransportError>("effect-twilio-video/TransportError")("TransportError", {
    ...request,
    reason: Schema.String,
    /**
     * Whether a connection was opened: when `false` (refused, no such host), nothing was sent, and a
     * write can be tried again safely.
     */
    connected: Schema.Boolean
  })
{
  override get message(): string {
    return `Transport failure on ${this.method} ${clip(this.path)}: ${clip(this.reason)}`
  }
}

/**
 * An argument that cannot be sent, found before any request is made: an empty name, `.` or `..`,
 * a lone surrogate, a page size outside 1–1000, a negative or fractional `limit`, a page URL that is
 * not an absolute URL.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidArgument
  extends Schema.TaggedError<InvalidArgument>("effect-twilio-video/InvalidArgument")("InvalidArgument", {
    /** The operation called, as its span is named: `PublishedTracks.fetch`. */
    operation: Schema.String,
    /** The argument, as the operation's parameters name it: `room`, `pageSize`, `url`. */
    argument: Schema.String,
    reason: Schema.String
  })
{
  override get message(): string {
    return `Invalid argument "${clip(this.argument)}" to ${this.operation}: ${clip(this.reason)}`
  }
}

/**
 * A `next_page_url` (or a stored page URL) that the client will not follow: on another origin (or
 * plain `http:`), or on the API's own origin but not a listing of the same resource under the
 * configured base URL. It is refused before any request, so it never receives the credentials.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnsafeNextPage
  extends Schema.TaggedError<UnsafeNextPage>("effect-twilio-video/UnsafeNextPage")("UnsafeNextPage", {
    ...request,
    /** The origin (scheme, host, port) of the refused URL. */
    refusedOrigin: Schema.String,
    /** The origin the client is configured for. */
    expectedOrigin: Schema.String,
    /** Why it was refused: another origin, or a path that is not a listing of the resource. */
    reason: Schema.String
  })
{
  override get message(): string {
    return `Refused to follow a page URL on ${clip(this.refusedOrigin)} (from ${this.method} ${clip(this.path)}): ` +
      `${clip(this.reason)}; credentials are only sent to listings on ${this.expectedOrigin}`
  }
}

/**
 * A 3xx answer. Twilio's REST API does not redirect, so the client never follows one: no request
 * goes to its `Location`, and the credentials stay where they were.
 *
 * @since 0.2.0
 * @category errors
 */
export class UnexpectedRedirect
  extends Schema.TaggedError<UnexpectedRedirect>("effect-twilio-video/UnexpectedRedirect")("UnexpectedRedirect", {
    ...request,
    /** The HTTP status of the response (301, 302, 307…). */
    status: Schema.Number,
    /** The origin (scheme, host, port) the `Location` header points to, when it has a usable one. */
    locationOrigin: Schema.optional(Schema.String)
  })
{
  override get message(): string {
    return `Unexpected redirect: ${this.method} ${clip(this.path)} answered ${this.status}` +
      (this.locationOrigin !== undefined ? ` to ${clip(this.locationOrigin)}` : "") + "; redirects are not followed"
  }
}

/**
 * A response body larger than `ClientConfig`'s `maxBodyBytes` (16 MiB by default): refused from its
 * `Content-Length` before reading, or aborted as soon as it passes the limit.
 *
 * @since 0.2.0
 * @category errors
 */
export class ResponseTooLarge
  extends Schema.TaggedError<ResponseTooLarge>("effect-twilio-video/ResponseTooLarge")("ResponseTooLarge", {
    ...request,
    /** The limit, in bytes. */
    maxBodyBytes: Schema.Number
  })
{
  override get message(): string {
    return `The response to ${this.method} ${clip(this.path)} is larger than the limit of ${this.maxBodyBytes} bytes`
  }
}

/**
 * A request that took longer than the configured timeout (30 s by default). The request was
 * aborted.
 *
 * @since 0.1.0
 * @category errors
 */
export class Timeout extends Schema.TaggedError<Timeout>("effect-twilio-video/Timeout")("Timeout", {
  ...request,
  timeoutMillis: Schema.Number
}) {
  override get message(): string {
    return `${this.method} ${clip(this.path)} timed out after ${this.timeoutMillis} ms`
  }
}

/**
 * A listing whose `next_page_url` leads back to a page it has already read: it would never end.
 *
 * @since 0.1.0
 * @category errors
 */
export class PageLoop extends Schema.TaggedError<PageLoop>("effect-twilio-video/PageLoop")("PageLoop", {
  ...request,
  /** How many pages were read before the loop was found. */
  pagesRead: Schema.Number
}) {
  override get message(): string {
    return `The listing loops: after ${this.pagesRead} pages, the next_page_url of ${
      clip(this.path)
    } leads back to a page already read`
  }
}

/**
 * The errors an HTTP status can produce.
 *
 * @since 0.1.0
 * @category errors
 */
export type StatusError = NotFound | Unauthorized | Forbidden | RateLimited | ApiError | UnexpectedRedirect

/**
 * A status callback whose `X-Twilio-Signature` is missing, or is not Twilio's signature of the URL
 * and parameters with the account's auth token: not from Twilio, or changed on the way, or checked
 * against another URL than the one Twilio called (a proxy: see `StatusCallbacks` options).
 *
 * @since 1.2.0
 * @category errors
 */
export class InvalidSignature
  extends Schema.TaggedError<InvalidSignature>("effect-twilio-video/InvalidSignature")("InvalidSignature", {
    reason: Schema.String
  })
{
  override get message(): string {
    return `Invalid status callback signature: ${this.reason}`
  }
}

/**
 * Every error a `fetch` can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type FetchError =
  | StatusError
  | DecodeError
  | ResponseTooLarge
  | TransportError
  | Timeout
  | InvalidArgument

/**
 * Every error a listing can fail with: those of `fetch`, a refused page URL, and a loop.
 *
 * @since 0.1.0
 * @category errors
 */
export type ListError = FetchError | UnsafeNextPage | PageLoop

/**
 * The union of all errors of this client.
 *
 * @since 0.1.0
 * @category errors
 */
export type TwilioVideoError = ListError
