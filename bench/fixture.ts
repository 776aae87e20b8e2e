/**
 * Synthetic PublishedTrack data in Twilio's wire shape, shared by the server and the decode benches.
 */
import { model } from "../src/PublishedTrack.js"
import type { ParticipantSid, RoomSid } from "../src/Sid.js"
import { makeTrack } from "../src/testing/internal/world.js"

/** `prefix` followed by 32 hex digits, derived from `n` (deterministic). */
export const sid = (prefix: string, n: number): string => prefix + (n >>> 0).toString(16).padStart(32, "0")

export const accountSid = sid("AC", 0xacc)
export const roomSid = sid("RM", 1)
export const participantSid = sid("PA", 2)

const kinds = ["audio", "video", "data"] as const

/**
 * A track in wire form, built by the testing kit's world builder and written by the model: the
 * fields, their names and formats come from the one declaration, as in the tests' fixtures. Each
 * track of a listing varies it only where tracks differ: a spread costs 80 ns a track more than the
 * hand-written literal it replaces (1.48 s against 1.40 s to build and stringify 1,000,000), while
 * building each through the model would make the server what a 1,000,000-track listing measures.
 */
const template = model.toWire(
  makeTrack(roomSid as RoomSid, participantSid as ParticipantSid, {
    name: "track-0",
    dateCreated: "2017-12-13T23:46:36Z",
    dateUpdated: "2017-12-13T23:47:01Z"
  })
)

/** One track as the API sends it. `base` is the origin the track's `url` points at. */
export const wireTrack = (base: string, n: number) => {
  const trackSid = sid("MT", n)
  return {
    ...template,
    sid: trackSid,
    name: `track-${n}`,
    kind: kinds[n % 3]!,
    enabled: n % 7 !== 0,
    url: `${base}/v1/Rooms/${roomSid}/Participants/${participantSid}/PublishedTracks/${trackSid}`,
    date_updated: n % 2 === 0 ? null : template.date_updated
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
