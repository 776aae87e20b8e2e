/**
 * The attacks of a hostile server or page URL, one block each, with what the client does now. Where
 * an HTTP client is involved, each runs over FetchHttpClient and NodeHttpClient against a real
 * loopback server.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  ApiError,
  ClientConfig,
  DecodeError,
  Forbidden,
  InvalidArgument,
  NotFound,
  PageLoop,
  PublishedTracks,
  RateLimited,
  ResponseTooLarge,
  Timeout,
  TransportError,
  TwilioCredentials,
  Unauthorized,
  UnexpectedRedirect,
  UnsafeNextPage
} from "effect-twilio-video"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as Arbitrary from "effect/Arbitrary"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { client, credentials, json, wirePage, wireTrack } from "./support/fakeHttp.js"
import { httpClients, serve } from "./support/loopback.js"
import { rawRequest } from "./support/raw.js"

const alice = { room: "DailyStandup", participant: "Alice" }
const camera = { ...alice, track: "Camera" }
const listPath = "/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks"

/** The three ways into a listing: from its first page, from a stored page URL, and a single page. */
/** Each gives the number of tracks it read. */
const operations = {
  list: (_next: string) => Effect.map(Stream.runCollect(PublishedTracks.list(alice)), (tracks) => tracks.length),
  listFrom: (next: string) =>
    Effect.flatMap(PublishedTracks, (s) => Effect.map(Stream.runCollect(s.listFrom(next)), (tracks) => tracks.length)),
  pageAt: (next: string) => Effect.flatMap(PublishedTracks, (s) => Effect.map(s.pageAt(next), (p) => p.items.length))
} as const

/** A fake API whose first page links to `next`, and which answers anything else with a page of tracks. */
const linkingTo = (next: string) => (url: URL) =>
  url.pathname === listPath && url.search === ""
    ? json(wirePage([wireTrack(1)], url.href, next))
    : json(wirePage([wireTrack(2)], url.href, null))

describe("a next page on Twilio's global host is moved to the regional host by its origin alone", () => {
  const attacks = ["//evil.example/steal", "/\\evil.example/steal", "/.//evil.example/steal"]
  const endpoints: ReadonlyArray<[string, ClientConfig.Options, string]> = [
    ["region", { region: "ie1" }, "video.ie1.twilio.com"],
    ["edge", { edge: "dublin" }, "video.dublin.us1.twilio.com"],
    ["region and edge", { region: "ie1", edge: "dublin" }, "video.dublin.ie1.twilio.com"]
  ]
  for (const [what, options, host] of endpoints) {
    for (const attack of attacks) {
      for (const [name, operation] of Object.entries(operations)) {
        const next = `https://video.twilio.com${attack}`
        it.effect(`with ${what}, ${name} refuses ${JSON.stringify(next)} and never sends it the credentials`, () => {
          const { layer, requests } = client(linkingTo(next), { ...options, retry: false })
          return Effect.gen(function*() {
            const error = yield* Effect.flip(operation(next))
            expect(error._tag).toBe("UnsafeNextPage")
            expect(requests.every((r) => r.url.host === host)).toBe(true)
            expect(requests).toHaveLength(name === "list" ? 1 : 0)
          }).pipe(Effect.provide(layer))
        })
      }
    }
  }

  it.effect("a next page on Twilio's global host is still followed, on the regional host", () => {
    const next = `https://video.twilio.com/v1/Rooms/RM${"a".repeat(32)}/Participants/PA${
      "b".repeat(32)
    }/PublishedTracks?PageSize=50&Page=1&PageToken=PAx`
    const { layer, requests } = client(linkingTo(next), { region: "ie1", retry: false })
    return Effect.gen(function*() {
      expect(yield* operations.list(next)).toBe(2)
      expect(requests[1]!.url.href).toBe(next.replace("video.twilio.com", "video.ie1.twilio.com"))
    }).pipe(Effect.provide(layer))
  })
})

