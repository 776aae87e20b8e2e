/**
 * The emulator: Twilio's rules for every endpoint the client uses, over a world, as an effect HTTP
 * app. Its router is built from the services' own route declarations (`Rooms.declaration`…), so a
 * route the client declares is a route the emulator serves. The same app answers the in-memory
 * `HttpClient` (in the caller's fiber), the `node:http` socket and any effect `HttpServer`.
 */
import * as ByteSize from "effect/ByteSize"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FindMyWay from "effect/http/FindMyWay"
import * as HttpIncomingMessage from "effect/http/HttpIncomingMessage"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { clip } from "../../internal/clip.js"
import { parseTimestamp } from "../../internal/date.js"
import * as Form from "../../internal/form.js"
import { camelCase, decodeOptions } from "../../internal/model.js"
import * as WirePage from "../../internal/page.js"
import type * as Resource from "../../internal/resource.js"
import * as ParticipantModel from "../../Participant.js"
import { Participants } from "../../Participants.js"
import * as PublishedTrackModel from "../../PublishedTrack.js"
import { PublishedTracks } from "../../PublishedTracks.js"
import * as RoomModel from "../../Room.js"
import type { Room as RoomResource } from "../../Room.js"
import { CreateParams, Rooms } from "../../Rooms.js"
import * as SubscribedTrackModel from "../../SubscribedTrack.js"
import { SubscribedTracks } from "../../SubscribedTracks.js"
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

/** The emulator's own 500: whatever went wrong in it, never a crash of the process that runs it. */
const internalError = (message = "Internal Server Error") => twilioError(500, 20500, message)

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

/** What the emulator read of a request before routing it: its URL on the server's origin, and its form. */
interface Incoming {
  readonly url: URL
  readonly form: URLSearchParams
}

const CurrentIncoming = Context.Reference<Incoming>("effect-twilio-video/testing/Emulator/Incoming", {
  defaultValue: () => ({ url: new URL("http://localhost/"), form: new URLSearchParams() })
})

/** What a route's answer reads: the path arguments its template names, the request, the world. */
interface Call<Name extends string> extends Incoming {
  readonly params: Readonly<Record<Name, string>>
  readonly control: WorldControl
  readonly world: World.World
  readonly now: DateTime.Utc
}

type Answer = Outcome | Effect.Effect<Outcome>

/** One endpoint the emulator serves: a method on a route of the client's declarations, and Twilio's answer there. */
interface Endpoint {
  readonly method: "GET" | "POST"
  readonly route: Resource.Route<string>
  readonly answer: (call: Call<string>) => Answer
}

const on = <Name extends string>(
  method: "GET" | "POST",
  route: Resource.Route<Name>,
  answer: (call: Call<Name>) => Answer
): Endpoint => ({ method, route, answer: answer as (call: Call<string>) => Answer })

const inRoom = (call: Call<"room">, then: (room: World.RoomState) => Answer): Answer =>
  Option.match(World.findRoom(call.world, call.params.room), { onNone: () => notFound(call.url), onSome: then })

const withParticipant = (
  call: Call<"room" | "participant">,
  then: (room: World.RoomState, participant: World.ParticipantState) => Answer
): Answer =>
  inRoom(call, (room) =>
    Option.match(World.findParticipant(room, call.params.participant), {
      onNone: () => notFound(call.url),
      onSome: (participant) => then(room, participant)
    }))

const rooms = Rooms.declaration
const participants = Participants.declaration
const published = PublishedTracks.declaration
const subscribed = SubscribedTracks.declaration

