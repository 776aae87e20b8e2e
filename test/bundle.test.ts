import { expect, it } from "@effect/vitest"
import { build } from "esbuild"
import { fileURLToPath } from "node:url"

it("a production bundle of the main entry carries none of the testing kit", async () => {
  const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url))
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    metafile: true,
    external: ["effect", "effect/*", "@effect/platform", "@effect/platform/*"]
  })
  const inputs = Object.keys(result.metafile.inputs)
  expect(inputs.some((path) => path.includes("src/PublishedTracks.ts"))).toBe(true)
  expect(inputs.filter((path) => path.includes("testing"))).toEqual([])
  const code = result.outputFiles[0]!.text
  expect(code).not.toContain("WorldControl")
  expect(code).not.toContain("emulator-auth-token")
  expect(code).not.toContain("node:http")
})
