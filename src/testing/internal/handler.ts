import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as WirePage from "../../internal/page.js"
import type { PublishedTrack } from "../../PublishedTrack.js"
import { model, pageKey } from "../../PublishedTrack.js"
import type { Outcome } from "../Emulator.js"
import * as Faults from "../Faults.js"
import type { WorldControl } from "../World.js"
import * as World from "../World.js"

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Outcome => ({
  _tag: "Reply",
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body)
})

/** Twilio's error body. */
export const twilioBody = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status
})

/** Twilio's error answer. */
export const twilioError = (status: number, code: number, message: string, headers?: Record<string, string>) =>
  json(status, twilioBody(status, code, message), headers)

const notFound = (url: URL) => twilioError(404, 20404, `The requested resource ${url.pathname} was not found`)

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** Twilio's answer to a GET on `url` in `world`, by its lookup and paging rules. */
export const answer = (world: World.World, url: URL): Outcome => {
  const segments = url.pathname.split("/").slice(1).map(decodeSegment)
  const [v1, rooms, roomKey, participants, participantKey, tracks, trackKey, ...rest] = segments
  if (
    v1 !== "v1" || rooms !== "Rooms" || participants !== "Participants" || tracks !== "PublishedTracks" ||
    roomKey === undefined || participantKey === undefined || rest.length > 0
  ) {
    return notFound(url)
  }
  const who = Option.flatMap(World.findRoom(world, roomKey), (r) => World.findParticipant(r, participantKey))
  if (Option.isNone(who)) return notFound(url)
  if (trackKey !== undefined && trackKey !== "") {
    return Option.match(World.findTrack(who.value, trackKey), {
      onNone: () => notFound(url),
      onSome: (track) => json(200, model.toWire(track))
    })
  }
  return page(who.value.tracks, url)
}

const integer = /^(0|[1-9][0-9]*)$/

const page = (tracks: ReadonlyArray<PublishedTrack>, url: URL): Outcome => {
  const params = url.searchParams
  const sizeParam = params.get("PageSize") ?? "50"
  const pageSize = Number(sizeParam)
  if (!integer.test(sizeParam) || pageSize < 1) {
    return twilioError(400, 20001, `Invalid PageSize: ${sizeParam}`)
  }
  if (pageSize > 1000) return twilioError(400, 20001, "PageSize must be less than or equal to 1000")
  const pageParam = params.get("Page") ?? "0"
  if (!integer.test(pageParam)) return twilioError(400, 20001, `Invalid Page: ${pageParam}`)
  const pageNumber = Number(pageParam)
  const token = params.get("PageToken")
  const offset = token === null ? 0 : Number(token.slice(2))
  if (token !== null && (!token.startsWith("PT") || !integer.test(token.slice(2)))) {
    return twilioError(400, 20001, "Invalid PageToken")
  }
  const base = `${url.origin}${url.pathname}`
  const at = (n: number, start: number) =>
    `${base}?PageSize=${pageSize}&Page=${n}${start > 0 ? `&PageToken=PT${start}` : ""}`
  return json(
    200,
    WirePage.write(pageKey, tracks.slice(offset, offset + pageSize).map(model.toWire), {
      page: pageNumber,
      pageSize,
      firstPageUrl: at(0, 0),
      previousPageUrl: pageNumber > 0 ? at(pageNumber - 1, Math.max(0, offset - pageSize)) : null,
      url: at(pageNumber, offset),
      nextPageUrl: offset + pageSize < tracks.length ? at(pageNumber + 1, offset + pageSize) : null,
      key: pageKey
    })
  )
}

const applyFault = (fault: Faults.Fault, reply: Effect.Effect<Outcome>): Effect.Effect<Outcome> => {
  switch (fault._tag) {
    case "RateLimited":
      return Effect.succeed(
        twilioError(429, 20429, "Too Many Requests", { "retry-after": fault.retryAfter ?? "1" })
      )
    case "ServerError":
      return Effect.succeed(twilioError(fault.status ?? 503, 20503, "Service Unavailable"))
    case "Drop":
      return Effect.succeed({ _tag: "Drop" })
    case "Malformed":
      return Effect.succeed({ _tag: "Reply", status: 200, headers: { "content-type": "text/html" }, body: "<html>" })
    case "Truncated":
      return Effect.map(
        reply,
        (outcome) =>
          outcome._tag === "Reply" ? { ...outcome, body: outcome.body.slice(0, outcome.body.length >> 1) } : outcome
      )
    case "Delay":
      return Effect.zipRight(Effect.sleep(fault.duration), reply)
  }
}

/**
 * The emulator's request handler over a world: credentials, then faults, then Twilio's answer.
 * `authorized` says whether the request carried the accepted credentials.
 */
export const make = (control: WorldControl, options: Faults.Options = {}) => {
  const next = Faults.planner(options)
  const latency = options.latency === undefined ? Duration.zero : Duration.decode(options.latency)
  return (method: string, url: URL, authorized: boolean): Effect.Effect<Outcome> => {
    const fault = next(url)
    const reply = Effect.gen(function*() {
      if (!authorized || (yield* control.rejecting)) return twilioError(401, 20003, "Authenticate")
      if (method !== "GET") return twilioError(405, 20004, "Method not allowed")
      return answer(yield* control.get, url)
    })
    const faulty = fault === undefined ? reply : applyFault(fault, reply)
    return Duration.isZero(latency) ? faulty : Effect.zipRight(Effect.sleep(latency), faulty)
  }
}
