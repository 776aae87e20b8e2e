/**
 * Every operation of the four services, through Prism as a validating proxy of Twilio's OpenAPI
 * description (test/fixtures/twilio_video_v1.room_tree.json) in front of the socket emulator: the
 * client's requests and the emulator's answers violate nothing in it. And every example answer in
 * the description decodes.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  ClientConfig,
  Participant,
  Participants,
  PublishedTrack,
  PublishedTracks,
  Room,
  Rooms,
  SubscribedTrack,
  SubscribedTracks,
  TwilioVideo
} from "effect-twilio-video"
import { Emulator, EmulatorServer, World } from "effect-twilio-video/testing"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer } from "node:net"
import * as WirePage from "../src/internal/page.js"

const root = new URL("..", import.meta.url).pathname
const description = `${root}test/fixtures/twilio_video_v1.room_tree.json`
const spec = JSON.parse(readFileSync(description, "utf8")) as {
  readonly paths: Record<
    string,
    Record<
      string,
      {
        readonly responses: Record<
          string,
          { readonly content?: Record<string, { readonly examples?: Record<string, { readonly value: unknown }> }> }
        >
      }
    >
  >
}

const freePort = Effect.callback<number>((resume) => {
  const probe = createServer()
  probe.listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as { port: number }
    probe.close(() => resume(Effect.succeed(port)))
  })
})

/** Prism proxying `upstream`, with violations as errors, for the life of the scope; and what it logged. */
const prism = (upstream: string) =>
  Effect.gen(function*() {
    const port = yield* freePort
    const logged: Array<string> = []
    const child = yield* Effect.acquireRelease(
      Effect.callback<ReturnType<typeof spawn>, Error>((resume) => {
        const child = spawn(`${root}node_modules/.bin/prism`, [
          "proxy",
          description,
          upstream,
          "--port",
          String(port),
          "--errors"
        ], {
          cwd: root
        })
        const onOutput = (chunk: Buffer) => {
          logged.push(chunk.toString())
          if (logged.join("").includes("Prism is listening")) resume(Effect.succeed(child))
        }
        child.stdout.on("data", onOutput)
        child.stderr.on("data", onOutput)
        child.on("exit", (code) => resume(Effect.fail(new Error(`prism exited with ${code}: ${logged.join("")}`))))
      }),
      (child) => Effect.sync(() => child.kill())
    )
    return { url: `http://127.0.0.1:${port}`, logged, child }
  })

