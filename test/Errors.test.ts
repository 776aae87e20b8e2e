import { describe, expect, it } from "@effect/vitest"
import * as Errors from "effect-twilio-video"
import { PublishedTracks } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as Stream from "effect/Stream"
import { authToken, client, json } from "./support/fakeHttp.js"

const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }
const twilioBody = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status
})

describe("status errors", () => {
  const cases: ReadonlyArray<[number, string, number]> = [
    [401, "Unauthorized", 20003],
    [403, "Forbidden", 20403],
    [404, "NotFound", 20404],
    [400, "ApiError", 20001],
    [500, "ApiError", 20500],
    [503, "ApiError", 20503]
  ]
  for (const [status, tag, code] of cases) {
    it.effect(`${status} with Twilio's error body is ${tag}, carrying its code, message and more_info`, () => {
      const { layer } = client(() => json(twilioBody(status, code, "The requested resource was not found"), status))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(error._tag).toBe(tag)
        expect(error).toMatchObject({
          method: "GET",
          path: "/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera",
          status,
          code,
          twilioMessage: "The requested resource was not found",
          moreInfo: `https://www.twilio.com/docs/errors/${code}`
        })
        expect(error.message).toContain(`${status}`)
        expect(error.message).toContain(`${code}`)
        expect(error.message).toContain("/v1/Rooms/DailyStandup")
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("429 is RateLimited and carries the Retry-After it saw", () => {
    const { layer } = client(() => json(twilioBody(429, 20429, "Too Many Requests"), 429, { "retry-after": "7" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("RateLimited")
      expect(error).toMatchObject({ status: 429, code: 20429, retryAfter: "7" })
    }).pipe(Effect.provide(layer))
  })

  it.effect("429 without Retry-After is RateLimited with none", () => {
    const { layer } = client(() => new Response("", { status: 429 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && error.retryAfter).toBeUndefined()
    }).pipe(Effect.provide(layer))
  })

  it.effect("an HTML error page from a proxy still gives a typed error, without Twilio fields", () => {
    const { layer } = client(() => new Response("<html><body>Bad gateway</body></html>", { status: 502 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("ApiError")
      expect(error._tag === "ApiError" && [error.status, error.code, error.twilioMessage]).toEqual([
        502,
        undefined,
        undefined
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("an empty 404 body is still NotFound", () => {
    const { layer } = client(() => new Response(null, { status: 404 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("NotFound")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an error body of the wrong shape keeps the status and drops the fields", () => {
    const { layer } = client(() => json({ code: "not-a-number", message: 42 }, 404))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("NotFound")
      expect(error._tag === "NotFound" && [error.status, error.code, error.twilioMessage]).toEqual([
        404,
        undefined,
        undefined
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a transport failure is a TransportError", () => {
    const { layer } = client(() => {
      throw new TypeError("fetch failed")
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("TransportError")
      expect(error.message).toContain("fetch failed")
      expect(error).toMatchObject({
        method: "GET",
        path: "/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera"
      })
    }).pipe(Effect.provide(layer))
  })

  it.effect("a 300 is an UnexpectedRedirect like any 3xx", () => {
    const { layer } = client(() =>
      new Response(null, { status: 300, headers: { location: "https://elsewhere.example/choices" } })
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error).toMatchObject({
        _tag: "UnexpectedRedirect",
        status: 300,
        locationOrigin: "https://elsewhere.example"
      })
    }).pipe(Effect.provide(layer))
  })

  const originless: ReadonlyArray<[string, Record<string, string>]> = [
    ["no Location", {}],
    ["a Location with no origin (mailto:)", { location: "mailto:someone@example.com" }],
    ["a Location with no origin (data:)", { location: "data:text/plain,x" }],
    ["a Location that is not a URL", { location: "http://[" }]
  ]
  for (const [what, headers] of originless) {
    it.effect(`a redirect with ${what} is an UnexpectedRedirect naming no origin`, () => {
      const { layer } = client(() => new Response(null, { status: 302, headers }))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(error).toMatchObject({ _tag: "UnexpectedRedirect", status: 302 })
        expect(error).not.toHaveProperty("locationOrigin")
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("an error body without Twilio's fields leaves them out, rather than set to undefined", () => {
    const { layer } = client(() => new Response("<html>Bad gateway</html>", { status: 502 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(Object.keys(error).filter((key) => ["code", "twilioMessage", "moreInfo"].includes(key))).toEqual([])
    }).pipe(Effect.provide(layer))
  })

  it.effect("can be told apart with catchTags", () => {
    const { layer } = client(() => json(twilioBody(404, 20404, "not found"), 404))
    return Effect.gen(function*() {
      const outcome = yield* PublishedTracks.fetch(camera).pipe(
        Effect.as("found"),
        Effect.catchTags({
          NotFound: (e) => Effect.succeed(`missing: ${e.code}`),
          Unauthorized: () => Effect.succeed("login")
        }),
        Effect.catch((e) => Effect.succeed(`other: ${e._tag}`))
      )
      expect(outcome).toBe("missing: 20404")
    }).pipe(Effect.provide(layer))
  })

  it.effect("no error carries the auth token", () => {
    const { layer } = client(() => json(twilioBody(401, 20003, "Authenticate"), 401))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.list({ room: "r", participant: "p" }).pipe(Stream.runCollect))
      const basic = Buffer.from(`x:${authToken}`).toString("base64").slice(4)
      for (const text of [String(error), JSON.stringify(error), error.message, error.stack ?? ""]) {
        expect(text).not.toContain(authToken)
        expect(text).not.toContain(basic)
      }
    }).pipe(Effect.provide(layer))
  })
})

describe("transport errors", () => {
  /** The TransportError of a fetch whose transport fails with `cause`. */
  const failingWith = (cause: unknown) => {
    const { layer } = client(() => {
      throw cause
    })
    return Effect.flip(PublishedTracks.fetch(camera)).pipe(
      Effect.flatMap((error) => error._tag === "TransportError" ? Effect.succeed(error) : Effect.die(error)),
      Effect.provide(layer)
    )
  }
  const coded = (message: string, code: string, options: ErrorOptions = {}) =>
    Object.assign(new Error(message, options), { code })

  it.effect("names the transport's error and the error that caused it", () =>
    Effect.gen(function*() {
      const error = yield* failingWith(new TypeError("fetch failed", { cause: new Error("other side closed") }))
      expect(error.reason).toBe("fetch failed: other side closed")
    }))

  it.effect("names the transport's error alone when nothing caused it", () =>
    Effect.gen(function*() {
      expect((yield* failingWith(new TypeError("fetch failed"))).reason).toBe("fetch failed")
    }))

  it.effect("names the step that failed when the transport fails with something other than an Error", () =>
    Effect.gen(function*() {
      expect((yield* failingWith("down")).reason).toBe("Transport")
    }))

  /** An error as Node gives it: its code, and the step (system call) that failed. */
  const failed = (code: string, syscall: string) => Object.assign(new Error(`${syscall} ${code}`), { code, syscall })
  const connections: ReadonlyArray<[string, unknown, boolean]> = [
    ["a refused connection", failed("ECONNREFUSED", "connect"), false],
    [
      "a refused connection, as fetch wraps it",
      new TypeError("fetch failed", { cause: failed("ECONNREFUSED", "connect") }),
      false
    ],
    [
      "an unknown host, two causes deep",
      new Error("a", { cause: new Error("b", { cause: failed("ENOTFOUND", "getaddrinfo") }) }),
      false
    ],
    ["a host unreachable while connecting", failed("EHOSTUNREACH", "connect"), false],
    ["a network unreachable while connecting", failed("ENETUNREACH", "connect"), false],
    ["a host unreachable on an open connection", failed("EHOSTUNREACH", "read"), true],
    ["a network unreachable while writing the request", failed("ENETUNREACH", "write"), true],
    ["an unreachable host with no step named", coded("x", "EHOSTUNREACH"), true],
    ["a refused connection with no step named", coded("x", "ECONNREFUSED"), true],
    ["a connect timeout", coded("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT"), false],
    [
      "every address refused",
      new AggregateError([failed("ECONNREFUSED", "connect"), failed("ECONNREFUSED", "connect")], "x"),
      false
    ],
    [
      "one address refused, another dropped after sending",
      new AggregateError([failed("ECONNREFUSED", "connect"), failed("ECONNRESET", "read")], "x"),
      true
    ],
    ["no address tried", new AggregateError([], "x"), true],
    ["a reset connection", failed("ECONNRESET", "read"), true],
    ["an error with no code", new TypeError("fetch failed"), true],
    ["an error whose cause is null", new Error("fetch failed", { cause: null }), true],
    ["an error whose code is not a string", Object.assign(new Error("x"), { code: 61 }), true]
  ]
  for (const [what, cause, connected] of connections) {
    it.effect(`${what} is connected: ${connected}`, () =>
      Effect.gen(function*() {
        expect((yield* failingWith(cause)).connected).toBe(connected)
      }))
  }

  it.effect("an error whose causes form a loop is read without hanging", () =>
    Effect.gen(function*() {
      const loop = new Error("loop")
      Object.assign(loop, { cause: loop })
      const error = yield* failingWith(loop)
      expect([error.reason, error.connected]).toEqual(["loop: loop", true])
    }))

  it.effect("an AggregateError among its own errors is read without hanging", () =>
    Effect.gen(function*() {
      const loop: AggregateError = new AggregateError([], "loop")
      loop.errors.push(loop)
      expect((yield* failingWith(loop)).connected).toBe(true)
    }))

  const cutShort: ReadonlyArray<readonly [string, Error]> = [
    ["read EHOSTUNREACH", coded("read EHOSTUNREACH", "EHOSTUNREACH")],
    ["connect ECONNREFUSED", failed("ECONNREFUSED", "connect")]
  ]
  for (const [reason, cause] of cutShort) {
    it.effect(`a body cut short by ${reason} is a TransportError after the connection opened, naming why`, () => {
      const cut = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`{"sid": "MT`))
          controller.error(cause)
        }
      })
      const { layer } = client(() => new Response(cut, { headers: { "content-type": "application/json" } }))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        // a response had arrived, whatever the step or code of what ended its body says
        expect(error).toMatchObject({ _tag: "TransportError", reason, connected: true })
      }).pipe(Effect.provide(layer))
    })
  }
})

describe("messages", () => {
  const get = { method: "GET", path: "/v1/Rooms/r/Participants/p/PublishedTracks/t" }
  const messages: ReadonlyArray<[string, { readonly message: string }, string]> = [
    [
      "a status with Twilio's code and message",
      new Errors.NotFound({ ...get, status: 404, code: 20404, twilioMessage: "Not found" }),
      "Not found: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 404 (Twilio 20404: Not found)"
    ],
    [
      "a status with Twilio's code only",
      new Errors.Unauthorized({ ...get, status: 401, code: 20003 }),
      "Unauthorized: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 401 (Twilio 20003)"
    ],
    [
      "a status with Twilio's message only",
      new Errors.Forbidden({ ...get, status: 403, twilioMessage: "No" }),
      "Forbidden: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 403 (Twilio: No)"
    ],
    [
      "a status without Twilio's body",
      new Errors.ApiError({ ...get, status: 502 }),
      "Twilio API error: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 502"
    ],
    [
      "a rate limit with a Retry-After",
      new Errors.RateLimited({ ...get, status: 429, code: 20429, retryAfter: "2" }),
      "Rate limited: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 429 (Twilio 20429); retry after 2"
    ],
    [
      "a rate limit without one",
      new Errors.RateLimited({ ...get, status: 429 }),
      "Rate limited: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 429"
    ],
    [
      "a decode error at a field of a known resource",
      new Errors.DecodeError({
        ...get,
        url: "https://video.twilio.com/v1/x",
        field: "kind",
        issue: "Expected \"audio\"",
        sid: "MT0123456789abcdef0123456789abcdef"
      }),
      "Unexpected response body from GET https://video.twilio.com/v1/x: at kind (MT0123456789abcdef0123456789abcdef): Expected \"audio\""
    ],
    [
      "a decode error at a field",
      new Errors.DecodeError({ ...get, url: "https://video.twilio.com/v1/x", field: "meta", issue: "is missing" }),
      "Unexpected response body from GET https://video.twilio.com/v1/x: at meta: is missing"
    ],
    [
      "a decode error of the whole body",
      new Errors.DecodeError({ ...get, url: "https://video.twilio.com/v1/x", field: "", issue: "not JSON" }),
      "Unexpected response body from GET https://video.twilio.com/v1/x: not JSON"
    ],
    [
      "a redirect with a Location",
      new Errors.UnexpectedRedirect({ ...get, status: 302, locationOrigin: "https://elsewhere.example" }),
      "Unexpected redirect: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 302 to https://elsewhere.example; redirects are not followed"
    ],
    [
      "a redirect without one",
      new Errors.UnexpectedRedirect({ ...get, status: 307 }),
      "Unexpected redirect: GET /v1/Rooms/r/Participants/p/PublishedTracks/t answered 307; redirects are not followed"
    ],
    [
      "an unsafe next page",
      new Errors.UnsafeNextPage({
        ...get,
        refusedOrigin: "https://evil.example",
        expectedOrigin: "https://video.twilio.com",
        reason: "another origin"
      }),
      "Refused to follow a page URL on https://evil.example (from GET /v1/Rooms/r/Participants/p/PublishedTracks/t): another origin; credentials are only sent to listings on https://video.twilio.com"
    ]
  ]
  for (const [what, error, message] of messages) {
    it(`says ${what}`, () => {
      expect(error.message).toBe(message)
    })
  }

  it("cuts a long text to 300 characters and says how much was cut", () => {
    const error = new Errors.TransportError({
      method: "GET",
      path: `/${"p".repeat(999)}`,
      reason: "x",
      connected: true
    })
    expect(error.message).toBe(`Transport failure on GET /${"p".repeat(299)}… (700 more characters cut): x`)
    expect(new Errors.TransportError({ method: "GET", path: "/".repeat(300), reason: "x", connected: true }).message)
      .toBe(`Transport failure on GET ${"/".repeat(300)}: x`)
    expect(new Errors.TransportError({ method: "GET", path: "/".repeat(301), reason: "x", connected: true }).message)
      .toBe(`Transport failure on GET ${"/".repeat(300)}… (1 more characters cut): x`)
  })

  it("never cuts a character in two: a surrogate pair at the cut is cut whole", () => {
    const clipped = (path: string) =>
      new Errors.Timeout({ method: "GET", path, timeoutMillis: 1 }).message.replace(
        /^GET (.*) timed out after 1 ms$/,
        "$1"
      )
    const emoji = "😀" // one character of two UTF-16 code units
    // the pair straddles the 300th code unit: it goes whole
    expect(clipped("a".repeat(299) + emoji + "b")).toBe(`${"a".repeat(299)}… (3 more characters cut)`)
    // the pair ends at the 300th: it stays whole
    expect(clipped("a".repeat(298) + emoji + "b")).toBe(`${"a".repeat(298)}${emoji}… (1 more characters cut)`)
    // a low surrogate at the 300th, a high one just after: cut between pairs
    expect(clipped("a".repeat(300) + emoji)).toBe(`${"a".repeat(300)}… (2 more characters cut)`)
    // the first and the last high surrogates, U+10000 and U+10FFFF, straddling the cut
    for (const pair of ["\u{10000}", "\u{10FFFF}"]) {
      expect(clipped("a".repeat(299) + pair)).toBe(`${"a".repeat(299)}… (2 more characters cut)`)
    }
  })

  it("cuts every text a hostile server controls: names, bodies, origins, reasons", () => {
    const long = "x".repeat(100_000)
    const errors = [
      new Errors.ApiError({ method: "GET", path: long, status: 500, twilioMessage: long }),
      new Errors.RateLimited({ method: "GET", path: "/", status: 429, retryAfter: long }),
      new Errors.DecodeError({ method: "GET", path: "/", url: long, field: long, issue: long }),
      new Errors.InvalidArgument({ operation: "Rooms.fetch", argument: long, reason: long }),
      new Errors.UnsafeNextPage({ method: "GET", path: long, refusedOrigin: long, expectedOrigin: "x", reason: long }),
      new Errors.UnexpectedRedirect({ method: "GET", path: long, status: 302, locationOrigin: long }),
      new Errors.PageLoop({ method: "GET", path: long, pagesRead: 2 }),
      new Errors.ResponseTooLarge({ method: "GET", path: long, maxBodyBytes: 1 })
    ]
    for (const error of errors) expect(error.message.length, error._tag).toBeLessThan(2_000)
  })

  it("names each error's schema, so a malformed error is refused naming its class", () => {
    const classes = [
      Errors.NotFound,
      Errors.Unauthorized,
      Errors.Forbidden,
      Errors.RateLimited,
      Errors.ApiError,
      Errors.UnexpectedRedirect,
      Errors.DecodeError,
      Errors.ResponseTooLarge,
      Errors.TransportError,
      Errors.Timeout,
      Errors.InvalidArgument,
      Errors.UnsafeNextPage,
      Errors.PageLoop
    ]
    for (const schema of classes) {
      const name = schema.name
      const codec = schema as unknown as Schema.Codec<unknown, unknown>
      expect(SchemaAST.resolveIdentifier(codec.ast), name).toBe(`effect-twilio-video/${name}`)
      // the encoded form is refused; Effect 4's messages name the missing field, never the enclosing schema
      const encoded = Schema.decodeUnknownResult(codec)({ _tag: name })
      expect(Result.isFailure(encoded) && String(encoded.failure), name).toContain("Missing key")
      // a value that is not of the class is refused naming it
      const typed = Schema.decodeUnknownResult(Schema.toType(codec))({ _tag: name })
      expect(Result.isFailure(typed) && String(typed.failure), name).toContain(`effect-twilio-video/${name}`)
    }
  })
})
