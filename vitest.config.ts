import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

/** The package's entry points, as a user imports them, resolved to the sources. */
export const alias = {
  "effect-twilio-video/testing": fileURLToPath(new URL("./src/testing/index.ts", import.meta.url)),
  "effect-twilio-video": fileURLToPath(new URL("./src/index.ts", import.meta.url))
}

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["test/**/*.test.ts", "docs/examples/**/*.test.ts"],
    testTimeout: 30_000
  }
})
