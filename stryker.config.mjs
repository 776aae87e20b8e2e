// Mutation testing of the checks that guard credentials, the endpoint and input.
//
// `npm run mutate`: every mutant of the files below, each against the tests that cover it. It
// leaves out the mutants of module-load code (schemas, patterns, tables): Stryker can only test one
// of those by rerunning every test, about 2 hours for all of them on two cores.
// `npm run mutate:static`: those module-load mutants, of the files that guard credentials, the
// endpoint and input, each against the tests of those guards (see test/stryker.vitest.config.ts).
// Both are incremental: a run reuses the results of the last one for code and tests that did not
// change. docs/reliability.md has the scores and the survivors judged equivalent.
const staticRun = process.env.MUTATE === "static"
const reports = staticRun ? "reports/mutation-static" : "reports/mutation"

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "test/stryker.vitest.config.ts" },
  mutate: staticRun
    ? ["src/Credentials.ts", "src/ClientConfig.ts", "src/Sid.ts", "src/internal/http.ts", "src/internal/page.ts"]
    : [
      "src/internal/**/*.ts",
      "src/Credentials.ts",
      "src/ClientConfig.ts",
      "src/Errors.ts",
      "src/PublishedTrack.ts",
      "src/Sid.ts"
    ],
  coverageAnalysis: "perTest",
  ignoreStatic: !staticRun,
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${reports}/mutation.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  concurrency: 2,
  thresholds: { high: 90, low: 85, break: null }
}