describe("a next page stays on the listing it continues", () => {
  const origin = "https://video.twilio.com"
  const refused = [
    `${origin}/2010-04-01/Accounts/AC${"0".repeat(32)}/Messages.json`,
    `${origin}${listPath}/../../../../../2010-04-01/Accounts/AC${"0".repeat(32)}/Messages.json`,
    `${origin}/v1/Rooms/DailyStandup/Participants/Alice/%2e%2e/%2e%2e/%2e%2e/Recordings`,
    `${origin}/v1/Rooms/DailyStandup/Participants/Alice/%2E%2E/PublishedTracks`,
    `${origin}/v1/Rooms/DailyStandup/Participants/Alice/SubscribedTracks`,
    `${origin}${listPath}/MT${"0".repeat(32)}`,
    `${origin}${listPath}/`,
    `${origin}/v1/Rooms/DailyStandup/Participants//PublishedTracks`,
    `${origin}/v1/Rooms/DailyStandup/PublishedTracks`,
    `${origin}/v2/Rooms/DailyStandup/Participants/Alice/PublishedTracks`,
    `${origin}/`
  ]
  for (const next of refused) {
    for (const [name, operation] of Object.entries(operations)) {
      it.effect(`${name} refuses ${next.slice(origin.length)}, with no request`, () => {
        const { layer, requests } = client(linkingTo(next))
        return Effect.gen(function*() {
          const error = yield* Effect.flip(operation(next))
          expect(error._tag).toBe("UnsafeNextPage")
          if (error._tag !== "UnsafeNextPage") return
          expect(error.reason).toBe("its path is not a listing of this resource under the base URL")
          expect(requests.map((r) => r.url.pathname)).toEqual(name === "list" ? [listPath] : [])
        }).pipe(Effect.provide(layer))
      })
    }
  }

  for (const userInfo of ["user:pass@", "user@", ":pass@"]) {
    const next = `https://${userInfo}video.twilio.com${listPath}?PageToken=PAx`
    for (const [name, operation] of Object.entries(operations)) {
      it.effect(`${name} refuses a listing URL with the user info ${userInfo}, with no request`, () => {
        const { layer, requests } = client(linkingTo(next))
        return Effect.gen(function*() {
          const error = yield* Effect.flip(operation(next))
          expect(error).toMatchObject({
            _tag: "UnsafeNextPage",
            method: "GET",
            refusedOrigin: origin,
            reason: "it carries user info"
          })
          expect(requests.map((r) => r.url.href)).toEqual(name === "list" ? [`${origin}${listPath}`] : [])
        }).pipe(Effect.provide(layer))
      })
    }
  }

  it.effect("refuses a listing path on another origin, naming that origin", () => {
    const next = `https://video.twilio.com.evil.example${listPath}?PageToken=PAx`
    const { layer, requests } = client(linkingTo(next))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(operations.list(next))
      expect(error).toMatchObject({
        _tag: "UnsafeNextPage",
        refusedOrigin: "https://video.twilio.com.evil.example",
        expectedOrigin: origin,
        reason: "it is on another origin"
      })
      expect(requests).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  const accepted = [
    `${origin}${listPath}?PageSize=50&Page=1&PageToken=PAx`,
    `${origin}/v1/Rooms/RM${"a".repeat(32)}/Participants/PA${"b".repeat(32)}/PublishedTracks?Page=1`,
    `${origin}/v1/Rooms/Daily%53tandup/Participants/%41lice/PublishedTracks?Page=1`,
    `${origin}/v1/Rooms/Room%2F1/Participants/Zo%C3%AB/PublishedTracks?Page=1#fragment`
  ]
  for (const next of accepted) {
    it.effect(`follows ${next.slice(origin.length)}`, () => {
      const { layer, requests } = client(linkingTo(next))
      return Effect.gen(function*() {
        expect(yield* operations.list(next)).toBe(2)
        expect(requests[1]!.url.href).toBe(next.replace("#fragment", ""))
      }).pipe(Effect.provide(layer))
    })
  }

  const base = "http://127.0.0.1:9999/twilio"
  const escapes = [
    `http://127.0.0.1:9999${listPath}`,
    `${base}/..${listPath}`,
    `${base}/%2e%2e${listPath}`,
    `http://127.0.0.1:9999/twilio-other${listPath}`
  ]
  for (const next of escapes) {
    it.effect(`refuses ${next}, outside the base URL ${base}`, () => {
      const { layer, requests } = client(
        (url) =>
          url.search === ""
            ? json(wirePage([wireTrack(1)], url.href, next))
            : json(wirePage([wireTrack(2)], url.href, null)),
        { baseUrl: base, retry: false }
      )
      return Effect.gen(function*() {
        const error = yield* Effect.flip(operations.list(next))
        expect(error._tag).toBe("UnsafeNextPage")
        expect(requests.map((r) => r.url.pathname)).toEqual([`/twilio${listPath}`])
      }).pipe(Effect.provide(layer))
    })
  }
})

/** The service over `http`, at `baseUrl`, retrying nothing. */
const over = (http: Layer.Layer<HttpClient.HttpClient>, baseUrl: string, options: ClientConfig.Options = {}) =>
  PublishedTracks.layer.pipe(
    Layer.provide(Layer.mergeAll(credentials, http, ClientConfig.layer({ baseUrl, retry: false, ...options })))
  )

for (const { layer: http, name: clientName } of httpClients) {
  describe(`redirects are never followed (${clientName})`, () => {
    /** A server that answers anything with a track, and counts what reaches it. */
    const target = serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(wireTrack(9)))
    })

    const scenarios: ReadonlyArray<[string, number, boolean, (api: string, target: string) => string]> = [
      ["302 to another server", 302, false, (_api, target) => `${target}/steal`],
      ["301 from https to plain http", 301, true, (_api, target) => `${target}/steal`],
      ["307 to the same origin", 307, false, (api) => `${api}/v1/Rooms/Other/Participants/Bob/PublishedTracks/Mic`],
      ["308 to itself, a loop", 308, true, (api) => `${api}${listPath}/Camera`],
      ["303 with a relative Location", 303, false, () => "/elsewhere"]
    ]
    for (const [what, status, tls, location] of scenarios) {
      it.effect(`a ${what} is an UnexpectedRedirect, and nothing is sent to its Location`, () =>
        Effect.gen(function*() {
          const elsewhere = yield* target
          const api = yield* serve((_request, response, self) => {
            response.writeHead(status, { location: location(self.url, elsewhere.url) }).end()
          }, { tls })
          const error = yield* Effect.flip(PublishedTracks.fetch(camera).pipe(Effect.provide(over(http, api.url))))
          expect(error._tag).toBe("UnexpectedRedirect")
          if (error._tag !== "UnexpectedRedirect") return
          expect(error.status).toBe(status)
          expect(error.locationOrigin).toBe(new URL(location(api.url, elsewhere.url), api.url).origin)
          expect(api.received).toHaveLength(1)
          expect(elsewhere.received).toHaveLength(0)
        }))
    }

    it.effect("a redirect on a next page ends the listing after the tracks read", () =>
      Effect.gen(function*() {
        const elsewhere = yield* target
        const api = yield* serve((request, response, self) => {
          if (request.url!.includes("Page=1")) {
            response.writeHead(302, { location: `${elsewhere.url}/page2` }).end()
          } else {
            const body = wirePage([wireTrack(1)], self.url + request.url, `${self.url}${listPath}?Page=1`)
            response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body))
          }
        })
        const tracks: Array<unknown> = []
        const error = yield* PublishedTracks.list(alice).pipe(
          Stream.runForEach((track) => Effect.sync(() => tracks.push(track))),
          Effect.flip,
          Effect.provide(over(http, api.url))
        )
        expect(error._tag).toBe("UnexpectedRedirect")
        expect(tracks).toHaveLength(1)
        expect(elsewhere.received).toHaveLength(0)
      }))
  })

  describe(`response bodies are bounded (${clientName})`, () => {
    const MiB = 1024 * 1024

    /** Writes `total` bytes (forever when infinite), as fast as the client reads them. */
    const flood = (total: number, declare: boolean) => {
      const progress = { written: 0, closed: false }
      const server = serve((_request, response) => {
        response.writeHead(200, {
          "content-type": "application/json",
          ...(declare ? { "content-length": String(total) } : {})
        })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        const write = () => {
          while (progress.written < total) {
            progress.written += chunk.length
            if (!response.write(chunk)) return
          }
          response.end()
        }
        response.on("drain", write)
        response.on("close", () => (progress.closed = true))
        write()
      })
      return { progress, server }
    }

    const cases: ReadonlyArray<[string, number, boolean]> = [
      ["a declared Content-Length of 2 GB", 2048 * MiB, true],
      ["a 200 MB body with its Content-Length", 200 * MiB, true],
      ["a 200 MB chunked body", 200 * MiB, false],
      ["an endless chunked body", Number.POSITIVE_INFINITY, false]
    ]
    for (const [what, total, declare] of cases) {
      it.live(
        `${what} ends in ResponseTooLarge naming the limit, within seconds, reading little of it`,
        () =>
          Effect.gen(function*() {
            const { progress, server } = flood(total, declare)
            const api = yield* server
            const rss = process.memoryUsage().rss
            const error = yield* Effect.flip(PublishedTracks.fetch(camera).pipe(Effect.provide(over(http, api.url))))
            expect(error._tag).toBe("ResponseTooLarge")
            if (error._tag !== "ResponseTooLarge") return
            expect(error.maxBodyBytes).toBe(16 * MiB)
            expect(error.message).toContain(String(16 * MiB))
            // the request was aborted: the server sees its connection close, and stops writing (polled,
            // as a loaded machine may take more than a moment to deliver the close)
            const closed = yield* Effect.sync(() => progress.closed).pipe(
              Effect.repeat({ until: (done) => done, schedule: Schedule.spaced("10 millis") }),
              Effect.timeoutOrElse({ duration: "5 seconds", orElse: () => Effect.succeed(false) })
            )
            expect(closed).toBe(true)
            expect(progress.written).toBeLessThan(64 * MiB)
            expect(process.memoryUsage().rss - rss).toBeLessThan(96 * MiB)
          }).pipe(Effect.scoped),
        20_000
      )
    }
  })

  describe(`a declared length over the limit (${clientName})`, () => {
    it.live("is refused at its first bytes, without waiting for the rest of the body", () =>
      Effect.gen(function*() {
        const api = yield* serve((_request, response) => {
          // the head and a few bytes, then nothing: the client must not wait for more
          response.writeHead(200, { "content-type": "application/json", "content-length": String(2 ** 31) })
          response.write("{\"sid\":")
        })
        const started = Date.now()
        const error = yield* Effect.flip(
          PublishedTracks.fetch(camera).pipe(Effect.provide(over(http, api.url, { timeout: "20 seconds" })))
        )
        expect(error._tag).toBe("ResponseTooLarge")
        expect(Date.now() - started).toBeLessThan(5000)
      }).pipe(Effect.scoped), 30_000)
  })

  describe(`error messages stay small (${clientName})`, () => {
    it.effect("a 1 MB name, refused by the server with 431, gives a short message", () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.serve(World.documentation)
        const name = "n".repeat(1024 * 1024)
        const error = yield* Effect.flip(
          PublishedTracks.fetch({ ...camera, track: name }).pipe(Effect.provide(over(http, server.url)))
        )
        expect(error.message.length).toBeLessThan(1000)
        if (error._tag === "ApiError") {
          expect(error.status).toBe(431)
          expect(error.message).toContain("more characters cut")
        } else {
          // the server may close the connection before the client has sent the whole request
          expect(error._tag).toBe("TransportError")
        }
      }))
  })
}

