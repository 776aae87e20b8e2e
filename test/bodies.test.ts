/**
 * What the client reads of an answer's body, over FetchHttpClient and NodeHttpClient against real
 * loopback servers: bounded after the transport decodes it, and a typed error for an answer whose
 * body is missing or declared too large, never a defect.
 */
import { describe, expect, it } from "@effect/vitest"
import { ClientConfig, PublishedTracks, Rooms, TwilioVideo } from "effect-twilio-video"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { createServer, type Socket } from "node:net"
import type { AddressInfo } from "node:net"
import { brotliCompressSync, constants, deflateSync, gzipSync } from "node:zlib"
import { client, credentials, wireTrack } from "./support/fakeHttp.js"
import { httpClients, serve } from "./support/loopback.js"

const MiB = 1024 * 1024
const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }

/** The four services over `http` at `baseUrl`, retrying quickly, so that a retry would be seen. */
const over = (http: Layer.Layer<HttpClient.HttpClient>, baseUrl: string, options: ClientConfig.Options = {}) =>
  TwilioVideo.layer.pipe(
    Layer.provide(Layer.mergeAll(
      credentials,
      http,
      ClientConfig.layer({
        baseUrl,
        retry: { maxAttempts: 4, baseDelay: "1 millis", maxDelay: "1 millis" },
        ...options
      })
    ))
  )

/** 64 MiB of JSON-ish spaces, compressed: a few kilobytes on the wire. */
const bombs = (() => {
  let made: Record<string, Buffer> | undefined
  return () => {
    if (made !== undefined) return made
    const plain = Buffer.alloc(64 * MiB, 0x20)
    made = {
      br: brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
      gzip: gzipSync(plain, { level: 1 }),
      deflate: deflateSync(plain, { level: 1 })
    }
    return made
  }
})()

/** A TCP server that writes `answer` to each connection as it is, after the request's head arrives. */
const raw = (
  answer: string
): Effect.Effect<{ readonly url: string; readonly open: () => number }, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.callback<{ readonly url: string; readonly open: () => number; readonly close: () => void }>((resume) => {
      const sockets = new Set<Socket>()
      const server = createServer((socket) => {
        sockets.add(socket)
        socket.on("close", () => sockets.delete(socket))
        socket.on("error", () => {})
        let head = ""
        socket.on("data", (chunk) => {
          head += chunk.toString("latin1")
          if (head.includes("\r\n\r\n")) {
            head = ""
            socket.write(answer)
          }
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({
          url: `http://127.0.0.1:${port}`,
          open: () => sockets.size,
          close: () => {
            for (const socket of sockets) socket.destroy()
            server.close()
          }
        }))
      })
    }),
    (server) => Effect.sync(server.close)
  )

