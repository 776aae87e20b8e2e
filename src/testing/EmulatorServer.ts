/**
 * The emulator on a real loopback socket (`node:http`), for the real transport:
 * `FetchHttpClient` with `ClientConfig.layer({ baseUrl: server.url })`. It serves every endpoint of
 * `Rooms`, `Participants`, `PublishedTracks` and `SubscribedTracks`.
 *
 * @since 0.1.0
 */
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as HttpEffect from "effect/http/HttpEffect"
import * as HttpServer from "effect/http/HttpServer"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as Layer from "effect/Layer"
import * as NetAddress from "effect/net/NetAddress"
import * as Result from "effect/Result"
import type * as Scope from "effect/Scope"
import { createServer } from "node:http"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import type { AccessTokens } from "../AccessTokens.js"
import { ClientConfig } from "../ClientConfig.js"
import * as TwilioVideo from "../TwilioVideo.js"
import * as Emulator from "./Emulator.js"
import * as Callbacks from "./internal/callbacks.js"
import * as Handler from "./internal/handler.js"
import * as World from "./World.js"

/**
 * The emulator's options, and where to listen.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends Emulator.Options {
  /** Default 0, for a free port the system picks. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`; any loopback address (`::1`, `::ffff:127.0.0.1`, `localhost`…) serves alike. */
  readonly host?: string | undefined
}

/**
 * A running emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorServer {
  /**
   * Its base URL, e.g. `http://127.0.0.1:40123`: its origin as `URL` writes it, so on
   * `::ffff:127.0.0.1` it is `http://[::ffff:7f00:1]:40123`.
   */
  readonly url: string
  /**
   * The configuration an app that reads its settings from the environment uses this emulator with
   * (`Emulator.env`): `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`, `TWILIO_API_KEY`,
   * `TWILIO_API_SECRET`, `TWILIO_VIDEO_BASE_URL`. For `ConfigProvider.fromEnv({ env })`.
   *
   * @since 1.1.0
   */
  readonly env: Readonly<Record<string, string>>
  readonly control: World.WorldControl
  /** How many requests it has received. */
  readonly requests: Effect.Effect<number>
  /** How many requests the client abandoned (closed the connection) before the answer. */
  readonly abandoned: Effect.Effect<number>
  /**
   * The status callbacks sent so far, in order: each room with a `statusCallback` gets the events
   * its changes cause (through the API or `control`), signed with `Emulator.authToken`, one at a
   * time, as Twilio sends them.
   *
   * @since 1.2.0
   */
  readonly callbacks: Effect.Effect<ReadonlyArray<CallbackDelivery>>
}

/**
 * One status callback the emulator sent: to where, which event with which `SequenceNumber`, and
 * the status its URL answered (`"failed"` when it could not be reached within 5 seconds).
 *
 * @since 1.2.0
 * @category models
 */
export interface CallbackDelivery {
  readonly url: string
  readonly event: string
  readonly sequenceNumber: number
  readonly status: number | "failed"
}

/**
 * The running emulator, as a service (see `layer` and `layerClient`).
 *
 * @since 0.2.0
 * @category tags
 */
export const EmulatorServer: Context.Service<EmulatorServer, EmulatorServer> = Context.Service<EmulatorServer>(
  "effect-twilio-video/testing/EmulatorServer"
)

/**
 * Starts the emulator on a socket; it closes with its scope. The emulator is an effect HTTP app
 * (`HttpRouter` over the client's routes), served here through its web handler
 * (`HttpEffect.toWebHandlerWith`) by `node:http`, which the kit needs no platform package for; see
 * `layerHttpServer` to serve it with an effect `HttpServer` of your own.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = (world: World.World, options: Options = {}): Effect.Effect<EmulatorServer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const callbacks = yield* Callbacks.sender.pipe(Effect.provide(FetchHttpClient.layer))
    const app = yield* Handler.make(world, options, callbacks.onChange)
    const context = yield* Effect.context<never>()
    let requests = 0
    let abandoned = 0
    let base = ""
    // an aborted request (the client closed its connection) interrupts the answer in progress
    const handler = HttpEffect.toWebHandlerWith<never, HttpServerRequest.HttpServerRequest | Scope.Scope>(context)(
      Effect.interruptible(Effect.suspend(() => app.handle(base)))
    )
    const write = (
      res: ServerResponse,
      status: number,
      headers: Record<string, string>,
      body: Uint8Array,
      length = String(body.byteLength)
    ) => {
      res.writeHead(status, { ...headers, "content-length": length }).end(body)
    }
    const reply = (res: ServerResponse, outcome: Handler.Reply) =>
      write(res, outcome.status, outcome.headers, Buffer.from(outcome.body))
    const server = createServer((req, res) => {
      requests++
      const chunks: Array<Buffer> = []
      let size = 0
      req.on("data", (chunk: Buffer) => {
        size += chunk.length
        if (size > Handler.maxRequestBody) {
          req.removeAllListeners("data")
          reply(res, Handler.tooLarge)
          req.socket.destroySoon()
        } else {
          chunks.push(chunk)
        }
      })
      req.on("end", () => {
        if (size > Handler.maxRequestBody) return
        const request = Handler.readableHost(req.headers.host)
          ? webRequest(base, req, Buffer.concat(chunks))
          : undefined
        if (request === undefined) return reply(res, Handler.badTarget)
        let dropped = false
        res.on("close", () => {
          if (!res.writableFinished && !dropped) {
            abandoned++
            request.abort()
          }
        })
        void handler(request.request).then((response) =>
          response.bytes().then(
            (body) => {
              const headers = headersOf(response.headers)
              // a HEAD's answer has no body, and the length of the GET's
              write(res, response.status, headers, body, req.method === "HEAD" ? headers["content-length"] : undefined)
            },
            // a body that fails before the answer is written: the emulator dropped the connection
            () => {
              dropped = true
              req.socket.destroy()
            }
          )
        )
      })
    })
    // a request node:http cannot parse (its request line or headers) gets Twilio's error body, then the socket closes
    server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
      if (error.code === "ECONNRESET" || !socket.writable) return socket.destroy()
      const [status, reason] = error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large"]
        : [400, "Bad Request"]
      const body = JSON.stringify(Handler.twilioBody(status, 20001, `${reason}: the request cannot be read`))
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
      )
    })
    const address = yield* Effect.acquireRelease(
      Effect.callback<AddressInfo>((resume) => {
        // a port in use, or a host that is not this machine's: a defect, as the server cannot run
        server.once("error", (error) => resume(Effect.die(error)))
        server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
          resume(Effect.succeed(server.address() as AddressInfo))
        })
      }),
      () =>
        Effect.callback<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address
    // the origin as `URL` writes it (`[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`), as a request's URL will have it
    base = new URL(`http://${host}:${address.port}`).origin
    return running(base, app.control, callbacks.deliveries, () => requests, () => abandoned)
  })

/** The running emulator at `base`, with the counters of the server that serves it. */
const running = (
  base: string,
  control: World.WorldControl,
  callbacks: EmulatorServer["callbacks"],
  requests: () => number,
  abandoned: () => number
): EmulatorServer => ({
  url: base,
  env: Emulator.env(base),
  control,
  requests: Effect.sync(requests),
  abandoned: Effect.sync(abandoned),
  callbacks
})

