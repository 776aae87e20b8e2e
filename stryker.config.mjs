// Mutation testing of the checks that guard credentials, the endpoint and input: `npm run mutate`.
// Each mutant is tested by the tests that cover it. Mutants of module-load code (schemas, patterns,
// tables) are left out: each would rerun the whole suite, about 2 hours for all of them on two
// cores (docs/reliability.md says how the guards among them were checked).
// Incremental: a run reuses the results of the last one for code and tests that did not change.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "test/stryker.vitest.config.ts" },
  mutate: [
    "src/internal/**/*.ts",
    "src/Credentials.ts",
    "src/ClientConfig.ts",
    "src/Errors.ts",
    "src/PublishedTrack.ts",
    "src/Sid.ts"
  ],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 2,
  thresholds: { high: 90, low: 85, break: null }
}
