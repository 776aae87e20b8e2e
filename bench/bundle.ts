/**
 * Bundles with esbuild: the two minimal apps, measured raw and gzipped, the cold-start script, and
 * the memory children.
 */
import { build } from "esbuild"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import type { Impl } from "./clients/types.js"

export interface BundleSize {
  readonly minified: number
  readonly gzipped: number
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

const measure = async (entry: string, format: "esm" | "cjs"): Promise<BundleSize> => {
  const result = await build({
    entryPoints: [here(entry)],
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format,
    // resolves "effect-twilio-video" to src/ through the paths of the repository's tsconfig
    tsconfig: here("../tsconfig.json"),
    write: false,
    logLevel: "error",
    legalComments: "none"
  })
  const code = result.outputFiles[0]!.contents
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length }
}

/** Our app bundles effect and @effect/platform too (peers, but the user ships them). */
export const bundleSizes = async (): Promise<{ readonly effect: BundleSize; readonly twilio: BundleSize }> => ({
  effect: await measure("./apps/effect-app.ts", "esm"),
  // twilio-node is CommonJS: a CommonJS bundle is the one that runs
  twilio: await measure("./apps/twilio-app.ts", "cjs")
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
 * client's peers). Resolves with the modules of `effect` and `@effect/platform` the bundle imports.
 */
export const bundleMemoryChild = async (
  impl: Impl,
  outfile: string,
  alsoLoad: ReadonlyArray<string> = []
): Promise<ReadonlyArray<string>> => {
  const result = await build({
    stdin: {
      contents: `${
        alsoLoad.map((module) => `import "${module}"\n`).join("")
      }import { measureListing } from "./memory-child.js"
import { ${impl}Client } from "./clients/${impl}.js"
await measureListing(${impl}Client)`,
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
  return [
    ...new Set(
      imported.filter((i) => i.external && /^(effect|@effect\/platform)(\/|$)/.test(i.path)).map((i) => i.path)
    )
  ]
}
