/**
 * The decode cost in a fresh process, so that no other client's code has shaped the JIT first:
 * `decode-child.ts <batches>`. Reports µs per 1,000-track page for `JSON.parse` alone and for
 * `JSON.parse` + the decoder the client uses on every page (src/internal/page.ts).
 */
import * as Result from "effect/Result"
import * as WirePage from "../src/internal/page.js"
import { model } from "../src/PublishedTrack.js"
import { pageJson } from "./fixture.js"
import { time } from "./stats.js"

const decodePage = WirePage.decoder(model)
const batches = Number(process.argv[2] ?? "15")
const json = pageJson("https://video.twilio.com", 1000)
const url = new URL(JSON.parse(json).meta.url)
if (Result.isFailure(decodePage(JSON.parse(json), url))) throw new Error("the fixture page does not decode")
const parseUs = time(() => JSON.parse(json), batches)
const parseDecodeUs = time(() => decodePage(JSON.parse(json), url), batches)
process.send!({ parseUs, parseDecodeUs })
process.disconnect()
