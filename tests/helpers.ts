/** Shared test helpers: temporary folders, a copy of raw/, and the build run in-process or as a child process. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { spawn } from "node:child_process"
import { Effect, Exit } from "effect"
import { build, type BuildOptions } from "../pipeline/build.js"

export const projectRoot = path.resolve(import.meta.dirname, "..")
export const repoConfig = path.join(projectRoot, "pipeline.yaml")

export const tempDir = (prefix = "pipeline-test-"): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

/** A fresh copy of the repository's raw texts, so a test can add or break files without touching raw/. */
export const copyRaw = (): string => {
  const dir = tempDir("raw-")
  for (const f of fs.readdirSync(path.join(projectRoot, "raw"))) fs.copyFileSync(path.join(projectRoot, "raw", f), path.join(dir, f))
  return dir
}

export const runBuild = (options: Omit<BuildOptions, "configPath"> & { configPath?: string }) =>
  Effect.runPromiseExit(Effect.scoped(build({ configPath: repoConfig, ...options })))

export const buildOk = async (options: Omit<BuildOptions, "configPath"> & { configPath?: string }) => {
  const exit = await runBuild(options)
  if (Exit.isFailure(exit)) throw new Error(`build failed: ${JSON.stringify(exit.cause)}`)
  const summary = exit.value
  if (summary.status === "shard") throw new Error("expected a release, got a shard")
  return summary
}

/** Runs the CLI as a real process (tsx), for exit codes, signals and kills. */
export const runCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    // one process (tsx as a loader, not its CLI wrapper), so a kill reaches the build itself
    const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "pipeline", "bin.ts"), ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env }
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })

export const sha256sumCheck = (releaseDir: string) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("sha256sum", ["-c", "SHA256SUMS"], { cwd: releaseDir })
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    child.on("close", (code) => resolve({ code, output }))
  })

export const listFiles = (dir: string): Array<string> => fs.readdirSync(dir).sort()

/** A copy of pipeline.yaml in a temporary folder, with its data files pointed back at the repository and keys replaced. */
export const tempConfig = (replace: Record<string, string> = {}): string => {
  let text = fs.readFileSync(repoConfig, "utf8").replace(/: data\//g, `: ${path.join(projectRoot, "data")}/`)
  for (const [from, to] of Object.entries(replace)) {
    if (!text.includes(from)) throw new Error(`pipeline.yaml has no ${from}`)
    text = text.replace(from, to)
  }
  const dir = tempDir("config-")
  const file = path.join(dir, "pipeline.yaml")
  fs.writeFileSync(file, text)
  return file
}

/** Every file below a folder with its bytes and modification time, to prove a build wrote nothing there. */
export const fingerprintTree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (d: string, rel: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const abs = path.join(d, name)
      const st = fs.lstatSync(abs)
      if (st.isDirectory()) walk(abs, `${rel}${name}/`)
      else out[`${rel}${name}`] = `${st.mtimeMs}:${st.isSymbolicLink() ? fs.readlinkSync(abs) : fs.readFileSync(abs).toString("base64")}`
    }
  }
  walk(dir, "")
  return out
}

/** Runs a build (or anything) with SOURCE_DATE_EPOCH set, as a reproducible release is made. */
export const withEpoch = async <A>(f: () => Promise<A>, epoch = "1700000000"): Promise<A> => {
  const saved = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = epoch
  try {
    return await f()
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
    else process.env.SOURCE_DATE_EPOCH = saved
  }
}
