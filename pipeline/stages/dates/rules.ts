/**
 * How a grammar's rules run: each rule is an expression, the trigger classes its matches always hold (triggers.ts), and
 * a reader that turns a match into candidates. A window runs only the rules whose trigger tokens it holds, in the order
 * of the table (among overlapping candidates of equal length and priority the first added wins).
 */
import type { Add } from "./types.js"

export interface Rule {
  readonly re: RegExp
  /** trigger classes: the window must hold a token of each group */
  readonly when: ReadonlyArray<number>
  /** a further test of the window: a word the rule needs that no trigger stands for */
  readonly gate?: (p: string, classes: number) => boolean
  /** only with `vague: true` */
  readonly vague?: boolean
  /**
   * a match is no match when this holds of the character before it: the look-behind of the rule, tested here because an
   * expression that opens with a look-behind makes V8 try it at every position of the text (five times slower)
   */
  readonly rejectAfter?: (p: string, i: number) => boolean
  readonly read: (m: RegExpExecArray, p: string, add: Add) => void
}

/** Runs the rules of a table over one window (or paragraph) holding the trigger classes `classes`. */
export const runRules = (rules: ReadonlyArray<Rule>, p: string, classes: number, vague: boolean, add: Add): void => {
  for (const rule of rules) {
    if (rule.vague && !vague) continue
    if (!holds(rule.when, classes)) continue
    if (rule.gate && !rule.gate(p, classes)) continue
    const re = rule.re
    const reject = rule.rejectAfter
    re.lastIndex = 0
    for (let m = re.exec(p); m; m = re.exec(p)) {
      // as the look-behind would: no match at this position, the search goes on from the next one
      if (reject && reject(p, m.index)) {
        re.lastIndex = m.index + 1
        continue
      }
      rule.read(m, p, add)
      if (m[0].length === 0) re.lastIndex++
    }
  }
}

const holds = (groups: ReadonlyArray<number>, classes: number): boolean => {
  for (const g of groups) if ((classes & g) === 0) return false
  return true
}

const LETTER = /\p{L}/u
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u
/** the code point ending right before index i (a surrogate pair read whole, as a /u look-behind reads it) */
const charBefore = (p: string, i: number): string => {
  const c = p.charCodeAt(i - 1)
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = p.charCodeAt(i - 2)
    if (h >= 0xd800 && h <= 0xdbff) return p.slice(i - 2, i)
  }
  return p[i - 1]!
}
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isCyrillicLetter = (c: number) => (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451
/** a letter right before index i: `(?<![\p{L}])` */
export const letterBefore = (p: string, i: number): boolean => {
  if (i === 0) return false
  const c = p.charCodeAt(i - 1)
  if (c < 128) return isAsciiLetter(c)
  if (isCyrillicLetter(c)) return true
  return LETTER.test(charBefore(p, i))
}
/** a letter or a number right before index i: `(?<![\p{L}\p{N}])` */
export const letterOrNumberBefore = (p: string, i: number): boolean => {
  if (i === 0) return false
  const c = p.charCodeAt(i - 1)
  if (c < 128) return isAsciiLetter(c) || (c >= 48 && c <= 57)
  if (isCyrillicLetter(c)) return true
  return LETTER_OR_NUMBER.test(charBefore(p, i))
}
