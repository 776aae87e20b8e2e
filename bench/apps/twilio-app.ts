/** The same minimal app with twilio-node: one fetch and one listing. */
import twilio from "twilio"

const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN)
const tracks = client.video.v1.rooms("DailyStandup").participants("Alice").publishedTracks

const main = async () => {
  console.log(await tracks("Camera").fetch())
  await tracks.each((track) => console.log(track))
}

main().catch(console.error)
