import { describe, expect, it } from "@effect/vitest"
import { PublishedTracks } from "effect-twilio-video"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { authToken, client, json } from "./support/fakeHttp.js"

const camera = { room: "DailyStandup", participant: "Alice", track: "Camera" }
const twilioBody = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status
})

describe("status errors", () => {
  const cases: ReadonlyArray<[number, string, number]> = [
    [401, "Unauthorized", 20003],
    [403, "Forbidden", 20403],
    [404, "NotFound", 20404],
    [400, "ApiError", 20001],
    [500, "ApiError", 20500],
    [503, "ApiError", 20503]
  ]
  for (const [status, tag, code] of cases) {
    it.effect(`${status} with Twilio's error body is ${tag}, carrying its code, message and more_info`, () => {
      const { layer } = client(() => json(twilioBody(status, code, "The requested resource was not found"), status))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(PublishedTracks.fetch(camera))
        expect(error._tag).toBe(tag)
        expect(error).toMatchObject({
          method: "GET",
          path: "/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera",
          status,
          code,
          twilioMessage: "The requested resource was not found",
          moreInfo: `https://www.twilio.com/docs/errors/${code}`
        })
        expect(error.message).toContain(`${status}`)
        expect(error.message).toContain(`${code}`)
        expect(error.message).toContain("/v1/Rooms/DailyStandup")
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("429 is RateLimited and carries the Retry-After it saw", () => {
    const { layer } = client(() => json(twilioBody(429, 20429, "Too Many Requests"), 429, { "retry-after": "7" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("RateLimited")
      expect(error).toMatchObject({ status: 429, code: 20429, retryAfter: "7" })
    }).pipe(Effect.provide(layer))
  })

  it.effect("429 without Retry-After is RateLimited with none", () => {
    const { layer } = client(() => new Response("", { status: 429 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && error.retryAfter).toBeUndefined()
    }).pipe(Effect.provide(layer))
  })

  it.effect("an HTML error page from a proxy still gives a typed error, without Twilio fields", () => {
    const { layer } = client(() => new Response("<html><body>Bad gateway</body></html>", { status: 502 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("ApiError")
      expect(error._tag === "ApiError" && [error.status, error.code, error.twilioMessage]).toEqual([
        502,
        undefined,
        undefined
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("an empty 404 body is still NotFound", () => {
    const { layer } = client(() => new Response(null, { status: 404 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("NotFound")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an error body of the wrong shape keeps the status and drops the fields", () => {
    const { layer } = client(() => json({ code: "not-a-number", message: 42 }, 404))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("NotFound")
      expect(error._tag === "NotFound" && [error.status, error.code, error.twilioMessage]).toEqual([
        404,
        undefined,
        undefined
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a transport failure is a TransportError", () => {
    const { layer } = client(() => {
      throw new TypeError("fetch failed")
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.fetch(camera))
      expect(error._tag).toBe("TransportError")
      expect(error.message).toContain("fetch failed")
      expect(error).toMatchObject({
        method: "GET",
        path: "/v1/Rooms/DailyStandup/Participants/Alice/PublishedTracks/Camera"
      })
    }).pipe(Effect.provide(layer))
  })

  it.effect("can be told apart with catchTags", () => {
    const { layer } = client(() => json(twilioBody(404, 20404, "not found"), 404))
    return Effect.gen(function*() {
      const outcome = yield* PublishedTracks.fetch(camera).pipe(
        Effect.as("found"),
        Effect.catchTags({
          NotFound: (e) => Effect.succeed(`missing: ${e.code}`),
          Unauthorized: () => Effect.succeed("login")
        }),
        Effect.catchAll((e) => Effect.succeed(`other: ${e._tag}`))
      )
      expect(outcome).toBe("missing: 20404")
    }).pipe(Effect.provide(layer))
  })

  it.effect("no error carries the auth token", () => {
    const { layer } = client(() => json(twilioBody(401, 20003, "Authenticate"), 401))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(PublishedTracks.list({ room: "r", participant: "p" }).pipe(Stream.runCollect))
      const basic = Buffer.from(`x:${authToken}`).toString("base64").slice(4)
      for (const text of [String(error), JSON.stringify(error), error.message, error.stack ?? ""]) {
        expect(text).not.toContain(authToken)
        expect(text).not.toContain(basic)
      }
    }).pipe(Effect.provide(layer))
  })
})
