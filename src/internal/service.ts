import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashSet from "effect/HashSet"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { InvalidArgument, PageLoop } from "../Errors.js"
import type { ListError } from "../Errors.js"
import type { PublishedTrack } from "../PublishedTrack.js"
import type { PageParams, Service } from "../PublishedTracks.js"
import { decodePage, decodeTrack } from "./decode.js"
import type * as VideoHttp from "./http.js"

const trackPath = "/v1/Rooms/{RoomNameOrSid}/Participants/{ParticipantIdentityOrSid}/PublishedTracks/{TrackNameOrSid}"
const listPath = "/v1/Rooms/{RoomNameOrSid}/Participants/{ParticipantIdentityOrSid}/PublishedTracks"

/** The paths, below the base URL, that a request may go to: one non-empty segment a name. */
const trackRoute = /^\/v1\/Rooms\/[^/]+\/Participants\/[^/]+\/PublishedTracks\/[^/]+$/
const listRoute = /^\/v1\/Rooms\/[^/]+\/Participants\/[^/]+\/PublishedTracks$/

const invalid = (path: string, argument: string, reason: string) =>
  Either.left(new InvalidArgument({ method: "GET", path, argument, reason }))

/** Encodes a name or SID as exactly one path segment, or says why it cannot be one. */
const segment = (path: string, argument: string, value: unknown): Either.Either<string, InvalidArgument> => {
  if (typeof value !== "string") return invalid(path, argument, "must be a string")
  if (value === "") return invalid(path, argument, "must not be empty")
  // URL parsers resolve these segments (also as %2E) instead of sending them
  if (value === "." || value === "..") return invalid(path, argument, `"${value}" cannot be sent as a path segment`)
  try {
    return Either.right(encodeURIComponent(value))
  } catch {
    return invalid(path, argument, "is not well-formed Unicode (it holds a lone surrogate)")
  }
}

const integerIn = (
  path: string,
  argument: string,
  value: number | undefined,
  min: number,
  max: number
): Either.Either<number | undefined, InvalidArgument> =>
  value === undefined || (Number.isInteger(value) && value >= min && value <= max)
    ? Either.right(value)
    : invalid(path, argument, `must be an integer from ${min} to ${max}`)

const listUrl = (http: VideoHttp.VideoHttp, params: PageParams, limit?: number | undefined) =>
  Either.gen(function*() {
    const room = yield* segment(listPath, "room", params.room)
    const participant = yield* segment(listPath, "participant", params.participant)
    const explicit = yield* integerIn(listPath, "pageSize", params.pageSize, 1, 1000)
    const pageSize = explicit ?? (limit !== undefined && limit > 0 ? Math.min(limit, 1000) : undefined)
    const query = pageSize === undefined ? "" : `?PageSize=${pageSize}`
    return http.url(`/v1/Rooms/${room}/Participants/${participant}/PublishedTracks${query}`)
  })

/** Where a listing is: the next page's URL, who linked it, and every page URL read so far. */
interface Cursor {
  readonly url: string
  readonly from: VideoHttp.Origin
  readonly seen: HashSet.HashSet<string>
  readonly loopAfter: number | undefined
}

/** A span's captured stack would point into this package, not at the caller: skip the cost, as platform's client does. */
const captureStackTrace = false

const spanAttributes = (params: { readonly room: string; readonly participant: string; readonly track?: string }) => ({
  "twilio.video.room": params.room,
  "twilio.video.participant": params.participant,
  ...(params.track !== undefined ? { "twilio.video.track": params.track } : {})
})

/** The service's operations over any `VideoHttp`: the real transport, or the testing kit's world. */
export const fromHttp = (http: VideoHttp.VideoHttp): Service => {
  const pageAt = (url: string, from: VideoHttp.Origin = { method: "GET", path: listPath }) =>
    http.get(url, listRoute, decodePage, from).pipe(Effect.withSpan("PublishedTracks.page", { captureStackTrace }))

  const stream = (firstUrl: string, limit: number | undefined): Stream.Stream<PublishedTrack, ListError> => {
    if (limit === 0) return Stream.empty
    const step = (
      cursor: Cursor
    ): Effect.Effect<readonly [Chunk.Chunk<PublishedTrack>, Option.Option<Cursor>], ListError> =>
      cursor.loopAfter !== undefined
        ? Effect.fail(new PageLoop({ ...cursor.from, pagesRead: cursor.loopAfter }))
        : Effect.map(pageAt(cursor.url, cursor.from), (page) => {
          const here = new URL(cursor.url)
          const from = { method: "GET", path: here.pathname + here.search }
          return [
            Chunk.unsafeFromArray(page.items),
            Option.map(page.meta.nextPageUrl, (url): Cursor => ({
              url,
              from,
              seen: HashSet.add(cursor.seen, url),
              // a page already read: deliver this one, then fail instead of going round again
              loopAfter: HashSet.has(cursor.seen, url) ? HashSet.size(cursor.seen) : undefined
            }))
          ] as const
        })
    const tracks = Stream.paginateChunkEffect<Cursor, PublishedTrack, ListError, never>(
      { url: firstUrl, from: { method: "GET", path: listPath }, seen: HashSet.make(firstUrl), loopAfter: undefined },
      step
    )
    return limit === undefined ? tracks : Stream.take(tracks, limit)
  }

  const limitOf = (path: string, limit: number | undefined) =>
    integerIn(path, "limit", limit, 0, Number.MAX_SAFE_INTEGER)

  return {
    fetch: (params) =>
      Either.gen(function*() {
        const room = yield* segment(trackPath, "room", params.room)
        const participant = yield* segment(trackPath, "participant", params.participant)
        const track = yield* segment(trackPath, "track", params.track)
        return http.url(`/v1/Rooms/${room}/Participants/${participant}/PublishedTracks/${track}`)
      }).pipe(
        Effect.flatMap((url) => http.get(url, trackRoute, decodeTrack, { method: "GET", path: trackPath })),
        // a URL we built is always on the configured origin
        Effect.catchTag("UnsafeNextPage", Effect.die),
        Effect.withSpan("PublishedTracks.fetch", { attributes: spanAttributes(params), captureStackTrace })
      ),
    list: (params) =>
      Either.all([listUrl(http, params, params.limit), limitOf(listPath, params.limit)]).pipe(
        Either.match({
          onLeft: (error) => Stream.fail(error),
          onRight: ([url, limit]) => stream(url, limit)
        }),
        Stream.withSpan("PublishedTracks.list", { attributes: spanAttributes(params), captureStackTrace })
      ),
    page: (params) =>
      listUrl(http, params).pipe(
        Effect.flatMap((url) => pageAt(url)),
        Effect.catchTag("UnsafeNextPage", Effect.die),
        Effect.withSpan("PublishedTracks.firstPage", { attributes: spanAttributes(params), captureStackTrace })
      ),
    pageAt: (url) => pageAt(url),
    listFrom: (url, options) =>
      limitOf("listFrom", options?.limit).pipe(
        Either.match({ onLeft: (error) => Stream.fail(error), onRight: (limit) => stream(url, limit) }),
        Stream.withSpan("PublishedTracks.listFrom", { captureStackTrace })
      )
  }
}
