// Cold start: one fetch with this package, as an app would make it, then exit. Run as it is
// (unbundled: node resolves dist/ and effect's modules) or bundled by esbuild (bench/run.ts).
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import { PublishedTracks } from "../../dist/index.js"

const program = PublishedTracks.fetch({ room: "n1", participant: "bench", track: "Camera" })
const live = PublishedTracks.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
const track = await Effect.runPromise(program.pipe(Effect.provide(live)))
if (track.name !== "track-42") throw new Error(`fetched ${track.name}`)
console.log("ready") // the bench times this line's arrival
