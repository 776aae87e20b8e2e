/**
 * The ways of talking to the loopback server that the benches compare:
 * - `effect`: this package's client over `FetchHttpClient`;
 * - `bare`: `fetch` + `JSON.parse`, following `next_page_url`, no validation (the floor);
 * - `twilio`: twilio-node, pointed at the loopback server through its `httpClient` option;
 * - `v0.2.1`: this package's previous release (on Effect 3), built apart (`bench/baseline.ts`); the
 *   full run only.
 */
import { pathToFileURL } from "node:url"
import { bundleInBaseline, inBaseline } from "../baseline.js"

export type Impl = "effect" | "bare" | "twilio" | "v0.2.1"
export const impls: ReadonlyArray<Impl> = ["effect", "bare", "twilio", "v0.2.1"]

export interface Client {
  /** Lists the room's tracks at `pageSize`, resolving with how many were seen. */
  readonly list: (room: string, participant: string, pageSize: number) => Promise<number>
  /** Fetches one track `n` times in a row, resolving with each call's latency in ms. */
  readonly fetchLoop: (room: string, participant: string, track: string, n: number) => Promise<Float64Array>
  readonly dispose: () => Promise<void>
}

/** Each client's module in bench/, and the name of its `(baseUrl) => Client`. */
export const clientModule = (impl: Impl): { readonly file: string; readonly name: string } =>
  // 0.2.1's own client module, as that release has it, in the folder it is built in
  impl === "v0.2.1" ? { file: inBaseline("bench/clients/effect.ts"), name: "effectClient" } : {
    file: `./clients/${impl}.js`,
    name: `${impl}Client`
  }

/** Loads only the module of `impl`, so that a process profiling one client carries no other. */
export const loadClient = async (impl: Impl, baseUrl: string): Promise<Client> => {
  switch (impl) {
    case "effect":
      return (await import("./effect.js")).effectClient(baseUrl)
    case "bare":
      return (await import("./bare.js")).bareClient(baseUrl)
    case "twilio":
      return (await import("./twilio.js")).twilioClient(baseUrl)
    case "v0.2.1": {
      const { file, name } = clientModule(impl)
      const bundled = await bundleInBaseline(`export { ${name} } from "${file}"`, "bench/out/client.mjs")
      const module = (await import(pathToFileURL(bundled).href)) as Record<string, (baseUrl: string) => Client>
      return module[name]!(baseUrl)
    }
  }
}
