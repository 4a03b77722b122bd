/**
 * The process around the commands, built from effect's core: Node's argv and standard streams for `effect/cli`,
 * and a main that interrupts the program on SIGINT/SIGTERM (so scoped resources such as the build lock and the
 * staging folder are released) and exits with the program's code.
 *
 * Why not @effect/platform-node: every 4.x release of it declares Node >= 22.19 (and pulls undici 8, which cannot
 * load on Node 20), while this project runs on Node 20. The commands need only argv and the standard streams from
 * the platform: they read and write files through node:fs in our own shell, spawn no child process through Effect
 * and ask no interactive question. The CLI's type still names a file system, a terminal and a process spawner, so
 * those are given as stand-ins that refuse to be used: a use would be a defect, reported as an internal error.
 */
import { Effect, FileSystem, Layer, Path, Runtime, Sink, Stdio, Stream, Terminal } from "effect"
import { ChildProcessSpawner } from "effect/process"

const writeTo = (stream: NodeJS.WriteStream) => () =>
  Sink.forEach((chunk: string | Uint8Array) => Effect.sync(() => void stream.write(chunk)))

const stdio = Layer.succeed(Stdio.Stdio)(
  Stdio.make({
    args: Effect.sync(() => process.argv.slice(2)),
    stdinIsTerminal: Effect.sync(() => process.stdin.isTTY === true),
    stdoutIsTerminal: Effect.sync(() => process.stdout.isTTY === true),
    stderrIsTerminal: Effect.sync(() => process.stderr.isTTY === true),
    stdout: writeTo(process.stdout),
    stderr: writeTo(process.stderr),
    stdin: Stream.empty
  })
)

const unused = (what: string) => Effect.die(new Error(`the pipeline's commands do not use ${what}`))

const terminal = Layer.succeed(Terminal.Terminal)(
  Terminal.make({
    columns: Effect.sync(() => process.stdout.columns ?? 80),
    rows: Effect.sync(() => process.stdout.rows ?? 24),
    size: unused("terminal resizing"),
    readInput: unused("interactive input"),
    readLine: unused("interactive input"),
    display: (text) => Effect.sync(() => void process.stdout.write(text))
  })
)

const spawner = Layer.succeed(ChildProcessSpawner.ChildProcessSpawner)(ChildProcessSpawner.make(() => unused("child processes through Effect")))

/** What `effect/cli` asks of its host, for a Node process. */
export const cliEnvironment = Layer.mergeAll(stdio, terminal, spawner, Path.layer, FileSystem.layerNoop({}))

/** Runs the program as the process's main: SIGINT/SIGTERM interrupt it, and the process exits with its code. */
export const runMain = Runtime.makeRunMain(({ fiber, teardown }) => {
  let signalled = false
  const onSignal = () => {
    signalled = true
    fiber.interruptUnsafe(fiber.id)
  }
  fiber.addObserver((exit) => {
    process.removeListener("SIGINT", onSignal)
    process.removeListener("SIGTERM", onSignal)
    teardown(exit, (code) => {
      if (signalled || code !== 0) process.exit(code)
    })
  })
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)
})
