/** The pipeline's typed errors; each knows how to say itself to a user, once, at the edge (see cli.ts). */
import { Data } from "effect"

/** pipeline.yaml or a data file it references is malformed. */
export class ConfigError extends Data.TaggedError("ConfigError")<{ readonly file: string; readonly message: string }> {
  get userMessage() {
    return `Invalid configuration in ${this.file}:\n${this.message}`
  }
}

export interface InputProblem {
  /** the raw file, relative to the raw folder */
  readonly file: string
  readonly reason: string
}

/** One or more raw files were refused; every one is named, not just the first. */
export class BadInputError extends Data.TaggedError("BadInputError")<{
  readonly problems: ReadonlyArray<InputProblem>
  /** false when leaving the files out would not help (colliding doc_ids) */
  readonly skippable: boolean
}> {
  get userMessage() {
    const lines = this.problems.map((p) => `  ${p.file}: ${p.reason}`)
    return `Refused ${this.problems.length} raw file(s); nothing was published:\n${lines.join("\n")}\n` +
      (this.skippable ? `Fix or remove them, or set ingest.on_bad_input: skip in pipeline.yaml to leave them out of the release.` : `Rename or remove them.`)
  }
}

/** Reading or writing the file system failed (full disk, read-only folder, missing folder). */
export class IoError extends Data.TaggedError("IoError")<{ readonly path: string; readonly action: string; readonly cause: unknown }> {
  get userMessage() {
    const code = (this.cause as { code?: string } | undefined)?.code
    const why = code === "ENOSPC" ? "the disk is full"
      : code === "EROFS" || code === "EACCES" || code === "EPERM" ? "the folder is not writable"
      : code === "ENOENT" ? "it does not exist"
      : this.cause instanceof Error ? this.cause.message : String(this.cause)
    return `Could not ${this.action} ${this.path}: ${why}.`
  }
}

/** Another build holds the lock on the output folder. */
export class LockError extends Data.TaggedError("LockError")<{ readonly lockFile: string; readonly holder: string }> {
  get userMessage() {
    return `Another build (${this.holder}) is running on this output folder; gave up waiting for ${this.lockFile}.`
  }
}

/** A release folder or version that the user named does not exist, or would be overwritten. */
export class ReleaseError extends Data.TaggedError("ReleaseError")<{ readonly message: string }> {
  get userMessage() {
    return this.message
  }
}

/** A per-document stage threw: a bug in the pipeline met on one raw file, not a problem of the file system. */
export class StageDefectError extends Data.TaggedError("StageDefectError")<{ readonly file: string; readonly detail: string }> {
  get userMessage() {
    return `Internal error (a bug in the pipeline, please report it with this message): the stages failed on ${this.file}.\n${this.detail}`
  }
}

export type PipelineError = ConfigError | BadInputError | IoError | LockError | ReleaseError | StageDefectError
