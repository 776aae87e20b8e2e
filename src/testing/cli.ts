#!/usr/bin/env node
/**
 * `effect-twilio-video-emulator [--port N] [--host H] [--world file.json]`: the Twilio Video
 * emulator on a socket, serving the documentation world or one read from JSON, until stopped. It
 * prints its URL and the environment an app needs to use it.
 */
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import * as Emulator from "./Emulator.js"
import * as EmulatorServer from "./EmulatorServer.js"
import * as World from "./World.js"

const usage = "usage: effect-twilio-video-emulator [--port N] [--host HOST] [--world FILE.json]"

/** A problem with the command line or the world file: a message, and exit code 2. */
class UsageError {
  constructor(readonly message: string) {}
}

interface Options {
  readonly port: number
  readonly host: string
  readonly world: World.World
}

const readWorld = (path: string): World.World => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    throw new UsageError(`cannot read the world file ${path}: ${(error as Error).message}`)
  }
  return Result.getOrElse(World.fromJson(text), (problem) => {
    // one problem on the message's line, several one a line below it
    throw new UsageError(`the world file ${path} is not a world:${problem.includes("\n") ? "\n" : " "}${problem}`)
  })
}

/** Node's parser's errors, in the command's words. */
const parseError = (error: unknown): UsageError => {
  const { code, message } = error as { readonly code?: unknown; readonly message?: unknown }
  const option = typeof message === "string" ? /'(-[^' ]+)/.exec(message)?.[1] : undefined
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown option ${option}\n${usage}`)
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new UsageError(`${option} needs a value\n${usage}`)
    default:
      return new UsageError(`${typeof message === "string" ? message : String(error)}\n${usage}`)
  }
}

const parse = (args: Array<string>): Options => {
  let values: { readonly port?: string; readonly host?: string; readonly world?: string; readonly help?: boolean }
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        world: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }).values
  } catch (error) {
    throw parseError(error)
  }
  if (values.help === true) throw new UsageError(usage)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || port > 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535`)
  }
  return {
    port,
    host: values.host ?? "127.0.0.1",
    world: values.world === undefined ? World.documentation : readWorld(values.world)
  }
}

const serve = (options: Options) =>
  Effect.gen(function*() {
    const server = yield* EmulatorServer.serve(options.world, { port: options.port, host: options.host })
    yield* Console.log(`Twilio Video emulator listening at ${server.url}

An app that reads its settings from the environment uses it with:

${Object.entries(Emulator.env(server.url)).map(([name, value]) => `export ${name}=${value}`).join("\n")}

Stop it with Ctrl-C.`)
    return yield* Effect.never
  }).pipe(Effect.scoped)

let options: Options | undefined
try {
  options = parse(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  console.error(error.message)
  process.exitCode = error.message === usage ? 0 : 2
}

if (options !== undefined) {
  const fiber = Effect.runFork(serve(options))
  const stop = () => fiber.interruptUnsafe(fiber.id)
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
  fiber.addObserver((exit) => {
    if (Exit.isFailure(exit) && !Exit.hasInterrupts(exit)) {
      const defect = Cause.squash(exit.cause)
      console.error(`the emulator stopped: ${defect instanceof Error ? defect.message : String(defect)}`)
      process.exitCode = 1
    }
  })
}
