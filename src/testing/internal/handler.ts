/**
 * The emulator's answers: Twilio's rules for every endpoint the client uses, over a world. Used by
 * the emulator as an `HttpClient` and on a socket alike.
 */
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { clip } from "../../internal/clip.js"
import { parseTimestamp } from "../../internal/date.js"
import * as Form from "../../internal/form.js"
import { camelCase, decodeOptions } from "../../internal/model.js"
import * as WirePage from "../../internal/page.js"
import * as ParticipantModel from "../../Participant.js"
import * as PublishedTrackModel from "../../PublishedTrack.js"
import * as RoomModel from "../../Room.js"
import type { Room as RoomResource } from "../../Room.js"
import { CreateParams } from "../../Rooms.js"
import * as SubscribedTrackModel from "../../SubscribedTrack.js"
import type * as Emulator from "../Emulator.js"
import { accountSid, apiKeySecret, apiKeySid, authToken } from "../Emulator.js"
import type * as Faults from "../Faults.js"
import * as Issues from "./issues.js"
import type { WorldControl } from "./world.js"
import * as World from "./world.js"

/**
 * What the emulator does with a request: answer it, or drop the connection.
 */
export type Outcome =
  | { readonly _tag: "Reply"; readonly status: number; readonly headers: Record<string, string>; readonly body: string }
  | { readonly _tag: "Drop" }

/** An answer, as opposed to a dropped connection. */
export type Reply = Extract<Outcome, { readonly _tag: "Reply" }>

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
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
const invalid = (message: string) => twilioError(400, 20001, message)

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

const integer = /^(0|[1-9][0-9]*)$/

/** A page of `items` (in their wire form) at `url`, by Twilio's paging rules, or its 400. */
const page = (key: string, items: ReadonlyArray<unknown>, url: URL): Outcome => {
  const params = url.searchParams
  const sizeParam = params.get("PageSize") ?? "50"
  const pageSize = Number(sizeParam)
  if (!integer.test(sizeParam) || pageSize < 1) return invalid(`Invalid PageSize: ${sizeParam}`)
  if (pageSize > WirePage.maxPageSize) return invalid("PageSize must be less than or equal to 1000")
  const pageParam = params.get("Page") ?? "0"
  if (!integer.test(pageParam)) return invalid(`Invalid Page: ${pageParam}`)
  const pageNumber = Number(pageParam)
  const token = params.get("PageToken")
  if (token !== null && (!token.startsWith("PT") || !integer.test(token.slice(2)))) return invalid("Invalid PageToken")
  const offset = token === null ? 0 : Number(token.slice(2))
  // the filters stay in every page's URL, as Twilio writes them
  const filters = new URLSearchParams(params)
  for (const name of ["PageSize", "Page", "PageToken"]) filters.delete(name)
  const query = filters.toString()
  const base = `${url.origin}${url.pathname}?${query === "" ? "" : `${query}&`}`
  const at = (n: number, start: number) =>
    `${base}PageSize=${pageSize}&Page=${n}${start > 0 ? `&PageToken=PT${start}` : ""}`
  return json(
    200,
    WirePage.write(key, items.slice(offset, offset + pageSize), {
      page: pageNumber,
      pageSize,
      firstPageUrl: at(0, 0),
      previousPageUrl: pageNumber > 0 ? at(pageNumber - 1, Math.max(0, offset - pageSize)) : null,
      url: at(pageNumber, offset),
      nextPageUrl: offset + pageSize < items.length ? at(pageNumber + 1, offset + pageSize) : null,
      key
    })
  )
}

/** The filters of a listing, each checked as Twilio checks it: an `Outcome` (its 400), or the predicate they make. */
const filters = <A>(
  params: URLSearchParams,
  checks: {
    readonly status?: { readonly values: ReadonlyArray<string>; readonly of: (a: A) => string }
    readonly name?: { readonly param: string; readonly of: (a: A) => string }
    readonly created: (a: A) => DateTime.Utc
  }
): Outcome | ((a: A) => boolean) => {
  const tests: Array<(a: A) => boolean> = []
  const status = params.get("Status")
  if (status !== null && checks.status !== undefined) {
    if (!checks.status.values.includes(status)) return invalid(`Invalid Status: ${status}`)
    const of = checks.status.of
    tests.push((a) => of(a) === status)
  }
  const name = checks.name === undefined ? null : params.get(checks.name.param)
  if (name !== null && checks.name !== undefined) {
    const of = checks.name.of
    tests.push((a) => of(a) === name)
  }
  for (const [param, after] of [["DateCreatedAfter", true], ["DateCreatedBefore", false]] as const) {
    const text = params.get(param)
    if (text === null) continue
    const millis = parseTimestamp(text)
    if (millis === undefined) return invalid(`Invalid ${param}: ${text}`)
    tests.push((a) => {
      const created = DateTime.toEpochMillis(checks.created(a))
      return after ? created >= millis : created < millis
    })
  }
  return (a) => tests.every((test) => test(a))
}

