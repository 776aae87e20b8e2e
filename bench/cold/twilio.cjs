// Cold start: one fetch with twilio-node, pointed at the loopback server, then exit.
const twilio = require("twilio")

class LoopbackRequestClient extends twilio.RequestClient {
  request(opts) {
    const url = new URL(opts.uri)
    return super.request({ ...opts, uri: process.env.TWILIO_VIDEO_BASE_URL + url.pathname + url.search })
  }
}

const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN, {
  httpClient: new LoopbackRequestClient()
})
client.video.v1.rooms("n1").participants("bench").publishedTracks("Camera").fetch().then((track) => {
  if (track.name !== "track-42") throw new Error(`fetched ${track.name}`)
  console.log("ready") // the bench times this line's arrival
})