describe("response bodies are bounded, at any limit", () => {
  const body = JSON.stringify(wireTrack(1))
  const size = new TextEncoder().encode(body).length
  for (const declare of [true, false]) {
    const respond = () => new Response(body, { headers: declare ? { "content-length": String(size) } : {} })
    const how = declare ? "with" : "without"
    it.effect(`a body of exactly maxBodyBytes is read, ${how} a Content-Length`, () => {
      const { layer } = client(respond, { retry: false, maxBodyBytes: size })
      return Effect.gen(function*() {
        expect((yield* PublishedTracks.fetch(camera)).name).toBeDefined()
      }).pipe(Effect.provide(layer))
    })
    it.effect(`a body one byte over maxBodyBytes is refused, ${how} a Content-Length`, () => {
      const { layer } = client(respond, { retry: false, maxBodyBytes: size - 1 })
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(error._tag === "ResponseTooLarge" && error.maxBodyBytes).toBe(size - 1)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("a body in several chunks, without a Content-Length, is read whole and in order", () => {
    const bytes = new TextEncoder().encode(body)
    const thirds = [bytes.slice(0, 100), bytes.slice(100, 200), bytes.slice(200)]
    const respond = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of thirds) controller.enqueue(part)
            controller.close()
          }
        })
      )
    const { layer } = client(respond, { retry: false, maxBodyBytes: size })
    return Effect.gen(function*() {
      expect((yield* PublishedTracks.fetch(camera)).sid).toBe(wireTrack(1).sid)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a Content-Length that is not a number is not trusted: the body is read, within the limit", () => {
    const respond = () => new Response(body, { headers: { "content-length": "lots" } })
    return Effect.gen(function*() {
      const read = client(respond, { retry: false, maxBodyBytes: size })
      expect((yield* Effect.provide(PublishedTracks.fetch(camera), read.layer)).name).toBe(wireTrack(1).name)
      const refused = client(respond, { retry: false, maxBodyBytes: size - 1 })
      const error = yield* Effect.flip(Effect.provide(PublishedTracks.fetch(camera), refused.layer))
      expect(error._tag).toBe("ResponseTooLarge")
    })
  })

  for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
    it.effect(`refuses maxBodyBytes ${maxBodyBytes} with a ConfigError naming it`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Layer.build(ClientConfig.layer({ maxBodyBytes })).pipe(Effect.scoped))
        expect(String(error)).toContain("maxBodyBytes")
      }))
  }
})

