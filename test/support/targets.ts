/**
 * The targets the contract suites run against: the test layer (the real client over the
 * in-memory emulator), the real client over FetchHttpClient and over NodeHttpClient, each against
 * the socket emulator, and the real client against the emulator served by effect's
 * `NodeHttpServer`.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { ClientConfig, TwilioVideo } from "effect-twilio-video"
import { Emulator, EmulatorServer, TestTwilioVideo } from "effect-twilio-video/testing"
import type { World } from "effect-twilio-video/testing"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import { createServer } from "node:http"

export interface Target {
  readonly name: string
  readonly make: (
    world: World.World,
    options?: { readonly rejectCredentials?: boolean }
  ) => Layer.Layer<TwilioVideo.Services | World.WorldControl, Config.ConfigError>
}

/**
 * The real client over FetchHttpClient against the emulator served by effect's `NodeHttpServer` on
 * loopback (`EmulatorServer.layerHttpServer`), with the `EmulatorServer`.
 */
export const onHttpServer = (
  world: World.World,
  options: Emulator.Options = {},
  client: Omit<ClientConfig.Options, "baseUrl"> = {}
) =>
  Layer.unwrap(Effect.map(EmulatorServer.EmulatorServer, (server) =>
    TwilioVideo.layer.pipe(
      Layer.provide(Emulator.credentials),
      Layer.provide(ClientConfig.layer({ ...client, baseUrl: server.url }))
    ))).pipe(
      Layer.provideMerge(EmulatorServer.layerHttpServer(world, options)),
      // a test's server stops at once: requests still in flight are interrupted, not waited for
      Layer.provide(
        NodeHttpServer.layerServer(createServer, { port: 0, host: "127.0.0.1", disablePreemptiveShutdown: true })
      ),
      Layer.provide(FetchHttpClient.layer),
      Layer.orDie
    )

export const targets: ReadonlyArray<Target> = [
  { name: "the test layer", make: (world, options) => TestTwilioVideo.layer(world, options) },
  {
    name: "the real client over FetchHttpClient and the socket emulator",
    make: (world, options) => EmulatorServer.layerClient(world, options).pipe(Layer.provide(FetchHttpClient.layer))
  },
  {
    name: "the real client over NodeHttpClient and the socket emulator",
    make: (world, options) =>
      EmulatorServer.layerClient(world, options).pipe(Layer.provide(NodeHttpClient.layerNodeHttp))
  },
  {
    name: "the real client over FetchHttpClient and the emulator on effect's NodeHttpServer",
    make: (world, options) => onHttpServer(world, options)
  }
]
