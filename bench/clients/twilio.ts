/** twilio-node, pointed at the loopback server through its `httpClient` option. */
import twilio from "twilio"
import type RequestClient from "twilio/lib/base/RequestClient.js"
import { accountSid, authToken } from "../fixture.js"
import type { Client } from "./types.js"

type RequestOptions<TData> = RequestClient.RequestOptions<TData>

/** twilio-node's own RequestClient (axios), with every URL moved onto the loopback origin. */
class LoopbackRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ keepAlive: true })
  }
  override request<TData>(opts: RequestOptions<TData>) {
    const url = new URL(opts.uri)
    return super.request<TData>({ ...opts, uri: this.baseUrl + url.pathname + url.search })
  }
}

export const twilioClient = (baseUrl: string): Client => {
  const client = twilio(accountSid, authToken, { httpClient: new LoopbackRequestClient(baseUrl) })
  return {
    list: async (room, participant, pageSize) => {
      let count = 0
      await client.video.v1.rooms(room).participants(participant).publishedTracks.each({
        pageSize,
        callback: () => {
          count++
        }
      })
      return count
    },
    fetchLoop: async (room, participant, track, n) => {
      const out = new Float64Array(n)
      const context = client.video.v1.rooms(room).participants(participant).publishedTracks(track)
      for (let i = 0; i < n; i++) {
        const t0 = performance.now()
        await context.fetch()
        out[i] = performance.now() - t0
      }
      return out
    },
    dispose: () => Promise.resolve()
  }
}
