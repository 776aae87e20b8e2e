import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: {
    alias: {
      "effect-twilio-video/testing": fileURLToPath(new URL("./src/testing/index.ts", import.meta.url)),
      "effect-twilio-video": fileURLToPath(new URL("./src/index.ts", import.meta.url))
    }
  },
  test: {
    include: ["test/**/*.test.ts", "docs/examples/**/*.test.ts"],
    testTimeout: 30_000
  }
})