for (const { layer: http, name } of httpClients) {
  // fetch decodes gzip, deflate and br whatever was asked; node:http hands the bytes over as sent
  const decodes = name === "FetchHttpClient"

  describe(`a body is bounded after the transport decodes it (${name})`, () => {
    for (const encoding of ["br", "gzip", "deflate"] as const) {
      for (const status of [200, 404, 500]) {
        it.live(
          `a ${status} in ${encoding}, small on the wire with an honest Content-Length, that decodes to 64 MiB is ${
            decodes ? "ResponseTooLarge" : "read as sent"
          }, read no further and not retried`,
          () =>
            Effect.gen(function*() {
              const bomb = bombs()[encoding]!
              const api = yield* serve((_request, response) => {
                response.writeHead(status, {
                  "content-type": "application/json",
                  "content-encoding": encoding,
                  "content-length": String(bomb.length)
                }).end(bomb)
              })
              const rss = process.memoryUsage().rss
              const started = Date.now()
              const error = yield* Effect.flip(PublishedTracks.fetch(camera).pipe(Effect.provide(over(http, api.url))))
              if (decodes) {
                expect(error).toMatchObject({ _tag: "ResponseTooLarge", maxBodyBytes: 16 * MiB })
              } else {
                // the body as received is a few kilobytes: not JSON, or an error status
                expect(["DecodeError", "NotFound", "ApiError"]).toContain(error._tag)
              }
              // a 500 read as sent is retried, as any 500 to a GET is
              expect(api.received).toHaveLength(!decodes && status === 500 ? 4 : 1)
              expect(Date.now() - started).toBeLessThan(5000)
              expect(process.memoryUsage().rss - rss).toBeLessThan(96 * MiB)
            }).pipe(Effect.scoped),
          30_000
        )
      }
    }

    it.live("a compressed body that decodes within the limit is read", () =>
      Effect.gen(function*() {
        const body = JSON.stringify({ code: 20404, message: "not here", more_info: "", status: 404 })
        const api = yield* serve((_request, response) => {
          const sent = decodes ? gzipSync(body) : Buffer.from(body)
          response.writeHead(404, {
            "content-type": "application/json",
            ...(decodes ? { "content-encoding": "gzip" } : {}),
            "content-length": String(sent.length)
          }).end(sent)
        })
        const error = yield* Effect.flip(PublishedTracks.fetch(camera).pipe(Effect.provide(over(http, api.url))))
        expect(error).toMatchObject({ _tag: "NotFound", code: 20404, twilioMessage: "not here" })
      }).pipe(Effect.scoped))
  })

  describe(`an answer without a body is a typed error, never a defect (${name})`, () => {
    const operations = {
      "a read": PublishedTracks.fetch(camera),
      "a write": Rooms.create({ uniqueName: "x" })
    }
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      ["a 204 declaring 2 GiB", "HTTP/1.1 204 No Content\r\nContent-Length: 2147483648\r\n\r\n", "ResponseTooLarge"],
      ["a 205 declaring 2 GiB", "HTTP/1.1 205 Reset Content\r\nContent-Length: 2147483648\r\n\r\n", "ResponseTooLarge"],
      ["a 304 declaring 2 GiB", "HTTP/1.1 304 Not Modified\r\nContent-Length: 2147483648\r\n\r\n", "ResponseTooLarge"],
      [
        "a 200 declaring 2 GiB, sending nothing",
        "HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\n\r\n",
        "ResponseTooLarge"
      ],
      ["a 204 declaring 10 bytes", "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", "DecodeError"],
      ["a 304 declaring 10 bytes", "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", "UnexpectedRedirect"],
      ["a 204 with no length", "HTTP/1.1 204 No Content\r\n\r\n", "DecodeError"]
    ]
    for (const [what, answer, tag] of cases) {
      for (const [kind, operation] of Object.entries(operations)) {
        it.live(`${what}, to ${kind}, is ${tag}, at once`, () =>
          Effect.gen(function*() {
            const server = yield* raw(answer)
            const started = Date.now()
            const exit = yield* Effect.exit(
              (operation as Effect.Effect<unknown, { readonly _tag: string }, PublishedTracks | Rooms>).pipe(
                Effect.provide(over(http, server.url, { retry: false, timeout: "20 seconds" }))
              )
            )
            // the failure alone: one typed error, no defect or interruption beside it
            const reasons = Exit.isFailure(exit) ? exit.cause.reasons : []
            expect(reasons.length === 1 && Cause.isFailReason(reasons[0]!) && reasons[0].error._tag).toBe(tag)
            expect(Date.now() - started).toBeLessThan(5000)
          }).pipe(Effect.scoped), 30_000)
      }
    }

    it.live(
      "a declared length over the limit, with nothing sent, is refused at once and the connection closed",
      () =>
        Effect.gen(function*() {
          const server = yield* raw("HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\n\r\n")
          const error = yield* Effect.flip(
            PublishedTracks.fetch(camera).pipe(Effect.provide(over(http, server.url, { timeout: "20 seconds" })))
          )
          expect(error._tag).toBe("ResponseTooLarge")
          yield* Effect.sleep("200 millis")
          expect(server.open()).toBe(0)
        }).pipe(Effect.scoped),
      30_000
    )
  })
}

describe("a body is decoded as UTF-8 across its chunks", () => {
  it.effect("a character split between two chunks is read whole", () => {
    const bytes = new TextEncoder().encode(JSON.stringify(wireTrack(1, { name: "Zoë 🎥" })))
    const at = bytes.indexOf(0xc3) + 1 // inside the two bytes of "ë"
    const emoji = bytes.indexOf(0xf0) + 2 // inside the four bytes of "🎥"
    const parts = [bytes.slice(0, at), bytes.slice(at, emoji), bytes.slice(emoji)]
    const { layer } = client(() =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of parts) controller.enqueue(part)
            controller.close()
          }
        })
      )
    )
    return Effect.gen(function*() {
      expect((yield* PublishedTracks.fetch(camera)).name).toBe("Zoë 🎥")
    }).pipe(Effect.provide(layer))
  })
})

describe("a body framed by its Content-Length is counted all the same", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["more bytes than it declares", JSON.stringify(wireTrack(1)).repeat(3)],
    ["more bytes than the limit in fewer characters", "é".repeat(600)]
  ]
  for (const [what, body] of cases) {
    it.effect(`a transport that hands over ${what} is ResponseTooLarge`, () => {
      const { layer } = client(() => new Response(body, { headers: { "content-length": "10" } }), {
        retry: false,
        maxBodyBytes: 1000
      })
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(error).toMatchObject({ _tag: "ResponseTooLarge", maxBodyBytes: 1000 })
      }).pipe(Effect.provide(layer))
    })
  }
})

describe("a body framed by its Content-Length is counted in bytes received", () => {
  it.effect("a 502 of 400 bytes of Latin-1, under a limit of 1000, is the ApiError it is", () => {
    const body = new Uint8Array(400).fill(0xe9) // "é" in Latin-1: not UTF-8, each byte read as U+FFFD
    const { layer } = client(() => new Response(body, { status: 502, headers: { "content-length": "400" } }), {
      retry: false,
      maxBodyBytes: 1000
    })
    return Effect.gen(function*() {
      expect(yield* Effect.flip(PublishedTracks.fetch(camera))).toMatchObject({ _tag: "ApiError", status: 502 })
    }).pipe(Effect.provide(layer))
  })
})
