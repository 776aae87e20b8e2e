/**
 * Twilio's request signature (`X-Twilio-Signature`): HMAC-SHA1, keyed with the account's auth
 * token, over the full URL followed by each POST parameter's name and value, sorted by name,
 * base64-encoded. Shared by `StatusCallbacks` (which checks it) and the emulator (which signs its
 * callbacks).
 */
import * as Mac from "effect/crypto/Mac"
import * as Effect from "effect/Effect"
import * as Base64 from "effect/encoding/Base64"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import { crypto } from "./token.js"

/**
 * What Twilio signs: the URL, then for each parameter name in sorted order, the name and its value
 * (for a name given more than once, each distinct value, sorted), as twilio-node computes it.
 */
export const signedData = (url: string, parameters: Iterable<readonly [string, string]>): Uint8Array => {
  const values = new Map<string, Set<string>>()
  for (const [name, value] of parameters) {
    const set = values.get(name) ?? new Set<string>()
    set.add(value)
    values.set(name, set)
  }
  let data = url
  for (const name of [...values.keys()].sort()) {
    for (const value of [...values.get(name)!].sort()) data += name + value
  }
  return new TextEncoder().encode(data)
}

/** Signing and checking with one auth token. */
export interface Signer {
  /** The signature of a request to `url` with `parameters`, as Twilio writes it in the header. */
  readonly sign: (url: string, parameters: Iterable<readonly [string, string]>) => Effect.Effect<string>
  /**
   * Whether `signature` is the signature of `url` and `parameters`, compared in constant time
   * (`Mac.verify`). The URL is tried as given, and with its scheme's default port added or removed,
   * as Twilio may sign either.
   */
  readonly verify: (
    url: string,
    parameters: ReadonlyArray<readonly [string, string]>,
    signature: string
  ) => Effect.Effect<boolean>
}

/**
 * The signer of an auth token, which must not be empty: its HMAC-SHA1 key (the token's UTF-8 bytes,
 * as Twilio keys it) and the platform's `Mac`, both resolved once.
 */
export const make = (authToken: Redacted.Redacted<string>): Effect.Effect<Signer> =>
  // Web Crypto imports any non-empty HMAC key and signs with it: a failure is a broken platform, a defect
  Effect.orDie(Effect.gen(function*() {
    const key = yield* Mac.key(Mac.hmacSha1, new TextEncoder().encode(Redacted.value(authToken)))
    const mac = yield* Effect.provide(Effect.service(Mac.Mac), crypto)
    return {
      sign: (url, parameters) => Effect.orDie(Effect.map(mac.sign(key, signedData(url, parameters)), Base64.encode)),
      verify: (url, parameters, signature) => {
        const tag = Base64.decode(signature)
        // only the text Twilio writes: a lenient decoding gives the same bytes for other texts (other
        // unused low bits in the last character, whitespace), which twilio-node refuses too
        if (Result.isFailure(tag) || Base64.encode(tag.success) !== signature) return Effect.succeed(false)
        return Effect.orDie(Effect.reduce(
          urlForms(url),
          () => false,
          (found, candidate) =>
            found ? Effect.succeed(true) : mac.verify(key, tag.success, signedData(candidate, parameters))
        ))
      }
    }
  }))

/** `url`, then the same with the default port of its scheme removed or added. */
const urlForms = (url: string): ReadonlyArray<string> => {
  const match = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url)
  if (match === null) return [url]
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string]
  const port = scheme.toLowerCase() === "https" ? "443" : "80"
  const host = authority.replace(/:(\d+)$/, "")
  const explicit = /:(\d+)$/.exec(authority)?.[1]
  if (explicit === undefined) return [url, `${scheme}://${host}:${port}${rest}`]
  return explicit === port ? [url, `${scheme}://${host}${rest}`] : [url]
}
