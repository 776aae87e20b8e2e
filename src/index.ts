/**
 * effect-twilio-video: an Effect client for Twilio Video's rooms, participants, and the tracks
 * they publish and subscribe to.
 *
 * @since 0.1.0
 */

export { AccessTokens } from "./AccessTokens.js"
export { ClientConfig } from "./ClientConfig.js"
export { TwilioCredentials } from "./Credentials.js"
export * from "./Errors.js"
export type {
  ListFromOptions,
  ListOptions,
  Page,
  PageMeta,
  PageOptions,
  PathArguments,
  PathParams,
  Reads
} from "./Page.js"
export { Participant, ParticipantStatus } from "./Participant.js"
export { Participants } from "./Participants.js"
export { PublishedTrack, TrackKind } from "./PublishedTrack.js"
export { PublishedTracks } from "./PublishedTracks.js"
export { Room, RoomStatus, RoomType, VideoCodec } from "./Room.js"
export { Rooms } from "./Rooms.js"
export { AccountSid, ApiKeySid, ParticipantSid, RecordingSid, RoomSid, TrackSid } from "./Sid.js"
export { StatusCallbackEvent } from "./StatusCallbackEvent.js"
export { StatusCallbacks } from "./StatusCallbacks.js"
export { SubscribedTrack } from "./SubscribedTrack.js"
export { SubscribedTracks } from "./SubscribedTracks.js"
/**
 * @since 0.2.0
 */
export * as TwilioVideo from "./TwilioVideo.js"
