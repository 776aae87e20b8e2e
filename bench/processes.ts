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

/**
 * Runs `script` in a fresh process (with `extraNodeFlags`, and this process's loader unless
 * `withLoader` is false) and resolves with the one message it sends back.
 */
export const runChild = <A>(
  script: string,
  args: ReadonlyArray<string>,
  extraNodeFlags: ReadonlyArray<string> = [],
  withLoader = true
): Promise<A> =>
  new Promise((resolve, reject) => {
    let result: A | undefined
    const child = fork(here(script), args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv: [...(withLoader ? process.execArgv : []), ...extraNodeFlags]
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

/** The times of one cold start, from spawning the process: the fetched track in hand, and the exit. */
export interface ColdStart {
  readonly readyMs: number
  readonly exitMs: number
}

/**
 * Runs `script` with plain `node` (no loader) in a fresh process. The script prints one line when the
 * fetched track is in hand; that line's arrival is its ready time.
 */
export const timeProcess = (script: string, env: NodeJS.ProcessEnv): Promise<ColdStart> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now()
    let readyMs: number | undefined
    const child = spawn(process.execPath, [script], { env, stdio: ["ignore", "pipe", "inherit"] })
    child.stdout.once("data", () => {
      readyMs = performance.now() - t0
    })
    child.stdout.resume()
    child.once("error", reject)
    let exitMs = 0
    child.once("exit", () => {
      exitMs = performance.now() - t0
    })
    // "close" comes after "exit" and after the output is read
    child.once("close", (code) =>
      code === 0 && readyMs !== undefined
        ? resolve({ readyMs, exitMs })
        : reject(new Error(`${script} exited with ${code}`)))
  })
