import { describe, expect, it } from "vitest"
import * as fs from "node:fs"
import { Effect, Exit } from "effect"
import { decodeConfig } from "../pipeline/config.js"
import { repoConfig } from "./helpers.js"

const valid = fs.readFileSync(repoConfig, "utf8")

const refusal = async (text: string): Promise<string> => {
  const exit = await Effect.runPromiseExit(decodeConfig("pipeline.yaml", text))
  if (Exit.isSuccess(exit)) throw new Error("expected the configuration to be refused")
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")
  return (error as unknown as { error: { userMessage: string } }).error.userMessage
}

describe("pipeline.yaml", () => {
  it("decodes the repository's own configuration with defaults filled in", async () => {
    const config = await Effect.runPromise(decodeConfig("pipeline.yaml", valid))
    expect(config.dataset.name).toBe("russia-tajikistan-afghan-border")
    expect(config.ingest.on_bad_input).toBe("fail")
    expect(config.build.concurrency).toBeGreaterThan(0)
  })

  it("reads dates.vague (off when the key is left out) and refuses a value that is not a boolean", async () => {
    expect((await Effect.runPromise(decodeConfig("pipeline.yaml", valid))).dates.vague).toBe(false)
    expect((await Effect.runPromise(decodeConfig("pipeline.yaml", valid.replace("  vague: false\n", "")))).dates.vague).toBe(false)
    expect((await Effect.runPromise(decodeConfig("pipeline.yaml", valid.replace("vague: false", "vague: true")))).dates.vague).toBe(true)
    expect(await refusal(valid.replace("vague: false", "vague: sometimes"))).toContain("dates.vague")
  })

  it("refuses an unknown key, naming it and its line", async () => {
    const message = await refusal(valid.replace("raw: raw", "raw: raw\nrwa: typo"))
    expect(message).toMatch(/rwa \(line \d+\): Expected no excess property|rwa \(line \d+\).*excess/i)
  })

  it("refuses a wrong type, naming the key and what was expected", async () => {
    const message = await refusal(valid.replace("concurrency: 2", "concurrency: many"))
    expect(message).toContain("build.concurrency")
    expect(message).toMatch(/Expected (an integer|a number|.*number)/i)
  })

  it("refuses a missing field, naming the key", async () => {
    const message = await refusal(valid.replace(/\n {2}license: .*\n/, "\n"))
    expect(message).toContain("dataset.license")
    expect(message).toMatch(/Missing key/)
  })

  it("refuses an on_bad_input policy that does not exist", async () => {
    const message = await refusal(valid.replace("on_bad_input: fail", "on_bad_input: ignore"))
    expect(message).toContain("ingest.on_bad_input")
    expect(message).toContain('"fail"')
  })

  it("refuses a duplicate key instead of keeping the last one, naming the key and both lines", async () => {
    const line = valid.split("\n").findIndex((l) => l === "raw: raw") + 1
    const message = await refusal(valid.replace("raw: raw", "raw: raw\nraw: other"))
    expect(message).toContain(`raw (line ${line + 1}): duplicate key, already set at line ${line}`)
  })

  it("names a nested duplicate key by its path", async () => {
    const message = await refusal(valid.replace("  on_bad_input: fail", "  on_bad_input: fail\n  on_bad_input: skip"))
    expect(message).toMatch(/ingest\.on_bad_input \(line \d+\): duplicate key/)
  })

  it("refuses a YAML alias bomb instead of expanding it", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for (let i = 1; i < 9; i++) bomb.push(`${"abcdefghij"[i]}: &${"abcdefghij"[i]} [${Array(10).fill(`*${"abcdefghij"[i - 1]}`).join(", ")}]`)
    const message = await refusal(bomb.join("\n") + "\n" + valid)
    expect(message).toMatch(/alias/i)
  })

  it("never shows a stack trace in a refusal", async () => {
    const message = await refusal("dataset: [unclosed")
    expect(message).not.toMatch(/\n\s+at .*\.(ts|js):\d+/)
  })
})
