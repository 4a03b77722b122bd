/** The `pipeline` executable: the only module with side effects at import. */
import { Effect } from "effect"
import { runCli } from "./cli.js"
import { cliEnvironment, runMain } from "./runtime.js"

runCli.pipe(Effect.provide(cliEnvironment), runMain({ disableErrorReporting: true }))
