import { describe, expect, it } from "vitest"
import { alternatives, wordTree } from "../../pipeline/stages/dates/alternation.js"

/** every match of an expression in a text: index and text */
const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`)

describe("a long alternation written as a prefix tree", () => {
  it("expands groups, classes and optional letters in the order the alternation tries them", () => {
    expect(alternatives(String.raw`days?\s+(?:ago|later)|ма[йя]|jan\.`)).toEqual([
      String.raw`days\s+ago`,
      String.raw`days\s+later`,
      String.raw`day\s+ago`,
      String.raw`day\s+later`,
      "май",
      "мая",
      String.raw`jan\.`
    ])
  })

  it("finds the same first match as the list wherever a word is a prefix of another, in either order", () => {
    const source = String.raw`abcd|ab|abc|now|nowadays|the past|the present|these days|days?\s+ago|day\s+later|a b|a\s+c`
    const list = new RegExp(`\\b(?:${source})`, "gi")
    const tree = new RegExp(`\\b${wordTree(alternatives(source))}`, "gi")
    const text = "abcx ab abc abcd Nowadays now the past, the presently THESE DAYS two days  ago a day\tlater a b a   c abd"
    expect(matches(tree, text)).toEqual(matches(list, text))
    expect(matches(tree, text).length).toBeGreaterThan(10)
  })

  it("keeps case apart when asked, and the list's order where an expression goes on after the tree", () => {
    const words = ["June", "JUNE", "Jun.", "Jun", "JUN.", "JUN"]
    const tree = new RegExp(`\\b(${wordTree(words.map((w) => w.replace(".", "\\.")), true)})(?![a-z])`, "g")
    const list = new RegExp(`\\b(June|JUNE|Jun\\.|Jun|JUN\\.|JUN)(?![a-z])`, "g")
    const text = "June Jun. Junx JUNE Jun5 june JUN.x"
    expect(matches(tree, text)).toEqual(matches(list, text))
    expect(matches(tree, text)).toEqual(["0:June", "5:Jun.", "15:JUNE", "20:Jun", "30:JUN"])
  })

  it("factors shared beginnings (each word's letters are read once)", () => {
    expect(wordTree(alternatives("today|tonight|tomorrow"))).toBe("(?:to(?:day|night|morrow))")
  })
})