describe("against Twilio's OpenAPI description, through Prism", () => {
  it.live("every operation's request and answer validate", () =>
    Effect.gen(function*() {
      const server = yield* EmulatorServer.serve(World.documentation)
      const proxy = yield* prism(server.url)
      const violations: Array<string> = []
      const recording = Layer.effect(
        HttpClient.HttpClient,
        Effect.map(HttpClient.HttpClient, (client) =>
          client.pipe(HttpClient.tap((response) =>
            Effect.sync(() => {
              const header = response.headers["sl-violations"]
              if (header !== undefined) violations.push(header)
            })
          )))
      ).pipe(Layer.provide(FetchHttpClient.layer))
      const live = TwilioVideo.layer.pipe(
        Layer.provide(
          Layer.mergeAll(recording, Emulator.credentials, ClientConfig.layer({ baseUrl: proxy.url, retry: false }))
        )
      )
      const done: Array<string> = []
      const step = <A, E, R>(name: string, effect: Effect.Effect<A, E, R>) =>
        Effect.tap(effect, () => Effect.sync(() => done.push(name)))
      const all = <A, E, R>(stream: Stream.Stream<A, E, R>) => Stream.runCollect(stream)

      yield* Effect.gen(function*() {
        // not videoCodecs: Prism 5.14 reads a repeated form key (VideoCodecs=VP8&VideoCodecs=H264, the form
        // OpenAPI and Twilio's helper libraries use for an array) as a string, and calls it a violation
        const created = yield* step(
          "Rooms.create",
          Rooms.create({
            uniqueName: "Launch",
            type: "group",
            maxParticipants: 10,
            audioOnly: false,
            emptyRoomTimeout: 5
          })
        )
        yield* step("Rooms.fetch", Rooms.fetch({ room: created.sid }))
        yield* step(
          "Rooms.list",
          all(Rooms.list({ status: "in-progress", dateCreatedAfter: new Date(0), pageSize: 50 }))
        )
        yield* step("Participants.fetch", Participants.fetch({ room: "DailyStandup", participant: "Alice" }))
        yield* step(
          "Participants.list",
          all(Participants.list({ room: "DailyStandup", status: "connected", identity: "Alice" }))
        )
        const tracks = yield* step(
          "PublishedTracks.list",
          all(PublishedTracks.list({ room: "DailyStandup", participant: "Alice" }))
        )
        yield* step(
          "PublishedTracks.fetch",
          PublishedTracks.fetch({ room: "DailyStandup", participant: "Alice", track: "Camera" })
        )
        const received = yield* step(
          "SubscribedTracks.list",
          all(SubscribedTracks.list({ room: "DailyStandup", participant: "Moderator" }))
        )
        yield* step(
          "SubscribedTracks.fetch",
          SubscribedTracks.fetch({ room: "DailyStandup", participant: "Moderator", track: [...received][0]!.sid })
        )
        expect([...tracks].map((t) => t.name)).toEqual(["Camera"])
        yield* step("Participants.disconnect", Participants.disconnect({ room: "DailyStandup", participant: "Alice" }))
        yield* step("Rooms.complete", Rooms.complete({ room: created.sid }))
      }).pipe(
        Effect.provide(live),
        Effect.tapError((error) => Effect.sync(() => console.error(String(error), proxy.logged.join(""))))
      )

      expect(done).toEqual([
        "Rooms.create",
        "Rooms.fetch",
        "Rooms.list",
        "Participants.fetch",
        "Participants.list",
        "PublishedTracks.list",
        "PublishedTracks.fetch",
        "SubscribedTracks.list",
        "SubscribedTracks.fetch",
        "Participants.disconnect",
        "Rooms.complete"
      ])
      expect(violations).toEqual([])
      expect(proxy.logged.join("")).not.toMatch(/violation/i)
    }).pipe(Effect.scoped), 120_000)

  const items: Record<string, Schema.ConstraintDecoder<unknown>> = {
    "/v1/Rooms": Room,
    "/v1/Rooms/{Sid}": Room,
    "/v1/Rooms/{RoomSid}/Participants/{Sid}": Participant,
    "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}": PublishedTrack,
    "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks/{Sid}": SubscribedTrack
  }
  const pages: Record<string, Schema.ConstraintDecoder<unknown>> = {
    "/v1/Rooms": WirePage.schema("rooms", Room),
    "/v1/Rooms/{RoomSid}/Participants": WirePage.schema("participants", Participant),
    "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks": WirePage.schema(
      "published_tracks",
      PublishedTrack
    ),
    "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks": WirePage.schema(
      "subscribed_tracks",
      SubscribedTrack
    )
  }
  /** The examples of the answers of `method` on `path`, in the description. */
  const examples = (path: string, method: "get" | "post") =>
    Object.entries(spec.paths[path]![method]?.responses ?? {}).filter(([status]) => status.startsWith("2")).flatMap((
      [, response]
    ) => Object.values(response.content?.["application/json"]?.examples ?? {}).map((example) => example.value))

  for (const [path, schema] of Object.entries(items)) {
    it(`every example of one resource answered on ${path} decodes`, () => {
      const found = [...(path === "/v1/Rooms" ? [] : examples(path, "get")), ...examples(path, "post")]
      expect(found.length).toBeGreaterThan(0)
      for (const example of found) expect(() => Schema.decodeUnknownSync(schema)(example)).not.toThrow()
    })
  }
  for (const [path, schema] of Object.entries(pages)) {
    it(`every example page answered on ${path} decodes`, () => {
      const found = examples(path, "get")
      expect(found.length).toBeGreaterThan(0)
      for (const example of found) expect(() => Schema.decodeUnknownSync(schema)(example)).not.toThrow()
    })
  }
})
