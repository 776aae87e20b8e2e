/**
 * `ClientConfig`: each option's rule, said in its error, and each default. An option outside its rule
 * is a `ConfigError` naming it; a valid one is resolved to the endpoint and settings the client uses.
 */
import { describe, expect, it } from "@effect/vitest"
import { ClientConfig } from "effect-twilio-video"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"

/** The resolved settings, or the error's text. */
const resolve = (options: ClientConfig.Options) =>
  Result.match(ClientConfig.make(options), {
    onFailure: (error) => String(error),
    onSuccess: (settings) => settings
  })

const refused = (name: string, problem: string) => `ConfigError(SchemaError(${name} ${problem}\n  at ["${name}"]))`

describe("ClientConfig.make", () => {
  it("defaults to Twilio's global endpoint, 4 attempts, 500 ms to 8 s of backoff, 30 s timeouts and 16 MiB bodies", () => {
    expect(resolve({})).toEqual({
      origin: "https://video.twilio.com",
      basePath: "",
      aliases: [],
      retry: {
        maxAttempts: 4,
        baseDelay: Duration.millis(500),
        maxDelay: Duration.seconds(8),
        maxRetryAfter: Duration.seconds(30)
      },
      timeout: Duration.seconds(30),
      maxBodyBytes: 16 * 1024 * 1024
    })
    expect(ClientConfig.make()).toEqual(ClientConfig.make({}))
  })

  it("keeps the other retry defaults when one is given, and has no retry at all with retry: false", () => {
    const settings = Result.getOrThrow(ClientConfig.make({ retry: { maxAttempts: 2 } }))
    expect(settings.retry).toEqual({
      maxAttempts: 2,
      baseDelay: Duration.millis(500),
      maxDelay: Duration.seconds(8),
      maxRetryAfter: Duration.seconds(30)
    })
    expect(Result.getOrThrow(ClientConfig.make({ retry: false })).retry).toBeUndefined()
  })

  describe("endpoint", () => {
    const endpoints: ReadonlyArray<[ClientConfig.Options, string, string, ReadonlyArray<string>]> = [
      [{ region: "ie1" }, "https://video.ie1.twilio.com", "", ["https://video.twilio.com"]],
      [{ edge: "dublin" }, "https://video.dublin.us1.twilio.com", "", ["https://video.twilio.com"]],
      [{ region: "IE1", edge: "Dublin" }, "https://video.dublin.ie1.twilio.com", "", ["https://video.twilio.com"]],
      [{ region: "x" }, "https://video.x.twilio.com", "", ["https://video.twilio.com"]],
      [{ region: "a".repeat(63) }, `https://video.${"a".repeat(63)}.twilio.com`, "", ["https://video.twilio.com"]],
      [{ baseUrl: "http://127.0.0.1:4010" }, "http://127.0.0.1:4010", "", []],
      [{ baseUrl: "https://proxy.example/twilio///" }, "https://proxy.example", "/twilio", []],
      [{ baseUrl: "https://proxy.example/", region: "ie1" }, "https://proxy.example", "", []]
    ]
    for (const [options, origin, basePath, aliases] of endpoints) {
      it(`${JSON.stringify(options)} is ${origin}${basePath}`, () => {
        expect(resolve(options)).toMatchObject({ origin, basePath, aliases })
      })
    }
  })

  const invalid: ReadonlyArray<[string, ClientConfig.Options, string]> = [
    ["a base URL that is not absolute", { baseUrl: "video.twilio.com" }, refused("baseUrl", "is not an absolute URL")],
    ["a base URL that is not HTTP", { baseUrl: "ftp://proxy.example" }, refused("baseUrl", "must be http: or https:")],
    [
      "a base URL with a user name",
      { baseUrl: "https://user@proxy.example" },
      refused("baseUrl", "must not carry credentials")
    ],
    [
      "a base URL with a password",
      { baseUrl: "https://:pw@proxy.example" },
      refused("baseUrl", "must not carry credentials")
    ],
    [
      "a base URL with a query",
      { baseUrl: "https://proxy.example/?a=1" },
      refused("baseUrl", "must not have a query or fragment")
    ],
    [
      "a base URL with a fragment",
      { baseUrl: "https://proxy.example/#f" },
      refused("baseUrl", "must not have a query or fragment")
    ],
    ["a region that ends in a host", { region: "evil.example/x" }, refused("region", "is not a valid host name label")],
    [
      "a region that starts a host",
      { region: "ie1.evil.example" },
      refused("region", "is not a valid host name label")
    ],
    ["a region that starts with a dash", { region: "-ie1" }, refused("region", "is not a valid host name label")],
    ["a region that ends with a dash", { region: "ie1-" }, refused("region", "is not a valid host name label")],
    ["a region of 64 characters", { region: "a".repeat(64) }, refused("region", "is not a valid host name label")],
    ["an empty edge", { edge: "" }, refused("edge", "is not a valid host name label")],
    ["an edge with a path", { edge: "dublin/x" }, refused("edge", "is not a valid host name label")],
    [
      "no attempts",
      { retry: { maxAttempts: 0 } },
      refused("retry.maxAttempts", "must be a whole number of at least 1")
    ],
    [
      "a fraction of an attempt",
      { retry: { maxAttempts: 1.5 } },
      refused("retry.maxAttempts", "must be a whole number of at least 1")
    ],
    [
      "unboundedly many attempts",
      { retry: { maxAttempts: 2 ** 53 } },
      refused("retry.maxAttempts", "must be a whole number of at least 1")
    ],
    [
      "a backoff that is not a duration",
      { retry: { baseDelay: "soon" as never } },
      refused("retry.baseDelay", "is not a valid duration")
    ],
    ["a negative backoff", { retry: { baseDelay: -1 } }, refused("retry.baseDelay", "is not a valid duration")],
    [
      "a negative maximum backoff",
      { retry: { maxDelay: "-1 seconds" } },
      refused("retry.maxDelay", "is not a valid duration")
    ],
    [
      "a maximum Retry-After of NaN",
      { retry: { maxRetryAfter: Number.NaN } },
      refused("retry.maxRetryAfter", "is not a valid duration")
    ],
    ["a negative pair of seconds and nanos", { timeout: [-1, 0] }, refused("timeout", "is not a valid duration")],
    ["a negative bigint of nanos", { timeout: -1n }, refused("timeout", "is not a valid duration")],
    ["a timeout of zero", { timeout: 0 }, refused("timeout", "must be longer than zero")],
    ["a timeout of zero seconds", { timeout: "0 seconds" }, refused("timeout", "must be longer than zero")],
    ["a body limit of zero", { maxBodyBytes: 0 }, refused("maxBodyBytes", "must be a whole number of at least 1")]
  ]
  for (const [what, options, message] of invalid) {
    it(`${what} is a ConfigError naming the option`, () => {
      expect(resolve(options)).toBe(message)
    })
  }

  it("takes a duration in each form Duration reads: a bigint of nanos, a pair of seconds and nanos", () => {
    const settings = resolve({
      timeout: 1_500_000_000n,
      retry: { baseDelay: 0n, maxDelay: [0, 0], maxRetryAfter: [2, 5] }
    }) as ClientConfig.Service
    expect([settings.timeout, settings.retry?.baseDelay, settings.retry?.maxDelay, settings.retry?.maxRetryAfter].map(
      (d) => d === undefined ? undefined : Duration.toHrTime(d)
    )).toEqual([[1, 500_000_000], [0, 0], [0, 0], [2, 5]])
  })

  it("takes the least of each: one attempt, no backoff, a one-byte body limit, a timeout of 1 ms", () => {
    expect(resolve({ retry: { maxAttempts: 1, baseDelay: 0, maxDelay: "0 millis" }, maxBodyBytes: 1, timeout: 1 }))
      .toMatchObject({
        retry: { maxAttempts: 1, baseDelay: Duration.zero, maxDelay: Duration.zero },
        maxBodyBytes: 1,
        timeout: Duration.millis(1)
      })
  })
})

describe("ClientConfig.config", () => {
  const read = (env: Record<string, string>) =>
    Effect.provideService(
      ClientConfig.config,
      ConfigProvider.ConfigProvider,
      ConfigProvider.fromEnvRecord(env, { preserveEmptyStrings: true })
    )

  it.effect("reads TWILIO_VIDEO_BASE_URL, TWILIO_REGION and TWILIO_EDGE", () =>
    Effect.gen(function*() {
      expect(
        yield* read({ TWILIO_VIDEO_BASE_URL: "http://127.0.0.1:4010", TWILIO_REGION: "ie1", TWILIO_EDGE: "dublin" })
      )
        .toEqual({ baseUrl: "http://127.0.0.1:4010", region: "ie1", edge: "dublin" })
      expect(yield* read({})).toEqual({ baseUrl: undefined, region: undefined, edge: undefined })
    }))

  it.effect("checks each variable as the option it stands for", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(read({ TWILIO_EDGE: "dublin.evil.example" }))
      expect(String(error)).toBe(`ConfigError(SchemaError(is not a valid host name label\n  at ["TWILIO_EDGE"]))`)
    }))
})
