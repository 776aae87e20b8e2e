/**
 * effect-twilio-video: an Effect client for Twilio Video's PublishedTrack resource.
 *
 * @since 0.1.0
 */

export {
  ClientConfig,
  type Options as ClientOptions,
  type RetryOptions,
  type RetrySettings,
  type Settings as ClientSettings
} from "./ClientConfig.js"
export { type Credentials, type Options as CredentialsOptions, TwilioCredentials } from "./Credentials.js"
export * from "./Errors.js"
export { AbsoluteUrl, Page, PageMeta, PublishedTrack, TrackKind } from "./PublishedTrack.js"
export {
  type FetchParams,
  type ListParams,
  type PageParams,
  PublishedTracks,
  type Service as PublishedTracksService
} from "./PublishedTracks.js"
export { AccountSid, ApiKeySid, ParticipantSid, RoomSid, TrackSid } from "./Sid.js"
