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
import * as Exit from "effect/Exit"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { createServer } from "node:http"
import type { ServerResponse } from "node:http"
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
 * Starts the emulator on a socket; it closes with its scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = (world: World.World, options: Options = {}): Effect.Effect<EmulatorServer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const callbacks = yield* Callbacks.sender.pipe(Effect.provide(FetchHttpClient.layer))
    const { control, handle } = yield* Handler.makeHandler(world, options, callbacks.onChange)
    const context = yield* Effect.context<never>()
    const run = Effect.runForkWith(context)
    let requests = 0
    let abandoned = 0
    let base = ""
    const reply = (res: ServerResponse, outcome: Handler.Reply) => {
      const headers = { ...outcome.headers, "content-length": String(Buffer.byteLength(outcome.body)) }
      res.writeHead(outcome.status, headers).end(outcome.body)
    }
    const server = createServer((req, res) => {
      requests++
      const chunks: Array<Buffer> = []
      let size = 0
      req.on("data", (chunk: Buffer) => {
        size += chunk.length
        if (size > maxRequestBody) {
          req.removeAllListeners("data")
          reply(res, Handler.twilioError(413, 20001, "Request Entity Too Large"))
          req.socket.destroySoon()
        } else {
          chunks.push(chunk)
        }
      })
      req.on("end", () => {
        if (size > maxRequestBody) return
        const url = readableHost(req.headers.host) ? requestUrl(base, req.url) : undefined
        const outcome = url === undefined
          ? Effect.succeed(badRequest)
          : handle(req.method ?? "GET", url, req.headers.authorization, Buffer.concat(chunks).toString("utf8")).pipe(
            // whatever goes wrong in the emulator is its own 500, never a crash of the process that runs it
            Effect.catchDefect(() => Effect.succeed(Handler.twilioError(500, 20500, "Internal Server Error")))
          )
        const fiber = run(outcome)
        res.on("close", () => {
          if (!res.writableFinished) {
            abandoned++
            fiber.interruptUnsafe(fiber.id)
          }
        })
        fiber.addObserver((exit) => {
          if (!Exit.isSuccess(exit)) return
          const outcome = exit.value
          if (outcome._tag === "Drop") req.socket.destroy()
          else reply(res, outcome)
        })
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
    return {
      url: base,
      env: Emulator.env(base),
      control,
      requests: Effect.sync(() => requests),
      abandoned: Effect.sync(() => abandoned),
      callbacks: callbacks.deliveries
    }
  })

const badRequest = Handler.twilioError(400, 20001, "Bad Request: the request target or Host cannot be read")

/** The largest request body the emulator reads: far more than any form the client sends. */
const maxRequestBody = 64 * 1024

/** A `Host` header as HTTP/1.1 requires it: present, and a host with an optional port (RFC 9112, 3.2). */
const readableHost = (host: string | undefined): boolean =>
  host !== undefined && /^[^/?#@\\]+$/.test(host) && URL.canParse(`http://${host}/`)

/**
 * The URL of a request: its target, which must be a path (origin-form), on the server's own origin
 * (`base`, as `URL` writes an origin). The `Host` header is not read, and the target is never
 * resolved against the origin, so neither can name another host. `undefined` when it cannot be read.
 */
const requestUrl = (base: string, target: string | undefined): URL | undefined => {
  if (target === undefined || !target.startsWith("/")) return undefined
  try {
    const url = new URL(base + target)
    return url.origin === base ? url : undefined
  } catch {
    return undefined
  }
}

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
