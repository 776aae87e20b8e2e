/**
 * The three targets the contract suites run against: the test layer (the real client over the
 * in-memory emulator), and the real client over FetchHttpClient and over NodeHttpClient, each
 * against the socket emulator.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { TwilioVideo } from "effect-twilio-video"
import { EmulatorServer, TestTwilioVideo } from "effect-twilio-video/testing"
import type { World } from "effect-twilio-video/testing"
import type * as Config from "effect/Config"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"

export interface Target {
  readonly name: string
  readonly make: (
    world: World.World,
    options?: { readonly rejectCredentials?: boolean }
  ) => Layer.Layer<TwilioVideo.Services | World.WorldControl, Config.ConfigError>
}

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
  }
]
