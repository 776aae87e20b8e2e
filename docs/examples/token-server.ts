/**
 * A token server on effect's HTTP server: `POST /token` with `{ "identity": "alice", "room":
 * "DailyStandup" }` answers `{ "token": "…" }`, an Access Token signed with the API key from the
 * environment (`TWILIO_ACCOUNT_SID`, `TWILIO_API_KEY`, `TWILIO_API_SECRET`).
 *
 *   npx tsx docs/examples/token-server.ts        # listens on PORT, default 3000
 *
 * In a real app the identity is the signed-in user's, taken from your session, never from the
 * request body: anyone who can call this endpoint can join as whoever they name.
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { AccessTokens } from "effect-twilio-video"
import * as ByteSize from "effect/ByteSize"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as HttpIncomingMessage from "effect/http/HttpIncomingMessage"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createServer } from "node:http"

/** What a client asks for. */
const TokenRequest = Schema.Struct({
  identity: Schema.String,
  room: Schema.optional(Schema.String)
})

const badRequest = (error: string) => HttpServerResponse.json({ error }, { status: 400 })

/** `POST /token`: a token for the identity and room asked for; 400 for a body it cannot use. */
export const TokenRoute = HttpRouter.add(
  "POST",
  "/token",
  Effect.gen(function*() {
    const { identity, room } = yield* HttpServerRequest.schemaBodyJson(TokenRequest)
    const token = yield* AccessTokens.mint({ identity, room })
    return yield* HttpServerResponse.json({ token: Redacted.value(token) })
  }).pipe(
    // a body of a few hundred bytes is all a token request needs
    Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.kibibytes(4)),
    Effect.catchTags({
      InvalidArgument: (error) => badRequest(error.message),
      SchemaError: () => badRequest("expected { identity, room? } with strings"),
      HttpServerError: () => badRequest("expected a JSON body of at most 4 KiB")
    })
  )
)

/** The app: the route, with `AccessTokens` from configuration. It needs an `HttpServer`. */
export const TokenServer = HttpRouter.serve(TokenRoute).pipe(Layer.provide(AccessTokens.layerConfig))

if (import.meta.url === `file://${process.argv[1]}`) {
  const NodeServer = Layer.unwrap(
    Effect.map(
      Config.Port("PORT").pipe(Config.withDefault(3000)),
      (port) => NodeHttpServer.layer(createServer, { port })
    )
  )
  NodeRuntime.runMain(Layer.launch(TokenServer.pipe(Layer.provide(NodeServer))))
}
