import { expect, it } from "@effect/vitest"
import { build } from "esbuild"
import { fileURLToPath } from "node:url"

it("a production bundle of the main entry carries none of the testing kit, and imports only effect", async () => {
  const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url))
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    metafile: true,
    external: ["effect", "effect/*"]
  })
  const inputs = Object.keys(result.metafile.inputs)
  expect(inputs.some((path) => path.includes("src/PublishedTracks.ts"))).toBe(true)
  expect(inputs.filter((path) => path.includes("testing"))).toEqual([])
  // at run time it needs `effect` and nothing else: no other package, no Node built-in
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path))
  expect(imports.length).toBeGreaterThan(0)
  expect(imports.filter((path) => !/^effect(\/|$)/.test(path))).toEqual([])
  const code = result.outputFiles[0]!.text
  expect(code).not.toContain("WorldControl")
  expect(code).not.toContain("emulator-auth-token")
  expect(code).not.toContain("node:http")
})
