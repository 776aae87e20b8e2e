/**
 * Bundles with esbuild: the minimal apps, measured raw and gzipped, the cold-start script, and
 * the memory children.
 */
import { build } from "esbuild"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import { bundleInBaseline, inBaseline } from "./baseline.js"
import { clientModule } from "./clients/types.js"
import type { Impl } from "./clients/types.js"

export interface BundleSize {
  readonly minified: number
  readonly gzipped: number
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

const measure = async (
  entry: string,
  format: "esm" | "cjs",
  tsconfig = here("../tsconfig.json")
): Promise<BundleSize> => {
  const result = await build({
    entryPoints: [here(entry)],
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format,
    // resolves "effect-twilio-video" to src/ through the paths of the repository's tsconfig
    tsconfig,
    write: false,
    logLevel: "error",
    legalComments: "none"
  })
  const code = result.outputFiles[0]!.contents
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length }
}

export interface BundleSizes {
  readonly effect: BundleSize
  readonly twilio: BundleSize
  readonly "v0.2.1"?: BundleSize | undefined
}

/**
 * Our app bundles effect too (a peer, but the user ships it). `withBaseline`: 0.2.1's own app and
 * tsconfig, in its folder (its src/, effect 3 and @effect/platform).
 */
export const bundleSizes = async (withBaseline: boolean): Promise<BundleSizes> => ({
  effect: await measure("./apps/effect-app.ts", "esm"),
  // twilio-node is CommonJS: a CommonJS bundle is the one that runs
  twilio: await measure("./apps/twilio-app.ts", "cjs"),
  ...(withBaseline
    ? { "v0.2.1": await measure(inBaseline("bench/apps/effect-app.ts"), "esm", inBaseline("tsconfig.json")) }
    : {})
})

/** Bundles `entry` into one minified ESM file, as for a serverless function (see docs/performance.md). */
export const bundle = async (entry: string, outfile: string): Promise<void> => {
  await build({
    entryPoints: [here(entry)],
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "esm",
    outfile,
    logLevel: "error",
    legalComments: "none"
  })
}

/**
 * The memory child with one client only (`memory-child.ts`), for plain `node`: the client's code
 * bundled (this package from src/, through the tsconfig's paths), its packages left to node.
 * `alsoLoad`: modules imported for their effects alone, before the client (the floor loading this
 * client's peers). Resolves with the path of the bundle, and the modules of `effect` it imports.
 * 0.2.1's child is written into its folder, where its packages resolve (`outfile` is then ignored).
 */
export const bundleMemoryChild = async (
  impl: Impl,
  outfile: string,
  alsoLoad: ReadonlyArray<string> = []
): Promise<{ readonly path: string; readonly peers: ReadonlyArray<string> }> => {
  const { file, name } = clientModule(impl)
  const contents = `${
    alsoLoad.map((module) => `import "${module}"\n`).join("")
  }import { measureListing } from "./memory-child.js"
import { ${name} } from "${file}"
await measureListing(${name})`
  if (impl === "v0.2.1") return { path: await bundleInBaseline(contents, "bench/out/memory.mjs"), peers: [] }
  const result = await build({
    stdin: {
      contents,
      resolveDir: here("."),
      loader: "ts"
    },
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node20",
    format: "esm",
    tsconfig: here("../tsconfig.json"),
    outfile,
    metafile: true,
    logLevel: "error"
  })
  const imported = Object.values(result.metafile.outputs).flatMap((output) => output.imports)
  return {
    path: outfile,
    peers: [...new Set(imported.filter((i) => i.external && /^effect(\/|$)/.test(i.path)).map((i) => i.path))]
  }
}
