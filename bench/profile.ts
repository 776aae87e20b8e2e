/**
 * Profiles this client's listing: run under `--cpu-prof`, then summarise with `cpuprofile-summary.ts`.
 *
 *   node --cpu-prof --cpu-prof-dir=bench/out/prof --import tsx bench/profile.ts [effect|bare|twilio] [rounds]
 *   npx tsx bench/cpuprofile-summary.ts bench/out/prof
 *
 * The loopback server runs in its own process, so the profile holds only the client.
 */
import { impls, loadClient } from "./clients/types.js"
import type { Impl } from "./clients/types.js"
import { startServer } from "./processes.js"

const impl = (process.argv[2] ?? "effect") as Impl
if (!impls.includes(impl)) throw new Error(`unknown client ${impl}`)
const rounds = Number(process.argv[3] ?? "5")
const server = await startServer()
const client = await loadClient(impl, server.baseUrl)
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now()
  const count = await client.list("n100000", "bench", 1000)
  console.log(`${impl}: listed ${count} in ${(performance.now() - t0).toFixed(0)} ms`)
}
const t0 = performance.now()
await client.fetchLoop("n1", "bench", "Camera", 2000)
console.log(`${impl}: 2000 fetches in ${(performance.now() - t0).toFixed(0)} ms`)
await client.dispose()
server.stop()
