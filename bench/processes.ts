/** Child processes of the bench: the loopback server, and one-shot measurement children. */
import { fork, spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import { fileURLToPath } from "node:url"

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/** Forks `server.ts` (the `tsx` loader is inherited through `execArgv`) and waits for its port. */
export const startServer = (): Promise<{ readonly baseUrl: string; readonly stop: () => void }> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(here("./server.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`the bench server exited early (${code})`)))
    child.once("message", (message) => {
      const { port } = message as { port: number }
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        stop: () => {
          child.removeAllListeners("exit")
          child.disconnect()
        }
      })
    })
  })

/** Runs `script` in a fresh process (with `extraNodeFlags`) and resolves with the one message it sends back. */
export const runChild = <A>(
  script: string,
  args: ReadonlyArray<string>,
  extraNodeFlags: ReadonlyArray<string> = []
): Promise<A> =>
  new Promise((resolve, reject) => {
    let result: A | undefined
    const child = fork(here(script), args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv: [...process.execArgv, ...extraNodeFlags]
    })
    child.on("message", (message) => {
      result = message as A
    })
    child.once("error", reject)
    child.once(
      "exit",
      (code) =>
        code === 0 && result !== undefined ? resolve(result) : reject(new Error(`${script} exited with ${code}`))
    )
  })

/** Runs `script` with plain `node` (no loader) in a fresh process, and resolves with its wall time in ms. */
export const timeProcess = (script: string, env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, [script], { env, stdio: ["ignore", "ignore", "inherit"] })
    child.once("error", reject)
    child.once(
      "exit",
      (code) => code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${script} exited with ${code}`))
    )
  })
