/**
 * The Access Token as Twilio reads it, shared by `AccessTokens` (which signs it) and the testing
 * kit (which checks it): its claims, its content type, and the HS256 key of an API key secret.
 */
import type * as Config from "effect/Config"
import * as Mac from "effect/crypto/Mac"
import * as SecureRandom from "effect/crypto/SecureRandom"
import * as Effect from "effect/Effect"
import * as Base64Url from "effect/encoding/Base64Url"
import * as Jwk from "effect/jose/Jwk"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { configError } from "./option.js"

/** The header's `cty`: the version of Twilio's token format. */
export const contentType = "twilio-fpa;v=1"

/**
 * The claims of a Video token: one declaration, signed by `mint` and read by the kit's check. In
 * the order twilio-node writes them, so that the same inputs and clock give the same bytes.
 */
export const Claims = Schema.Struct({
  jti: Schema.String,
  grants: Schema.Struct({
    identity: Schema.String,
    video: Schema.Struct({ room: Schema.optionalKey(Schema.String) })
  }),
  nbf: Schema.optionalKey(Schema.Number),
  iat: Schema.Number,
  exp: Schema.Number,
  iss: Schema.String,
  sub: Schema.String
})

/** HMAC by the platform's Web Crypto, which Node 22 and every runtime effect 4 supports have. */
export const crypto: Layer.Layer<Mac.Mac> = Mac.layerWebCrypto.pipe(Layer.provide(SecureRandom.layerWebCrypto))

/**
 * The HS256 key of an API key secret (its UTF-8 bytes, as Twilio's libraries key it), or a
 * `ConfigError` at `name`. effect's JOSE refuses an HS256 key under 32 bytes (RFC 7518, 3.2);
 * Twilio's secrets are 32 characters.
 */
export const key = (
  name: string,
  secret: Redacted.Redacted<string>
): Effect.Effect<Jwk.SecretKey<"HS256">, Config.ConfigError> =>
  new TextEncoder().encode(Redacted.value(secret)).length < 32
    ? Effect.fail(
      configError(name, `${name} must be at least 32 bytes to sign HS256 tokens (Twilio's are 32 characters)`)
    )
    : Jwk.importSecret(Redacted.make({ kty: "oct", k: Base64Url.encode(Redacted.value(secret)) } as const), "HS256")
      .pipe(
        Effect.mapError((error) => configError(name, `${name} cannot be an HS256 key: ${error.message}`))
      )