/** Twilio's answers, each on the route the client's service declares for it. */
const endpoints: ReadonlyArray<Endpoint> = [
  on("GET", rooms.list, ({ url, world }) =>
    withFilters(url, world.rooms, rooms.model.pageKey, roomWire, {
      status: { values: RoomModel.RoomStatus.literals, of: (r) => r.status },
      name: { param: "UniqueName", of: (r) => r.uniqueName },
      created: (r) => r.dateCreated
    })),
  on("POST", rooms.list, ({ control, form, now, world }) => {
    const params = createParams(form)
    if ("_tag" in params) return params
    const { type, uniqueName } = params
    if (uniqueName !== undefined && Option.isSome(World.findRoom(world, uniqueName))) {
      return twilioError(400, 53113, "Room exists")
    }
    // stored only when it can be served back: otherwise the world is left as it was
    const created = control.modify((w): readonly [World.World, Result.Result<World.RoomState, string>] => {
      const [next, room] = World.create(w, { uniqueName, type, settings: roomSettings(params) }, now)
      const problem = unservable(room)
      return problem === undefined ? [next, Result.succeed(room)] : [w, Result.fail(problem)]
    })
    return Effect.map(created, Result.match({ onFailure: invalid, onSuccess: (room) => json(201, roomWire(room)) }))
  }),
  on("GET", rooms.item, (call) => inRoom(call, (room) => json(200, roomWire(room)))),
  on("POST", rooms.item, (call) =>
    inRoom(call, (room) => {
      const wrong = statusOf(call.form, "completed")
      if (wrong !== undefined) return wrong
      if (room.status !== "in-progress") return twilioError(400, 53118, `Room ${room.sid} is not in progress`)
      return Effect.map(call.control.modify((w) => World.complete(w, room, call.now)), (ended) =>
        json(202, roomWire(ended)))
    })),
  on(
    "GET",
    participants.list,
    (call) =>
      inRoom(call, (room) =>
        withFilters(call.url, room.participants, participants.model.pageKey, participantWire, {
          status: { values: ParticipantModel.ParticipantStatus.literals, of: (p) => p.status },
          name: { param: "Identity", of: (p) => p.identity },
          created: (p) => p.dateCreated
        }))
  ),
  on("GET", participants.item, (call) => withParticipant(call, (_, who) => json(200, participantWire(who)))),
  on("POST", participants.item, (call) =>
    withParticipant(call, (room, who) => {
      const wrong = statusOf(call.form, "disconnected")
      if (wrong !== undefined) return wrong
      return Effect.map(
        call.control.modify((w) => World.disconnect(w, room, who, call.now)),
        (ended) => json(202, participantWire(ended))
      )
    })),
  on(
    "GET",
    published.list,
    (call) =>
      withParticipant(
        call,
        (_, who) => page(published.model.pageKey, who.tracks.map(PublishedTrackModel.model.toWire), call.url)
      )
  ),
  on(
    "GET",
    published.item,
    (call) =>
      withParticipant(call, (_, who) =>
        Option.match(World.findTrack(who, call.params.track), {
          onNone: () => notFound(call.url),
          onSome: (track) => json(200, PublishedTrackModel.model.toWire(track))
        }))
  ),
  on(
    "GET",
    subscribed.list,
    (call) =>
      withParticipant(
        call,
        (room, who) =>
          page(
            subscribed.model.pageKey,
            World.subscribedTracks(room, who).map(SubscribedTrackModel.model.toWire),
            call.url
          )
      )
  ),
  on("GET", subscribed.item, (call) =>
    withParticipant(call, (room, who) => {
      // Twilio finds a subscribed track by its SID only
      const track = World.subscribedTracks(room, who).find((t) => t.sid === call.params.track)
      return track === undefined ? notFound(call.url) : json(200, SubscribedTrackModel.model.toWire(track))
    }))
]

/** A route's template (`/v1/Rooms/{room}`) as the router writes its path (`/v1/Rooms/:room`). */
const routerPath = (route: Resource.Route<string>) =>
  route.template.replace(/\{(\w+)\}/g, ":$1") as HttpRouter.PathInput

/**
 * The router matches a path as written (no case folding, no slashes merged or dropped), and a
 * name or SID may be as long as a client sends it.
 */
const routerConfig: Partial<FindMyWay.RouterConfig> = { ...FindMyWay.strictConfig, maxParamLength: 64 * 1024 }

