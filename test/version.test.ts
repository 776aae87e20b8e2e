import { expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { version } from "../src/internal/version.js"

it("the User-Agent version is package.json's", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
  expect(version).toBe(pkg.version)
})
