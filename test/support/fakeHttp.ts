import { ClientConfig, PublishedTracks, TwilioCredentials, TwilioVideo } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { model } from "../../src/PublishedTrack.js"
import type { ParticipantSid, RoomSid } from "../../src/Sid.js"
import { makeTrack } from "../../src/testing/internal/world.js"

export const accountSid = "AC0123456789abcdef0123456789abcdef"
export const authToken = "auth-token-that-must-never-leak"

/** A request as the fake transport saw it. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** The form body of a POST, as text. */
  readonly body: string
  readonly signal: AbortSignal
}

export type Responder = (url: URL, seen: Seen) => Response | Effect.Effect<Response>

/**
 * A recording HttpClient: every request is kept in `requests` (fresh for each call), and answered
 * by `respond`.
 */
export const recording = (respond: Responder) => {
  const requests: Array<Seen> = []
  const client = HttpClient.make((request, url, signal) => {
    const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
    const seen: Seen = { method: request.method, url, headers: request.headers, body, signal }
    requests.push(seen)
    let answer: Response | Effect.Effect<Response>
    try {
      answer = respond(url, seen)
    } catch (cause) {
      // a responder that throws stands for a transport that fails, as fetch rejects
      return Effect.fail(
        new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })
      )
    }
    return Effect.map(
      Effect.isEffect(answer) ? answer : Effect.succeed(answer),
      (response) => HttpClientResponse.fromWeb(request, response)
    )
  })
  return { requests, http: Layer.succeed(HttpClient.HttpClient, client) }
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

export const credentials = TwilioCredentials.layer({ accountSid, authToken: Redacted.make(authToken) })

/** The service, built as a user builds it, over a recording transport. */
/**
 * The service, built as a user builds it, over a recording transport. Retries are off unless
 * `options` say otherwise, so each test sees exactly one attempt a request.
 */
export const client = (respond: Responder, options: ClientConfig.Options = { retry: false }) => {
  const fake = recording(respond)
  return {
    requests: fake.requests,
    layer: PublishedTracks.layer.pipe(
      Layer.provide(Layer.mergeAll(credentials, fake.http, ClientConfig.layer(options)))
    )
  }
}

/** The four services, built as a user builds them, over a recording transport. */
export const services = (respond: Responder, options: ClientConfig.Options = { retry: false }) => {
  const fake = recording(respond)
  return {
    requests: fake.requests,
    layer: TwilioVideo.layer.pipe(Layer.provide(Layer.mergeAll(credentials, fake.http, ClientConfig.layer(options))))
  }
}

/** A track in wire form, with valid SIDs derived from `n`: the kit's world builder, written by the model. */
export const wireTrack = (n: number, overrides: Record<string, unknown> = {}) => ({
  ...model.toWire(makeTrack(`RM${"a".repeat(32)}` as RoomSid, `PA${"b".repeat(32)}` as ParticipantSid, {
    name: `track-${n}`,
    sid: `MT${n.toString(16).padStart(32, "0")}`,
    kind: n % 2 === 0 ? "audio" : "video"
  })),
  ...overrides
})

export const wirePage = (
  tracks: ReadonlyArray<unknown>,
  url: string,
  next: string | null,
  page = 0,
  pageSize = 50
) => ({
  published_tracks: tracks,
  meta: {
    page,
    page_size: pageSize,
    first_page_url: url,
    previous_page_url: null,
    url,
    next_page_url: next,
    key: "published_tracks"
  }
})