const withFilters = <A>(
  url: URL,
  items: ReadonlyArray<A>,
  key: string,
  toWire: (a: A) => unknown,
  checks: Parameters<typeof filters<A>>[1]
): Outcome => {
  const keep = filters(url.searchParams, checks)
  return typeof keep === "function" ? page(key, items.filter(keep).map(toWire), url) : keep
}

const decimal = /^-?[0-9]+$/

/**
 * How one form text is read as a value of `ast`: an integer from its decimal text, a boolean from
 * `true` or `false`, an object from its JSON, a string as it is. A text that cannot be read stays
 * as it is, for the declaration to refuse.
 */
const readText = (ast: AST.AST): (text: string) => unknown => {
  // a node's checks (an integer's range…) are the declaration's to run: the node's kind says how to read it
  switch (ast._tag) {
    case "Number":
      return (text) => decimal.test(text) ? Number(text) : text
    case "Boolean":
      return (text) => text === "true" ? true : text === "false" ? false : text
    // one schema, as a union of one member
    case "Union":
      return ast.types.length === 1 ? readText(ast.types[0]!) : (text) => text
    // an object parameter (a plain object, declared): read from its JSON
    case "Objects":
    case "Declaration":
      return (text) => {
        try {
          return JSON.parse(text) as unknown
        } catch {
          return text
        }
      }
    default:
      return (text) => text
  }
}

/**
 * The parameters of a new room, each read from its form key (PascalCase) as its declaration types
 * it: an array from the key repeated.
 */
const createFields = Form.parameters(CreateParams).map(({ ast, key, name }) => {
  if (AST.isArrays(ast)) {
    const item = readText(ast.rest[0] ?? AST.string)
    return { key, name, read: (texts: ReadonlyArray<string>): unknown => texts.map(item) }
  }
  const one = readText(ast)
  // a key given twice: the first, as a single value is read
  return { key, name, read: (texts: ReadonlyArray<string>): unknown => one(texts[0]!) }
})

const checkCreate = Form.encoder(CreateParams)

/**
 * The parameters of a new room, read from a form and checked with the client's own declaration
 * (`Rooms.CreateParams`, its ranges included), or Twilio's 400 naming the first one refused.
 */
const createParams = (form: URLSearchParams): Reply | typeof CreateParams.Type => {
  const params: Record<string, unknown> = {}
  for (const { key, name, read } of createFields) {
    const texts = form.getAll(name)
    if (texts.length > 0) params[key] = read(texts)
  }
  const checked = checkCreate(params)
  if (Result.isFailure(checked)) {
    return invalid(`Invalid ${Form.pascalCase(checked.failure.argument)}: ${checked.failure.reason}`)
  }
  // every parameter given passed its field's schema
  return params as typeof CreateParams.Type
}

/** The fields of a room's wire form, by their name in the model. */
const roomFields: ReadonlyMap<string, Schema.Top> = new Map(
  Object.entries(RoomModel.model.wire.fields).map(([wire, schema]) => [camelCase(wire), schema])
)
const nullable = (ast: AST.AST) => AST.isUnion(ast) && ast.types.some(AST.isNull)

/** The production model's decoder, keeping what it refuses, to say what is wrong with it. */
const explainRoom = Schema.decodeUnknownResult(RoomModel.model.schema, decodeOptions)

/**
 * What a new room keeps of its parameters, as the model holds them: each one its wire form has (an
 * `Option` where Twilio may send `null`). The others (`RecordingRules`…) are checked, not kept.
 */
const roomSettings = (params: typeof CreateParams.Type): Partial<RoomResource> => {
  const settings: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(params)) {
    const field = roomFields.get(key)
    if (field !== undefined && value !== undefined) settings[key] = nullable(field.ast) ? Option.some(value) : value
  }
  return settings
}

/**
 * Why a room cannot be served back, or `undefined`: its wire form, as JSON, must decode with the
 * production model, or every later listing of rooms would fail on it. The message names the field
 * in Twilio's PascalCase.
 */
