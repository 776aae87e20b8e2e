/** `fetch` + `JSON.parse`, following `next_page_url`, with no validation: the floor. */
import { accountSid, authToken, listPath } from "../fixture.js"
import type { Client } from "./types.js"

export const bareClient = (baseUrl: string): Client => {
  const headers = {
    authorization: "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64"),
    accept: "application/json"
  }
  const getJson = async (url: string): Promise<unknown> => {
    const response = await fetch(url, { headers })
    const text = await response.text()
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return JSON.parse(text)
  }
  type BarePage = { published_tracks: Array<unknown>; meta: { next_page_url: string | null } }
  return {
    list: async (room, participant, pageSize) => {
      let url: string | null = `${baseUrl}${listPath(encodeURIComponent(room), encodeURIComponent(participant))}` +
        `?PageSize=${pageSize}`
      let count = 0
      while (url !== null) {
        const page = (await getJson(url)) as BarePage
        count += page.published_tracks.length
        url = page.meta.next_page_url
      }
      return count
    },
    fetchLoop: async (room, participant, track, n) => {
      const url = `${baseUrl}${listPath(encodeURIComponent(room), encodeURIComponent(participant))}/` +
        encodeURIComponent(track)
      const out = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const t0 = performance.now()
        await getJson(url)
        out[i] = performance.now() - t0
      }
      return out
    },
    dispose: () => Promise.resolve()
  }
}
