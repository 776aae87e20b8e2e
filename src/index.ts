/**
 * effect-twilio-video: an Effect client for Twilio Video's PublishedTrack resource.
 *
 * @since 0.1.0
 */

export { ClientConfig } from "./ClientConfig.js"
export { TwilioCredentials } from "./Credentials.js"
export * from "./Errors.js"
export type { Page, PageMeta } from "./Page.js"
export { PublishedTrack, TrackKind } from "./PublishedTrack.js"
export { PublishedTracks } from "./PublishedTracks.js"
export { AccountSid, ApiKeySid, ParticipantSid, RoomSid, TrackSid } from "./Sid.js"