describe("a page holds no more items than were asked for", () => {
  const pageOf = (n: number) => (url: URL) =>
    json(wirePage(Array.from({ length: n }, (_, i) => wireTrack(i)), url.href, null))

  it.effect("a page of 3 when 2 were asked for is a DecodeError at published_tracks", () => {
    const { layer } = client(pageOf(3))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runCollect(PublishedTracks.list({ ...alice, pageSize: 2 })))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      expect(error.field).toBe("published_tracks")
      expect(error.issue).toContain("3 items, more than the 2 asked for")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a page of exactly the size asked for is read", () => {
    const { layer } = client(pageOf(2))
    return Effect.gen(function*() {
      expect((yield* Stream.runCollect(PublishedTracks.list({ ...alice, pageSize: 2 }))).length).toBe(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("without a page size, a page of 1,000,000 items is refused before any is decoded", () => {
    const { layer } = client((url) => json(wirePage(Array.from({ length: 1_000_000 }, () => 0), url.href, null)))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runCollect(PublishedTracks.list(alice)))
      expect(error._tag === "DecodeError" && error.issue).toContain("1000000 items, more than the 1000 asked for")
    }).pipe(Effect.provide(layer))
  })
})

describe("secrets Basic auth cannot carry are refused when the credentials are built", () => {
  const accountSid = `AC${"0".repeat(32)}`
  const apiKeySid = `SK${"0".repeat(32)}`
  const secrets: ReadonlyArray<[string, string, string]> = [
    ["outside Latin-1", "tok✓en-secret", "must hold only Latin-1 characters"],
    ["an emoji", "🔑-secret", "must hold only Latin-1 characters"],
    ["empty", "", "must not be empty"]
  ]
  for (const [what, secret, rule] of secrets) {
    const inCode: ReadonlyArray<[string, TwilioCredentials.Options]> = [
      ["authToken", { accountSid, authToken: Redacted.make(secret) }],
      ["apiKeySecret", { accountSid, apiKeySid, apiKeySecret: Redacted.make(secret) }]
    ]
    for (const [option, options] of inCode) {
      it.effect(`an ${option} ${what} is a ConfigError naming ${option}, not the value`, () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(Layer.build(TwilioCredentials.layer(options)).pipe(Effect.scoped))
          expect(String(error)).toContain(`${option} ${rule}`)
          if (secret !== "") expect(String(error)).not.toContain(secret)
        }))
    }
    const fromEnv: ReadonlyArray<[string, Record<string, string>]> = [
      ["TWILIO_AUTH_TOKEN", { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: secret }],
      ["TWILIO_API_SECRET", { TWILIO_ACCOUNT_SID: accountSid, TWILIO_API_KEY: apiKeySid, TWILIO_API_SECRET: secret }]
    ]
    for (const [variable, env] of fromEnv) {
      it.effect(`${variable} ${what} is a ConfigError naming ${variable} once, not the value`, () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(
            Layer.build(TwilioCredentials.layerConfig).pipe(
              Effect.scoped,
              // the variables as given, an empty one kept as the empty value it is (as fromMap did on Effect 3)
              Effect.provideService(
                ConfigProvider.ConfigProvider,
                ConfigProvider.fromEnvRecord(env, { preserveEmptyStrings: true })
              )
            )
          )
          const text = String(error)
          expect(text).toContain(variable)
          expect(text.split(variable)).toHaveLength(2)
          expect(text).toContain(rule)
          if (secret !== "") expect(text).not.toContain(secret)
        }))
    }
  }
})

