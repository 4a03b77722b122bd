/**
 * How a grammar's rules run: each rule is an expression, the trigger classes its matches always hold (triggers.ts), and
 * a reader that turns a match into candidates. A window runs only the rules whose trigger tokens it holds, in the order
 * of the table (among overlapping candidates of equal length and priority the first added wins).
 */
import { isSpace } from "./text.js"
import type { Triggers } from "./triggers.js"
import type { Add } from "./types.js"

export interface Rule {
  /** the expression, searched in the window; with `at`, sticky and tried at each token of that class */
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
  /**
   * the expression's matches start at a trigger token of this class: it is tried there only (sticky), not searched
   * through the window; `before` (ending in `$`, tried on the `beforeWords` words before the token) is what the rule
   * may read before the token, its groups numbered first, required when `beforeRequired`
   */
  readonly at?: number
  readonly before?: RegExp
  readonly beforeRequired?: boolean
  /** how many words before the token `before` may read (2 unless said) */
  readonly beforeWords?: number
  readonly read: (m: RegExpExecArray, p: string, add: Add) => void
}

/** Runs the rules of a table over one window (or paragraph) holding the trigger tokens `triggers`. */
export const runRules = (rules: ReadonlyArray<Rule>, p: string, triggers: Triggers, vague: boolean, add: Add): void => {
  const classes = triggers.classes
  for (const rule of rules) {
    if (rule.vague && !vague) continue
    if (!holds(rule.when, classes)) continue
    if (rule.gate && !rule.gate(p, classes)) continue
    if (rule.at !== undefined) {
      runAtTokens(rule, rule.at, p, triggers.tokens, add)
      continue
    }
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

/**
 * A rule tried at the tokens of one class, as the search of its expression through the window would find it: matches
 * in text order, none starting inside the one before; with a `before` part, the match starts where that part does.
 */
const runAtTokens = (rule: Rule, cls: number, p: string, tokens: ReadonlyArray<number>, add: Add): void => {
  const re = rule.re
  let lastEnd = 0
  for (let k = 0; k < tokens.length; k += 3) {
    if ((tokens[k + 2]! & cls) === 0) continue
    const ts = tokens[k]!
    if (ts < lastEnd) continue
    re.lastIndex = ts
    const main = re.exec(p)
    if (!main) continue
    let m = main
    if (rule.before) {
      const from = wordsBefore(p, ts, rule.beforeWords ?? 2)
      const b = rule.before.exec(from === ts ? "" : p.slice(from, ts))
      if (!b && rule.beforeRequired) continue
      // a match that starts at the token has the rule's look-behind tested there; `before` carries its own
      if (!b && rule.rejectAfter && rule.rejectAfter(p, ts)) continue
      m = joinMatch(p, b ? from + b.index : ts, b, rule.before, main)
    } else if (rule.rejectAfter && rule.rejectAfter(p, ts)) continue
    lastEnd = m.index + m[0].length
    rule.read(m, p, add)
  }
}
/**
 * where the n words before index i begin, one character earlier (so a word boundary there reads as in the text): a
 * word is a run of characters other than white space
 */
const wordsBefore = (p: string, i: number, n: number): number => {
  let k = i
  for (let w = 0; w < n; w++) {
    while (k > 0 && isSpace(p.charCodeAt(k - 1))) k--
    while (k > 0 && !isSpace(p.charCodeAt(k - 1))) k--
  }
  return k > 0 ? k - 1 : 0
}
/** one match made of a `before` part (or none) and the main match at the token: groups of the part first */
const joinMatch = (p: string, index: number, b: RegExpExecArray | null, before: RegExp, main: RegExpExecArray): RegExpExecArray => {
  const beforeGroups = groupCount(before)
  const groups: Array<string | undefined> = [p.slice(index, main.index + main[0].length)]
  for (let g = 1; g <= beforeGroups; g++) groups.push(b ? b[g] : undefined)
  for (let g = 1; g < main.length; g++) groups.push(main[g])
  return Object.assign(groups, { index, input: p, groups: undefined }) as unknown as RegExpExecArray
}
const groupCounts = new WeakMap<RegExp, number>()
const groupCount = (re: RegExp): number => {
  let n = groupCounts.get(re)
  if (n === undefined) groupCounts.set(re, (n = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, "")).exec("")!.length - 1))
  return n
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
