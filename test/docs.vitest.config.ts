// The tests written on the guides' pages, as test/docs.test.ts saves them to .docs-check/.
import { defineConfig } from "vitest/config"
import { alias } from "../vitest.config.js"

export default defineConfig({
  resolve: { alias },
  test: { include: [".docs-check/**/*.test.ts"], testTimeout: 30_000 }
})
