import { describe, expect, it } from "vitest"
import { gateOf, passes } from "../../pipeline/stages/clean/gates.js"

const gateLets = (source: string, line: string, spaceFolded = true) => {
  const re = new RegExp(source, "i")
  const gate = gateOf(re.source, re.flags, spaceFolded)
  return { matches: re.test(line), passes: passes(gate, line, line.toLowerCase()), gate }
}

describe("clean rule gates", () => {
  it("carries a run of characters into a group's alternatives, so a short extension still narrows the rule", () => {
    const { gate } = gateLets("^\\S{1,120}\\.(?:jpe?g|png|gif)$", "x")
    expect(gate.literals).toEqual([".jp", ".png", ".gif"])
    for (const line of ["pier-photo.JPG", "a.jpeg", "b.png", "c.gif"]) expect(gateLets("^\\S{1,120}\\.(?:jpe?g|png|gif)$", line)).toMatchObject({ matches: true, passes: true })
    expect(gateLets("^\\S{1,120}\\.(?:jpe?g|png|gif)$", "a plain sentence.").passes).toBe(false)
  })

  it("reads white space as one plain space on space-folded lines, and a digit class as its ten digits", () => {
    const source = "^(?:\\d+\\s+of\\s+\\d+)$"
    const { gate } = gateLets(source, "x")
    expect(gate.literals).not.toBeNull()
    for (const l of gate.literals!) expect(l).toMatch(/^\d of $/)
    expect(gateLets(source, "2 of 14")).toMatchObject({ matches: true, passes: true })
    expect(gateLets(source, "one of them").passes).toBe(false)
  })

  it("keeps every white-space character for lines that are not space-folded", () => {
    const source = "^(?:\\d+\\s+of\\s+\\d+)$"
    expect(gateLets(source, "2\tof\u00a014", false)).toMatchObject({ matches: true, passes: true })
  })
})
