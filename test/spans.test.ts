import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import { TestTwilioVideo, World } from "effect-twilio-video/testing"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import { authToken, client, json, wirePage, wireTrack } from "./support/fakeHttp.js"
import { recordingTracer } from "./support/tracer.js"

describe("tracing", () => {
  it.effect("over the in-memory emulator, the spans are the client's alone: the emulator sets no http.route on them", () => {
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
      const span = spans.find((s) => s.name === "PublishedTracks.fetch")
      expect(span!.attributes.get("url.path")).toBe("/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera")
      // what a server's router would set on its own span
      expect(spans.filter((s) => s.attributes.has("http.route"))).toEqual([])
    }).pipe(Effect.provide(TestTwilioVideo.layer(World.documentation)), Effect.withTracer(tracer))
  })

  it.effect("fetch runs in a span with room, participant and track, and no secret anywhere", () => {
    const { layer } = client(() => json(wireTrack(1)))
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
      const span = spans.find((s) => s.name === "PublishedTracks.fetch")
      expect(span).toBeDefined()
      expect(Object.fromEntries(span!.attributes)).toMatchObject({
        "twilio.video.room": "DailyStandup",
        "twilio.video.participant": "Alice",
        "twilio.video.track": "Camera"
      })
      const basic = Buffer.from(`x:${authToken}`).toString("base64").slice(4)
      const everything = JSON.stringify(spans.map((s) => [s.name, [...s.attributes], s.events]))
      expect(everything).not.toContain(authToken)
      expect(everything).not.toContain(basic)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a listing runs in a span with room and participant, each page in its own", () => {
    const { layer } = client((url) =>
      json(wirePage([wireTrack(1)], url.href, url.searchParams.has("PageToken") ? null : `${url.href}?PageToken=2`))
    )
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* Stream.runDrain(PublishedTracks.list({ room: "DailyStandup", participant: "Alice" }))
      const list = spans.find((s) => s.name === "PublishedTracks.list")
      expect(Object.fromEntries(list!.attributes)).toMatchObject({
        "twilio.video.room": "DailyStandup",
        "twilio.video.participant": "Alice"
      })
      expect(spans.filter((s) => s.name === "PublishedTracks.pageAt")).toHaveLength(2)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a failed fetch's span ends with the failure, and carries no stack trace of this package's internals", () => {
    const { layer } = client(() => json({ code: 20404, message: "not found" }, 404))
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch({ room: "r", participant: "p", track: "t" }))
      expect(error._tag).toBe("NotFound")
      const span = spans.find((s) => s.name === "PublishedTracks.fetch")
      // the failure as is: that error alone, nothing beside it
      const reasons = span?.exit !== undefined && Exit.isFailure(span.exit) ? span.exit.cause.reasons : []
      expect(reasons).toHaveLength(1)
      expect(Cause.isFailReason(reasons[0]!) && reasons[0].error).toBe(error)
      // Effect 4 annotates a failure with the spans it went through: each named, none with a stack captured
      const frame = Context.getOrUndefined(Cause.reasonAnnotations(reasons[0]!), Cause.StackTrace)
      expect(frame?.name).toBe("PublishedTracks.fetch")
      for (let at = frame; at !== undefined; at = at.parent) expect(at.stack()).toBeUndefined()
      expect(span!.attributes.has("code.stacktrace")).toBe(false)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a request has one span, the operation's, with the HTTP attributes of the request and its answer", () => {
    const { layer } = client(() => json(wireTrack(1)))
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
      expect(spans.map((s) => s.name)).toEqual(["PublishedTracks.fetch"])
      expect(Object.fromEntries(spans[0]!.attributes)).toMatchObject({
        "http.request.method": "GET",
        "server.address": "video.twilio.com",
        "url.full": "https://video.twilio.com/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera",
        "url.path": "/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera",
        "http.response.status_code": 200
      })
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a page's span ends in success without the page, which goes to the stream", () => {
    const { layer } = client((url) =>
      json(wirePage([wireTrack(1)], url.href, url.searchParams.has("PageToken") ? null : `${url.href}?PageToken=2`))
    )
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      const tracks = yield* Stream.runCollect(PublishedTracks.list({ room: "DailyStandup", participant: "Alice" }))
      expect(tracks.length).toBe(2)
      const pages = spans.filter((s) => s.name === "PublishedTracks.pageAt")
      expect(pages.map((s) => s.exit)).toEqual([Exit.void, Exit.void])
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })
})