const headersOf = (headers: Headers): Record<string, string> => {
  const record: Record<string, string> = {}
  headers.forEach((value, name) => record[name] = value)
  return record
}

/**
 * A request received by `node:http` as a web `Request` on the server's origin (`base`), with the
 * abort that interrupts its answer; `undefined` when its target or headers cannot be read.
 */
const webRequest = (base: string, req: IncomingMessage, body: Uint8Array<ArrayBuffer>) => {
  const url = Handler.requestUrl(base, req.url)
  if (url === undefined) return undefined
  const controller = new AbortController()
  try {
    // as node:http reads them: a header given twice that may not be (Authorization…) keeps its first value
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one)
    }
    const method = req.method ?? "GET"
    const request = new Request(url, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? null : body,
      signal: controller.signal
    })
    return { request, abort: () => controller.abort() }
  } catch {
    return undefined
  }
}

/**
 * The emulator served by an effect `HttpServer` you provide (`NodeHttpServer.layer` of
 * `@effect/platform-node`, or another platform's), with its `WorldControl`. Its URL is the
 * server's address; it answers as `serve` does.
 *
 * @since 1.3.0
 * @category layers
 */
export const layerHttpServer = (
  world: World.World,
  options: Emulator.Options = {}
): Layer.Layer<EmulatorServer | World.WorldControl, never, HttpServer.HttpServer> =>
  Layer.effectContext(Effect.gen(function*() {
    const server = yield* HttpServer.HttpServer
    // clients reach the emulator by URL: a server on a Unix socket cannot serve it (a defect of the test's setup)
    const base = yield* Result.match(NetAddress.formatUrl(server.address), {
      onFailure: (error) => Effect.die(error),
      onSuccess: (url) =>
        url.startsWith("http://")
          ? Effect.succeed(new URL(url).origin)
          : Effect.die(new Error(`EmulatorServer.layerHttpServer needs a server on a TCP address, not ${url}`))
    })
    const callbacks = yield* Callbacks.sender.pipe(Effect.provide(FetchHttpClient.layer))
    const app = yield* Handler.make(world, options, callbacks.onChange)
    let requests = 0
    let abandoned = 0
    // interruptible: a client that closes its connection interrupts the answer in progress
    yield* server.serve(
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
        requests++
        // as `serve`: a request whose Host cannot be read is a 400 (an absolute target is read as the
        // server reads it, its authority as the Host; the emulator's answers stay on its own origin)
        return Handler.readableHost(request.headers["host"])
          ? app.handle(base)
          : Effect.succeed(Handler.toResponse(Handler.badTarget))
      }).pipe(Effect.onInterrupt(() => Effect.sync(() => abandoned++)), Effect.interruptible)
    )
    return Context.make(
      EmulatorServer,
      running(base, app.control, callbacks.deliveries, () => requests, () => abandoned)
    ).pipe(Context.add(World.WorldControl, app.control))
  }))

/**
 * The emulator on a socket for the life of the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (world: World.World, options: Options = {}): Layer.Layer<EmulatorServer> =>
  Layer.effect(EmulatorServer, serve(world, options))

/**
 * The four services (`TwilioVideo.layer`) over the socket emulator, through the `HttpClient` you
 * provide (`FetchHttpClient.layer`, say), with accepted credentials; also `AccessTokens` with the
 * emulator's API key, the `WorldControl` and the `EmulatorServer`. `client` sets the client's other options (retries, timeout).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = (
  world: World.World,
  options: Options & { readonly client?: Omit<ClientConfig.Options, "baseUrl" | "region" | "edge"> | undefined } = {}
): Layer.Layer<
  TwilioVideo.Services | AccessTokens | World.WorldControl | EmulatorServer,
  Config.ConfigError,
  HttpClient.HttpClient
> =>
  Layer.unwrap(Effect.map(serve(world, options), (server) =>
    Layer.mergeAll(
      TwilioVideo.layer.pipe(
        Layer.provide(Emulator.credentials),
        Layer.provide(ClientConfig.layer({ ...options.client, baseUrl: server.url }))
      ),
      Emulator.accessTokens,
      Layer.succeed(World.WorldControl, server.control),
      Layer.succeed(EmulatorServer, server)
    )))