/** An outcome as an effect HTTP response. */
export const toResponse = (outcome: Outcome): HttpServerResponse.HttpServerResponse =>
  outcome._tag === "Drop"
    // a body that fails before its first byte: the server closes the connection without an answer
    ? HttpServerResponse.stream(Stream.fail(new Error("the emulator dropped the connection")))
    : HttpServerResponse.text(outcome.body, { status: outcome.status, headers: outcome.headers })

/** A response with the first half of its body: the rest never comes. */
const truncate = (response: HttpServerResponse.HttpServerResponse): HttpServerResponse.HttpServerResponse =>
  response.body._tag === "Uint8Array"
    ? HttpServerResponse.uint8Array(response.body.body.subarray(0, response.body.body.length >> 1), {
      status: response.status,
      headers: response.headers,
      contentType: response.body.contentType
    })
    : response

/** A header value HTTP can carry: visible characters, spaces and tabs, nothing that ends the line. */
const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/

/** Why a fault cannot be served as an answer (a test's setup), or `undefined`. */
const unservableFault = (fault: Faults.Fault): string | undefined => {
  if (fault._tag === "ServerError" && fault.status !== undefined) {
    if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
      return `a ServerError's status must be an integer from 100 to 599, not ${fault.status}`
    }
  }
  if (fault._tag === "RateLimited" && fault.retryAfter !== undefined && !headerValue.test(fault.retryAfter)) {
    return "a RateLimited retryAfter must be a header value: no line breaks or control characters"
  }
  return undefined
}

const applyFault = <R>(
  fault: Faults.Fault,
  reply: Effect.Effect<HttpServerResponse.HttpServerResponse, never, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> => {
  const unservable = unservableFault(fault)
  // a fault no server could send is the emulator's own 500, naming what is wrong with it
  if (unservable !== undefined) {
    return Effect.succeed(toResponse(internalError(`Invalid fault: ${unservable}`)))
  }
  switch (fault._tag) {
    case "RateLimited":
      return Effect.succeed(
        toResponse(twilioError(429, 20429, "Too Many Requests", { "retry-after": fault.retryAfter ?? "1" }))
      )
    case "ServerError":
      return Effect.succeed(toResponse(twilioError(fault.status ?? 503, 20503, "Service Unavailable")))
    case "Drop":
      return Effect.succeed(toResponse({ _tag: "Drop" }))
    case "Malformed":
      return Effect.succeed(HttpServerResponse.text("<html>", { contentType: "text/html" }))
    case "Truncated":
      return Effect.map(reply, truncate)
    case "Delay":
      return Effect.andThen(Effect.sleep(fault.duration), reply)
  }
}

/**
 * The emulator as an effect HTTP app over a fresh world state: credentials, then faults, then
 * Twilio's answer from the router of the client's routes. `handle(origin)` answers the current
 * `HttpServerRequest`, its path taken on `origin` (an absolute request URL must be on it). Times
 * (a room's creation and end) come from Effect's `Clock`, so the `TestClock` sets them.
 */
export const make = (
  world: World.World,
  options: Emulator.Options = {},
  onChange?: (before: World.World, after: World.World) => Effect.Effect<void>
) =>
  Effect.gen(function*() {
    const control = yield* World.makeControl(world, { rejectCredentials: options.rejectCredentials, onChange })
    const router = yield* Effect.provideService(HttpRouter.make, HttpRouter.RouterConfig, routerConfig)
    yield* router.addAll(endpoints.map(({ answer, method, route }) =>
      HttpRouter.route(
        method,
        routerPath(route),
        Effect.gen(function*() {
          const params = yield* HttpRouter.params
          // a path argument is one non-empty segment
          if (Object.values(params).some((value) => value === undefined || value === "")) {
            return notFound((yield* CurrentIncoming).url)
          }
          const call = {
            ...(yield* CurrentIncoming),
            params: params as Readonly<Record<string, string>>,
            control,
            world: yield* control.get,
            now: yield* World.currentSecond
          }
          const answered = answer(call)
          return Effect.isEffect(answered) ? yield* answered : answered
        }).pipe(Effect.map(toResponse))
      )
    ))
    // a request no route takes (the router's failure); a defect goes on to `handle`'s 500
    const routed = router.asHttpEffect().pipe(
      Effect.catch(() =>
        Effect.gen(function*() {
          const { url } = yield* CurrentIncoming
          const { method } = yield* HttpServerRequest.HttpServerRequest
          return toResponse(unrouted(method, url))
        })
      )
    )
    const authorized = authorizer(options)
    const next = planner(options.faults)
    const latency = options.faults?.latency === undefined
      ? Duration.zero
      : Duration.fromInputUnsafe(options.faults.latency)
    const handle = (
      origin: string
    ): Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest | Scope.Scope> =>
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        const url = requestUrl(origin, request.url)
        if (url === undefined) {
          return toResponse(badTarget)
        }
        const body = request.method === "POST"
          ? yield* Effect.result(Effect.provideService(request.text, HttpIncomingMessage.MaxBodySize, maxBody))
          : Result.succeed("")
        if (Result.isFailure(body)) {
          const reason = body.failure.reason
          return toResponse(
            reason._tag === "RequestParseError" && reason.reason === "BodyTooLarge" ? tooLarge : unreadable
          )
        }
        const fault = next(url)
        const reply = Effect.gen(function*() {
          if (!authorized(request.headers["authorization"]) || (yield* control.rejecting)) {
            return toResponse(twilioError(401, 20003, "Authenticate"))
          }
          return yield* routed
        }).pipe(Effect.provideService(CurrentIncoming, { url, form: new URLSearchParams(body.success) }))
        const faulty = fault === undefined ? reply : applyFault(fault, reply)
        // a latency of zero or less (a negative `Duration` is valid) adds none
        return yield* Duration.isPositive(latency) ? Effect.andThen(Effect.sleep(latency), faulty) : faulty
      }).pipe(
        // whatever goes wrong in the emulator is its own 500, never a crash of the process that runs it
        Effect.catchDefect(() => Effect.succeed(toResponse(internalError())))
      )
    return { control, handle }
  })

