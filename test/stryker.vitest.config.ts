// The tests `npm run mutate` runs against each mutant: all but those that work in other processes
// (the guides' programs, the command line, the packed package, Prism, the demo), which no mutant of
// this process's code can reach. `npm run mutate:static` reruns every test it is given for each
// mutant, so it is given the tests of the guards alone.
import { defineConfig } from "vitest/config"
import { alias } from "../vitest.config.js"

const guards = [
  "test/ClientConfig.test.ts",
  "test/Credentials.test.ts",
  "test/Sid.test.ts",
  "test/Secrets.test.ts",
  "test/layerConfig.test.ts",
  "test/Hardening.test.ts",
  "test/decodePage.test.ts",
  "test/PublishedTracks.fetch.test.ts",
  "test/PublishedTracks.list.test.ts"
]

export default defineConfig({
  resolve: { alias },
  test: {
    include: process.env.MUTATE === "static" ? guards : ["test/**/*.test.ts", "docs/examples/**/*.test.ts"],
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
