import { describe, expect, it } from "vitest"
import { formatDuration, formatStagesProgress, makeProgressReporter, type StagesProgress } from "../pipeline/progress.js"

const at = (documents: number, bytes: number, cached = 0): StagesProgress => ({ documents, total: 1000, bytes, totalBytes: 100_000_000, cached })

const fakeStream = (isTTY: boolean) => {
  const written: Array<string> = []
  return { isTTY, write: (t: string) => void written.push(t), written }
}

describe("build progress", () => {
  it("states the count, the speed and the time left", () => {
    // a quarter of 100 MB in 10 s: 2.5 MB/s, 30 s to go
    expect(formatStagesProgress(at(250, 25_000_000, 40), 10)).toBe(
      "clean, dates, entities: 250/1,000 documents (25%) · 40 from the cache · 2.5 MB/s · about 30 s left"
    )
    expect(formatStagesProgress(at(1000, 100_000_000), 200)).toBe("clean, dates, entities: 1,000/1,000 documents (100%) · 0.5 MB/s · done in 3 min 20 s")
  })

  it("says durations as a reader would", () => {
    expect(formatDuration(0.2)).toBe("1 s")
    expect(formatDuration(125)).toBe("2 min 5 s")
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe("3 h 7 min")
  })

  it("rewrites one status line in place on a terminal, and ends it before the next phase line", () => {
    const stream = fakeStream(true)
    let now = 0
    const r = makeProgressReporter(stream, () => now)
    r.stages(at(0, 0))
    now = 1
    r.stages(at(256, 1_000_000))
    r.line("emit: documents 1000")
    expect(stream.written.filter((w) => w.startsWith("\r\x1b[K"))).toHaveLength(2)
    expect(stream.written.slice(-2)).toEqual(["\n", "emit: documents 1000\n"])
  })

  it("writes plain lines, at most one every few seconds, when stderr is a file or a pipe", () => {
    const stream = fakeStream(false)
    let now = 0
    const r = makeProgressReporter(stream, () => now)
    for (let batch = 0; batch <= 10; batch++) {
      now = batch
      r.stages(at(batch * 100, batch * 10_000_000))
    }
    expect(stream.written.every((w) => !w.includes("\r") && w.endsWith("\n"))).toBe(true)
    // t = 0, 5, 10 (the last is also the finished line)
    expect(stream.written).toHaveLength(3)
    expect(stream.written.at(-1)).toContain("done in 10 s")
  })
})