/** Twilio's answer where no route is: 405 on a path the API has with another method, 404 elsewhere. */
const unrouted = (method: string, url: URL): Outcome => {
  const known = method !== "GET" && url.pathname.split("/").every((segment) => decodeSegment(segment) !== undefined) &&
    endpoints.some(({ route }) => route.pattern.test(url.pathname))
  return known ? twilioError(405, 20004, "Method not allowed") : notFound(url)
}

/** The largest request body the emulator reads: far more than any form the client sends. */
export const maxRequestBody = 64 * 1024
const maxBody = ByteSize.bytes(maxRequestBody)

/** Twilio's answer to a body over `maxRequestBody`. */
export const tooLarge = twilioError(413, 20001, "Request Entity Too Large")
const unreadable = twilioError(400, 20001, "Bad Request: the request body cannot be read")
/** A `Host` header as HTTP/1.1 requires it: present, and a host with an optional port (RFC 9112, 3.2). */
export const readableHost = (host: string | undefined): boolean =>
  host !== undefined && /^[^/?#@\\]+$/.test(host) && URL.canParse(`http://${host}/`)

/** Twilio's answer to a request whose target or `Host` cannot be read. */
export const badTarget = twilioError(400, 20001, "Bad Request: the request target or Host cannot be read")

/**
 * The URL of a request: its target, which must be a path (origin-form), on the server's own origin
 * (`origin`, as `URL` writes an origin). The `Host` header is not read, and the target is never
 * resolved against the origin, so neither can name another host. `undefined` when it cannot be read.
 */
export const requestUrl = (origin: string, target: string | undefined): URL | undefined => {
  if (target === undefined || !target.startsWith("/")) return undefined
  try {
    const url = new URL(origin + target)
    return url.origin === origin ? url : undefined
  } catch {
    return undefined
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
