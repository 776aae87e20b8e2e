/**
 * Synthetic PublishedTrack data in Twilio's wire shape, shared by the server and the decode benches.
 */

/** `prefix` followed by 32 hex digits, derived from `n` (deterministic). */
export const sid = (prefix: string, n: number): string => prefix + (n >>> 0).toString(16).padStart(32, "0")

export const accountSid = sid("AC", 0xacc)
export const roomSid = sid("RM", 1)
export const participantSid = sid("PA", 2)

const kinds = ["audio", "video", "data"] as const

/** One track as the API sends it. `base` is the origin the track's `url` points at. */
export const wireTrack = (base: string, n: number) => {
  const trackSid = sid("MT", n)
  return {
    sid: trackSid,
    participant_sid: participantSid,
    room_sid: roomSid,
    name: `track-${n}`,
    kind: kinds[n % 3],
    enabled: n % 7 !== 0,
    url: `${base}/v1/Rooms/${roomSid}/Participants/${participantSid}/PublishedTracks/${trackSid}`,
    date_created: "2017-12-13T23:46:36Z",
    date_updated: n % 2 === 0 ? null : "2017-12-13T23:47:01Z"
  }
}

/** The path of a participant's tracks; `room` and `participant` are already-encoded segments. */
export const listPath = (room: string, participant: string) =>
  `/v1/Rooms/${room}/Participants/${participant}/PublishedTracks`

/** The `meta` object of page `page` (0-based) of a listing of `total` tracks. */
export const wireMeta = (base: string, path: string, total: number, pageSize: number, page: number) => {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const at = (p: number) => `${base}${path}?PageSize=${pageSize}&Page=${p}` + (p === 0 ? "" : `&PageToken=PT${p}`)
  return {
    page,
    page_size: pageSize,
    first_page_url: at(0),
    previous_page_url: page === 0 ? null : at(page - 1),
    url: at(page),
    next_page_url: page + 1 < pages ? at(page + 1) : null,
    key: "published_tracks"
  }
}

/** A whole page as a JSON string (used by the in-process decode benches). */
export const pageJson = (base: string, pageSize: number, offset = 0): string =>
  JSON.stringify({
    published_tracks: Array.from({ length: pageSize }, (_, i) => wireTrack(base, offset + i)),
    meta: wireMeta(base, listPath(roomSid, participantSid), pageSize * 2, pageSize, 0)
  })

/** The auth token every client sends (the loopback server does not check it). */
export const authToken = "x".repeat(32)
