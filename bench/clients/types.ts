/**
 * The three ways of talking to the loopback server that the benches compare:
 * - `effect`: this package's client over `FetchHttpClient`;
 * - `bare`: `fetch` + `JSON.parse`, following `next_page_url`, no validation (the floor);
 * - `twilio`: twilio-node, pointed at the loopback server through its `httpClient` option.
 */
export type Impl = "effect" | "bare" | "twilio"
export const impls: ReadonlyArray<Impl> = ["effect", "bare", "twilio"]

export interface Client {
  /** Lists the room's tracks at `pageSize`, resolving with how many were seen. */
  readonly list: (room: string, participant: string, pageSize: number) => Promise<number>
  /** Fetches one track `n` times in a row, resolving with each call's latency in ms. */
  readonly fetchLoop: (room: string, participant: string, track: string, n: number) => Promise<Float64Array>
  readonly dispose: () => Promise<void>
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
  }
}