/** Integers from `min` to `max`, both included. */
const int = (min: number, max: number) =>
  Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum: min, maximum: max })))

/** One of `choices`, each as often as its weight says (fast-check's weighted `oneof`). */
const oneOf = <A>(choices: ReadonlyArray<readonly [number, Arbitrary.Arbitrary<A>]>): Arbitrary.Arbitrary<A> => {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0)
  return Arbitrary.flatMap(int(0, total - 1), (n) => {
    for (const [weight, choice] of choices) {
      if (n < weight) return choice
      n -= weight
    }
    return choices[choices.length - 1]![1]
  })
}

describe("the socket emulator answers what it cannot read with 400, and goes on serving", () => {
  const valid = "GET /v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks HTTP/1.1\r\n" +
    `Host: x\r\nAuthorization: Basic ${btoa(`${Emulator.accountSid}:${Redacted.value(Emulator.authToken)}`)}\r\n` +
    "Connection: close\r\n\r\n"

  const unreadable: ReadonlyArray<[string, string]> = [
    ["a Host of [", "GET /v1/Rooms HTTP/1.1\r\nHost: [\r\n\r\n"],
    ["a Host of a b", "GET /v1/Rooms HTTP/1.1\r\nHost: a b\r\n\r\n"],
    ["a Host of %zz", "GET /v1/Rooms HTTP/1.1\r\nHost: %zz\r\n\r\n"],
    ["a Host with a port out of range", "GET /v1/Rooms HTTP/1.1\r\nHost: x:99999999\r\n\r\n"],
    ["an empty Host", "GET /v1/Rooms HTTP/1.1\r\nHost: \r\n\r\n"],
    ["an absolute target", "GET http://evil.example/v1/Rooms HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a target of *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a request line that is not HTTP", "HELLO\r\n\r\n"],
    ["a header without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"]
  ]
  for (const [what, request] of unreadable) {
    it.effect(`${what}: 400 with Twilio's error body, and the next request is served`, () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.serve(World.documentation)
        const answer = yield* rawRequest(server.url, request)
        expect(answer.status).toMatch(/^HTTP\/1\.1 400 /)
        expect(JSON.parse(answer.body)).toMatchObject({ code: 20001, status: 400 })
        expect((yield* rawRequest(server.url, valid)).status).toBe("HTTP/1.1 200 OK")
      }))
  }

  for (const target of ["//", "//evil.example/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks"]) {
    it.effect(`a target of ${target} is a path on the emulator's own origin: 404`, () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.serve(World.documentation)
        const answer = yield* rawRequest(
          server.url,
          valid.replace("GET /v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks", `GET ${target}`)
        )
        expect(answer.status).toMatch(/^HTTP\/1\.1 404 /)
        expect(JSON.parse(answer.body)).toMatchObject({ code: 20404, status: 404 })
      }))
  }

  it.effect("fuzz: raw request lines and headers never stop it from serving", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.serve(World.documentation)
      // mostly printable, so that node:http's parser passes most requests on to the emulator
      const codes = (min: number, max: number, maxLength: number) =>
        Arbitrary.array(int(min, max), { maxLength }).pipe(
          Arbitrary.map((units) => String.fromCharCode(...units))
        )
      const printable = codes(0x21, 0x7e, 8)
      const piece = oneOf([
        [4, Arbitrary.schema(Schema.Literals(["/", "//", "/v1", "%", "%zz", "%2e", "..", "[", "]", ":", "@"]))],
        [4, printable],
        // "binary-ascii": any of the 128 ASCII code units
        [1, codes(0x00, 0x7f, 4)]
      ])
      const text = Arbitrary.array(piece, { maxLength: 6 }).pipe(Arbitrary.map((parts) => parts.join("")))
      const request = Arbitrary.all({
        method: Arbitrary.schema(Schema.Literals(["GET", "POST", "OPTIONS", "get", "BREW"])),
        target: text,
        host: oneOf<string | undefined>([[1, Arbitrary.Constant(undefined)], [5, text]]),
        headers: Arbitrary.array(Arbitrary.all([text, text]), { maxLength: 3 })
      }).pipe(Arbitrary.map(({ headers, host, method, target }) =>
        `${method} ${target} HTTP/1.1\r\n` + (host === undefined ? "" : `Host: ${host}\r\n`) +
        headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")
      ))
      const requests = yield* Arbitrary.sampleEffect(oneOf([[1, request], [1, text]]), { count: 500, seed: 42 })
      for (const request of requests) {
        const answer = yield* rawRequest(server.url, `${request}\r\n\r\n`)
        // an empty request is no request: the connection just closes
        expect(answer.status).toMatch(request === "" ? /^$/ : /^HTTP\/1\.1 \d{3} /)
      }
      expect((yield* rawRequest(server.url, valid)).status).toBe("HTTP/1.1 200 OK")
    }), 60_000)
})

