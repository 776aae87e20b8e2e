/**
 * Real servers on loopback (node:http, or node:https with a self-signed certificate made here), and
 * the two HTTP clients a user may provide, each trusting that certificate.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createServer as createHttpServer } from "node:http"
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, Server } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Agent } from "undici"

/** A request as a loopback server received it. */
export interface Received {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

/** A running loopback server. */
export interface Loopback {
  /** Its origin, e.g. `https://127.0.0.1:40123`. */
  readonly url: string
  /** Every request it received, in order. */
  readonly received: ReadonlyArray<Received>
}

let certificate: { readonly key: Buffer; readonly cert: Buffer } | undefined

/** A key and self-signed certificate for 127.0.0.1, made once a process with openssl. */
export const selfSigned = () => {
  if (certificate !== undefined) return certificate
  const dir = mkdtempSync(join(tmpdir(), "etv-cert-"))
  try {
    execFileSync("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem")
    ], { stdio: "ignore" })
    certificate = { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }
    return certificate
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Serves `handler` on 127.0.0.1 (over TLS with `tls`) for the life of the scope. */
export const serve = (
  handler: (request: IncomingMessage, response: Parameters<RequestListener>[1], self: Loopback) => void,
  options: { readonly tls?: boolean } = {}
): Effect.Effect<Loopback, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.callback<{ readonly loopback: Loopback; readonly server: Server }>((resume) => {
      const received: Array<Received> = []
      const loopback = { url: "", received }
      const listener: RequestListener = (request, response) => {
        received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers })
        handler(request, response, loopback)
      }
      const server: Server = options.tls === true
        ? createHttpsServer(selfSigned(), listener)
        : createHttpServer(listener)
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        loopback.url = `${options.tls === true ? "https" : "http"}://127.0.0.1:${port}`
        resume(Effect.succeed({ loopback, server }))
      })
    }),
    ({ server }) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ loopback }) => loopback))

/** The HTTP clients the suite runs over, each trusting the loopback certificate. */
export const httpClients: ReadonlyArray<{ readonly name: string; readonly layer: Layer.Layer<HttpClient.HttpClient> }> =
  [
    {
      name: "FetchHttpClient",
      layer: FetchHttpClient.layer.pipe(
        Layer.provide(Layer.sync(FetchHttpClient.Fetch, () => {
          const dispatcher = new Agent({ connect: { ca: selfSigned().cert } })
          return (input, init) => globalThis.fetch(input, { ...init, dispatcher } as RequestInit)
        }))
      )
    },
    {
      name: "NodeHttpClient",
      layer: NodeHttpClient.layerNodeHttpNoAgent.pipe(
        Layer.provide(Layer.unwrap(Effect.sync(() => NodeHttpClient.layerAgentOptions({ ca: selfSigned().cert }))))
      )
    }
  ]
