/**
 * A minimal loopback Twilio Video server for the benches, run in its own process (`fork`), so its
 * CPU does not share the event loop with the clients being measured.
 *
 * Routes:
 * - `GET /v1/Rooms/{room}/Participants/{p}/PublishedTracks?PageSize=&Page=&PageToken=`: a page.
 *   The listing holds `N` tracks when the room segment is `n{N}` (e.g. `n100000`), one page otherwise.
 * - `GET /v1/Rooms/{room}/Participants/{p}/PublishedTracks/{track}`: one track.
 *
 * Page bodies are pre-rendered `Buffer`s (a few variants of the item block, reused page after
 * page); only the small `meta` object is rendered per request.
 */
import { createServer } from "node:http"
import type { ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { wireMeta, wireTrack } from "./fixture.js"

const variants = 4
const head = Buffer.from("{\"published_tracks\":[")
const between = Buffer.from("],\"meta\":")
const tail = Buffer.from("}")

const start = (): Promise<{ readonly port: number; readonly close: () => void }> =>
  new Promise((resolve) => {
    let base = ""
    const blocks = new Map<string, Buffer>()
    /** The comma-separated items of a page of `count` tracks, variant `v`. */
    const block = (count: number, v: number): Buffer => {
      const key = `${count}/${v}`
      let buf = blocks.get(key)
      if (buf === undefined) {
        const items: Array<string> = []
        for (let i = 0; i < count; i++) items.push(JSON.stringify(wireTrack(base, v * 1000 + i)))
        buf = Buffer.from(items.join(","))
        blocks.set(key, buf)
      }
      return buf
    }
    let single: Buffer | undefined

    const send = (res: ServerResponse, status: number, chunks: ReadonlyArray<Buffer>) => {
      let length = 0
      for (const c of chunks) length += c.length
      res.writeHead(status, { "content-type": "application/json", "content-length": length })
      for (let i = 0; i < chunks.length - 1; i++) res.write(chunks[i])
      res.end(chunks[chunks.length - 1])
    }

    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", base)
      const parts = url.pathname.split("/")
      // ["", "v1", "Rooms", room, "Participants", p, "PublishedTracks", track?]
      if (parts.length === 7 && parts[6] === "PublishedTracks") {
        const total = /^n(\d+)$/.exec(parts[3]!)?.[1]
        const pageSize = Number(url.searchParams.get("PageSize") ?? "50")
        const n = total === undefined ? pageSize : Number(total)
        const page = Number(url.searchParams.get("Page") ?? "0")
        const count = Math.max(0, Math.min(pageSize, n - page * pageSize))
        const meta = Buffer.from(JSON.stringify(wireMeta(base, url.pathname, n, pageSize, page)))
        return send(res, 200, [head, block(count, page % variants), between, meta, tail])
      }
      if (parts.length === 8 && parts[6] === "PublishedTracks") {
        single ??= Buffer.from(JSON.stringify(wireTrack(base, 42)))
        return send(res, 200, [single])
      }
      send(res, 404, [
        Buffer.from("{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}")
      ])
    })
    server.keepAliveTimeout = 60_000
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      base = `http://127.0.0.1:${port}`
      resolve({ port, close: () => server.close() })
    })
  })

/** Starts the server in this process (used by the smoke helpers and the profiler). */
export const startInProcess = start

// run as a forked child: report the port, stop when the parent goes away
if (process.send !== undefined && process.argv[1]?.endsWith("server.ts")) {
  void start().then(({ port }) => {
    process.send!({ port })
    process.on("disconnect", () => process.exit(0))
  })
}