describe("every error message stays small, whatever it quotes", () => {
  const huge = "x".repeat(1024 * 1024)
  const request = { method: "GET", path: `/v1/Rooms/${huge}` }
  const response = { ...request, status: 400, code: 20001, twilioMessage: huge, moreInfo: huge }
  const errors: ReadonlyArray<[string, () => Error]> = [
    ["NotFound", () => new NotFound(response)],
    ["Unauthorized", () => new Unauthorized(response)],
    ["Forbidden", () => new Forbidden(response)],
    ["RateLimited", () => new RateLimited({ ...response, retryAfter: huge })],
    ["ApiError", () => new ApiError(response)],
    ["UnexpectedRedirect", () => new UnexpectedRedirect({ ...request, status: 302, locationOrigin: "https://x" })],
    ["DecodeError", () => new DecodeError({ ...request, url: `https://x${request.path}`, field: huge, issue: huge })],
    ["ResponseTooLarge", () => new ResponseTooLarge({ ...request, maxBodyBytes: 1 })],
    ["TransportError", () => new TransportError({ ...request, reason: huge, connected: true })],
    ["Timeout", () => new Timeout({ ...request, timeoutMillis: 1 })],
    [
      "InvalidArgument",
      () => new InvalidArgument({ operation: "PublishedTracks.fetch", argument: huge, reason: huge })
    ],
    [
      "UnsafeNextPage",
      () => new UnsafeNextPage({ ...request, refusedOrigin: "https://a", expectedOrigin: "https://b", reason: "r" })
    ],
    ["PageLoop", () => new PageLoop({ ...request, pagesRead: 2 })]
  ]
  for (const [tag, make] of errors) {
    it(`${tag}: a few hundred characters a quoted part, and says what was cut`, () => {
      const { message } = make()
      expect(message.length).toBeLessThan(1500)
      expect(message).toContain("more characters cut")
    })
  }
})
