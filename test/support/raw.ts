/** Raw HTTP/1.1 over a socket, for what a client library would never send. */
import * as Effect from "effect/Effect"
import { connect } from "node:net"

/** Sends `request` as raw bytes and gives the status line, head and body of the answer ("" if none came). */
export const rawRequest = (url: string, request: string) =>
  Effect.callback<{ readonly status: string; readonly head: string; readonly body: string }>((resume) => {
    const { hostname, port } = new URL(url)
    const chunks: Array<Buffer> = []
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ""), () => socket.end(request, "latin1"))
    socket.on("data", (chunk) => chunks.push(chunk))
    socket.on("error", () => {})
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1")
      const [head = "", body = ""] = text.split("\r\n\r\n")
      resume(Effect.succeed({ status: head.split("\r\n")[0] ?? "", head, body }))
    })
  })