export const unservable = (room: RoomResource): string | undefined => {
  let wire: unknown
  try {
    wire = JSON.parse(JSON.stringify(RoomModel.model.toWire(room)))
  } catch (error) {
    return `Invalid room: it cannot be written (${error instanceof Error ? error.message : String(error)})`
  }
  const decoded = RoomModel.model.decode(wire)
  if (Result.isSuccess(decoded)) return undefined
  const explained = explainRoom(wire)
  const issue = Issues.problems(
    Result.isFailure(explained) ? explained.failure.issue : decoded.failure.issue,
    RoomModel.model.schema.ast
  )[0]
  const place = issue?.path[0]
  const name = place === undefined ? "room" : Form.pascalCase(camelCase(String(place)))
  return `Invalid ${name}: ${clip(issue?.message ?? "it would not read back")}`
}

const statusOf = (form: URLSearchParams, allowed: string): Outcome | undefined => {
  const status = form.get("Status")
  if (status === null) return invalid("Missing required parameter Status in the post body")
  return status === allowed ? undefined : invalid(`Invalid Status: ${status}`)
}

const roomWire = (room: World.RoomState) => RoomModel.model.toWire(room)
const participantWire = (participant: World.ParticipantState) => ParticipantModel.model.toWire(participant)

/** A request to the emulator, as it reads one. */
export interface Request {
  readonly method: string
  readonly url: URL
  /** Whether it carried the accepted credentials. */
  readonly authorized: boolean
  /** The form body of a POST, `""` for none. */
  readonly body: string
}

/** Twilio's answer to `request` over the world `control` holds, at `now`. */
const answer = (control: WorldControl, request: Request, now: DateTime.Utc): Effect.Effect<Outcome> =>
  Effect.gen(function*() {
    const { method, url } = request
    const segments = url.pathname.split("/").slice(1).map(decodeSegment)
    if (segments.some((s) => s === undefined || s === "") || segments[0] !== "v1" || segments[1] !== "Rooms") {
      return notFound(url)
    }
    const [, , roomKey, participants, participantKey, tracks, trackKey, ...rest] = segments as Array<string>
    if (rest.length > 0) return notFound(url)
    if (method !== "GET" && method !== "POST") return twilioError(405, 20004, "Method not allowed")
    const form = new URLSearchParams(request.body)
    const world = yield* control.get

    // /v1/Rooms
    if (roomKey === undefined) {
      if (method === "GET") {
        return withFilters(url, world.rooms, RoomModel.pageKey, roomWire, {
          status: { values: RoomModel.RoomStatus.literals, of: (r) => r.status },
          name: { param: "UniqueName", of: (r) => r.uniqueName },
          created: (r) => r.dateCreated
        })
      }
      const params = createParams(form)
      if ("_tag" in params) return params
      const { type, uniqueName } = params
      if (uniqueName !== undefined && Option.isSome(World.findRoom(world, uniqueName))) {
        return twilioError(400, 53113, "Room exists")
      }
      // stored only when it can be served back: otherwise the world is left as it was
      const created = yield* control.modify((w): readonly [World.World, Result.Result<World.RoomState, string>] => {
        const [next, room] = World.create(w, { uniqueName, type, settings: roomSettings(params) }, now)
        const problem = unservable(room)
        return problem === undefined ? [next, Result.succeed(room)] : [w, Result.fail(problem)]
      })
      return Result.match(created, { onFailure: invalid, onSuccess: (room) => json(201, roomWire(room)) })
    }

    const room = World.findRoom(world, roomKey)
    if (Option.isNone(room)) return notFound(url)

    // /v1/Rooms/{room}
    if (participants === undefined) {
      if (method === "GET") return json(200, roomWire(room.value))
      const wrong = statusOf(form, "completed")
      if (wrong !== undefined) return wrong
      if (room.value.status !== "in-progress") {
        return twilioError(400, 53118, `Room ${room.value.sid} is not in progress`)
      }
      const ended = yield* control.modify((w) => World.complete(w, room.value, now))
      return json(202, roomWire(ended))
    }
    if (participants !== "Participants") return notFound(url)

    // /v1/Rooms/{room}/Participants
    if (participantKey === undefined) {
      if (method === "POST") return twilioError(405, 20004, "Method not allowed")
      return withFilters(url, room.value.participants, ParticipantModel.pageKey, participantWire, {
        status: { values: ParticipantModel.ParticipantStatus.literals, of: (p) => p.status },
        name: { param: "Identity", of: (p) => p.identity },
        created: (p) => p.dateCreated
      })
    }

    const who = World.findParticipant(room.value, participantKey)
    if (Option.isNone(who)) return notFound(url)

    // /v1/Rooms/{room}/Participants/{participant}
    if (tracks === undefined) {
      if (method === "GET") return json(200, participantWire(who.value))
      const wrong = statusOf(form, "disconnected")
      if (wrong !== undefined) return wrong
      const ended = yield* control.modify((w) => World.disconnect(w, room.value, who.value, now))
      return json(202, participantWire(ended))
    }
    if (method === "POST") return twilioError(405, 20004, "Method not allowed")

    // …/PublishedTracks, …/SubscribedTracks
    if (tracks === "PublishedTracks") {
      const { model, pageKey } = PublishedTrackModel
      if (trackKey === undefined) return page(pageKey, who.value.tracks.map(model.toWire), url)
      return Option.match(World.findTrack(who.value, trackKey), {
        onNone: () => notFound(url),
        onSome: (track) => json(200, model.toWire(track))
      })
    }
    if (tracks === "SubscribedTracks") {
      const { model, pageKey } = SubscribedTrackModel
      const received = World.subscribedTracks(room.value, who.value)
      if (trackKey === undefined) return page(pageKey, received.map(model.toWire), url)
      // Twilio finds a subscribed track by its SID only
      const track = received.find((t) => t.sid === trackKey)
      return track === undefined ? notFound(url) : json(200, model.toWire(track))
    }
    return notFound(url)
  })

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
      return Effect.andThen(Effect.sleep(fault.duration), reply)
  }
}

