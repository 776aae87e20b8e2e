/**
 * The token server of token-server.ts on a real socket, configured with the emulator's variables
 * as it would be with an account's: each answer's token is read back as Twilio would read it.
 */
import { NodeHttpServer } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Emulator, TokenCheck } from "effect-twilio-video/testing"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { TokenServer } from "./token-server.js"

const env = Emulator.env("http://127.0.0.1:1")

/** The server on a free port, and an `HttpClient` that calls it. */
const served = TokenServer.pipe(
  Layer.provideMerge(NodeHttpServer.layerTest),
  Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env })))
)

const post = (body: string) =>
  Effect.gen(function*() {
    const response = yield* HttpClient.execute(
      HttpClientRequest.post("/token").pipe(HttpClientRequest.bodyText(body, "application/json"))
    )
    return { status: response.status, json: (yield* response.json) as { token?: string; error?: string } }
  })

describe("token-server", () => {
  it.effect("answers POST /token with a token for the identity and room asked for", () =>
    Effect.gen(function*() {
      const { json, status } = yield* post(JSON.stringify({ identity: "alice", room: "DailyStandup" }))
      expect(status).toBe(200)
      const grant = yield* TokenCheck.check(json.token!)
      expect(grant.identity).toBe("alice")
      expect(grant.room).toEqual(Option.some("DailyStandup"))
      expect(grant.apiKeySid).toBe(Emulator.apiKeySid)
    }).pipe(Effect.provide(served)))

  it.effect("without a room, the token grants any room", () =>
    Effect.gen(function*() {
      const { json } = yield* post(JSON.stringify({ identity: "bob" }))
      expect((yield* TokenCheck.check(json.token!)).room).toEqual(Option.none())
    }).pipe(Effect.provide(served)))

  for (
    const [body, error] of [
      [
        JSON.stringify({ identity: "" }),
        `Invalid argument "identity" to AccessTokens.mint: must be a non-empty string`
      ],
      [JSON.stringify({ room: "DailyStandup" }), "expected { identity, room? } with strings"],
      [JSON.stringify({ identity: 7 }), "expected { identity, room? } with strings"],
      ["{not json", "expected a JSON body of at most 4 KiB"],
      [JSON.stringify({ identity: "x".repeat(5000) }), "expected a JSON body of at most 4 KiB"]
    ] as const
  ) {
    it.effect(`answers 400 and no token for ${body.slice(0, 40)}`, () =>
      Effect.gen(function*() {
        const { json, status } = yield* post(body)
        expect(status).toBe(400)
        expect(json).toEqual({ error })
      }).pipe(Effect.provide(served)))
  }
})
