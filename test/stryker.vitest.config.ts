// The tests `npm run mutate` runs against each mutant: all but those that work in other processes
// (the guides' programs, the command line, the packed package, Prism, the demo), which no mutant of
// this process's code can reach.
import { defineConfig } from "vitest/config"
import { alias } from "../vitest.config.js"

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["test/**/*.test.ts", "docs/examples/**/*.test.ts"],
    exclude: [
      "test/docs.test.ts",
      "test/cli.test.ts",
      "test/package.test.ts",
      "test/prism.test.ts",
      "docs/examples/demo.test.ts"
    ],
    testTimeout: 30_000
  }
})