/**
 * The emulator's request handler over a world: credentials, then faults, then Twilio's answer.
 * Times (a room's creation and end) come from Effect's `Clock`, so the `TestClock` sets them.
 */
export const make = (control: WorldControl, options: Faults.Options = {}) => {
  const next = planner(options)
  const latency = options.latency === undefined ? Duration.zero : Duration.fromInputUnsafe(options.latency)
  return (request: Request): Effect.Effect<Outcome> => {
    const fault = next(request.url)
    const reply = Effect.gen(function*() {
      if (!request.authorized || (yield* control.rejecting)) return twilioError(401, 20003, "Authenticate")
      return yield* answer(control, request, yield* World.currentSecond)
    })
    const faulty = fault === undefined ? reply : applyFault(fault, reply)
    // a latency of zero or less (a negative `Duration` is valid) adds none
    return Duration.isPositive(latency) ? Effect.andThen(Effect.sleep(latency), faulty) : faulty
  }
}

/**
 * Requests counted, and the fault (if any) for the next one.
 */
const planner = (options: Faults.Options = {}): (url: URL) => Faults.Fault | undefined => {
  let n = 0
  // Effect's generator, seeded: the same seed draws the same faults
  const random = Effect.runSync(
    Effect.map(Random.Random, (generator) => () => generator.nextDoubleUnsafe()).pipe(
      Random.withSeed(options.seed ?? 1)
    )
  )
  const rates = options.rates ?? {}
  const drawn: ReadonlyArray<[number | undefined, Faults.Fault]> = [
    [rates.rateLimited, { _tag: "RateLimited", retryAfter: options.retryAfter ?? "1" }],
    [rates.serverError, { _tag: "ServerError", status: 503 }],
    [rates.drop, { _tag: "Drop" }],
    [rates.malformed, { _tag: "Malformed" }],
    [rates.truncated, { _tag: "Truncated" }]
  ]
  return (url) => {
    n++
    const scripted = options.script?.({ n, url })
    if (scripted !== undefined) return scripted
    const r = random()
    let edge = 0
    for (const [rate, fault] of drawn) {
      edge += rate ?? 0
      if (r < edge) return fault
    }
    return undefined
  }
}

/**
 * A request checker for the `Authorization` header: Basic with an accepted user name and password
 * (`options.accept`, or by default the account's auth token and the API key).
 */
export const authorizer = (options: Emulator.Options = {}): (header: string | undefined) => boolean => {
  const accepted = options.accept === undefined
    ? [[accountSid, authToken], [apiKeySid, apiKeySecret]] as const
    : [[options.accept.username, options.accept.password]] as const
  const expected = accepted.map(([username, password]) => `Basic ${btoa(`${username}:${Redacted.value(password)}`)}`)
  return (header) => header !== undefined && expected.includes(header)
}

/**
 * A handler for one request over a fresh world state, and the control of that state.
 */
export const makeHandler = (
  world: World.World,
  options: Emulator.Options = {},
  onChange?: (before: World.World, after: World.World) => Effect.Effect<void>
) =>
  Effect.map(World.makeControl(world, { rejectCredentials: options.rejectCredentials, onChange }), (control) => {
    const handle = make(control, options.faults)
    const authorized = authorizer(options)
    return {
      control,
      handle: (method: string, url: URL, authorization: string | undefined, body: string): Effect.Effect<Outcome> =>
        handle({ method, url, authorized: authorized(authorization), body })
    }
  })
