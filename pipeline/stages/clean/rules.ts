/**
 * The cleaning rules file (data/clean-rules.yaml), validated, compiled once, and applied to a page's lines.
 *
 * A rule names one family of page chrome that recurs across sites (navigation, share buttons, cookie notices, forum
 * post headers, ...) as a regular expression over one line (`applies_to: line`) or over a paragraph block
 * (`applies_to: block`, the lines between blank lines joined by a space). Its `action` says what a match means:
 *   - `drop`           the line (block) is chrome;
 *   - `end_content`    the line is chrome and starts an end zone (comment section, related list, footer): what follows
 *                      is only kept when it is clearly article text, and is never the start of the content;
 *   - `post_header`    the line is part of a forum/comment post header (user, rank, join date, counters);
 *   - `post_date`      the line is chrome that states when a post/page was written (kept as a hint, never in body);
 *   - `byline`         the line names the author (its capture group 1, or the text after "By"), kept as `authors`.
 * `max_words` guards a rule against matching a real sentence that happens to contain its words.
 */
import { Schema } from "effect"
import { gateOf, type Gate } from "./gates.js"
import { literalScanner } from "./literals.js"
import type { Line } from "./lines.js"

export const RULE_FAMILIES = [
  "navigation",
  "share",
  "subscribe",
  "cookie",
  "comments",
  "related",
  "copyright",
  "caption",
  "signature",
  "forum_header",
  "forum_profile",
  "forum_footer",
  "byline",
  "date",
  "ads",
  "login",
  "misc"
] as const
export const RULE_ACTIONS = ["drop", "end_content", "post_header", "post_date", "byline"] as const

const validRegex = Schema.makeFilter<{ readonly id: string; readonly pattern: string; readonly flags?: string | undefined }>((rule) => {
  try {
    new RegExp(rule.pattern, rule.flags ?? "i")
    return undefined
  } catch (e) {
    return { path: ["pattern"], issue: `rule ${rule.id}: invalid regular expression: ${e instanceof Error ? e.message : String(e)}` }
  }
})

export const CleanRule = Schema.Struct({
  id: Schema.NonEmptyString,
  family: Schema.Literals(RULE_FAMILIES),
  description: Schema.optional(Schema.String),
  pattern: Schema.NonEmptyString,
  /** RegExp flags (default "i"); `u` is added when the pattern uses \\p{...} classes */
  flags: Schema.optional(Schema.String.pipe(Schema.check(Schema.isPattern(/^[imsu]*$/)))),
  applies_to: Schema.Literals(["line", "block"]),
  action: Schema.Literals(RULE_ACTIONS),
  /** the rule only fires on lines (blocks) of at most this many words */
  max_words: Schema.optional(Schema.Int)
}).pipe(Schema.check(validRegex))
export type CleanRule = typeof CleanRule.Type

export const CleanRules = Schema.Struct({
  version: Schema.Int,
  rules: Schema.Array(CleanRule)
})
export type CleanRules = typeof CleanRules.Type

export interface CompiledRule {
  readonly id: string
  readonly family: CleanRule["family"]
  readonly re: RegExp
  readonly appliesTo: "line" | "block"
  readonly action: CleanRule["action"]
  readonly maxWords: number
  /** what a line needs before the pattern can match it (see gates.ts) */
  readonly gate: Gate
}

export interface CompiledRules {
  readonly rules: ReadonlyArray<CompiledRule>
  readonly lineRules: ReadonlyArray<CompiledRule>
  /**
   * The line rules a line of `words` words may match, as bits of their positions in `lineRules` (bit k of word
   * k >> 5 of `into`, which holds `maskWords` words): those whose word limit it keeps and whose first character and
   * literals its text without bullets (`core`) or as written (`text`) lets through; the others cannot match it.
   */
  readonly candidatesInto: (core: string, text: string, words: number, into: Int32Array) => void
  readonly maskWords: number
  /** the same, as positions in `lineRules` in the file's order, for one line as written */
  readonly lineRulesFor: (line: string, words: number) => ReadonlyArray<number>
}

const cache = new WeakMap<CleanRules, CompiledRules>()

/** Compiles the patterns once per rules object (throws naming the rule id when a pattern is invalid). */
export const compileRules = (rules: CleanRules): CompiledRules => {
  const hit = cache.get(rules)
  if (hit) return hit
  const out = rules.rules.map((r): CompiledRule => {
    let re: RegExp
    try {
      const flags = r.flags ?? "i"
      // unicode mode only when the pattern needs it (\p{..} classes): case-insensitive unicode matching is slower
      re = new RegExp(r.pattern, flags.includes("u") || !/\\[pP]\{/.test(r.pattern) ? flags : flags + "u")
    } catch (e) {
      throw new Error(`rule ${r.id}: invalid regular expression: ${e instanceof Error ? e.message : String(e)}`)
    }
    return {
      id: r.id,
      family: r.family,
      re,
      appliesTo: r.applies_to,
      action: r.action,
      maxWords: r.max_words ?? Number.POSITIVE_INFINITY,
      gate: gateOf(re.source, re.flags, true)
    }
  })
  const lineRules = out.filter((r) => r.appliesTo === "line")
  const maskWords = Math.max(1, (lineRules.length + 31) >>> 5)
  const setBit = (mask: Int32Array, k: number) => {
    mask[k >> 5]! |= 1 << (k & 31)
  }
  // the rules a line of w words may match by their word limits (w up to the largest limit; a longer line none)
  const maxLimit = Math.max(0, ...lineRules.map((r) => (Number.isFinite(r.maxWords) ? r.maxWords : 0)))
  const unlimited = new Int32Array(maskWords)
  lineRules.forEach((r, k) => {
    if (!Number.isFinite(r.maxWords)) setBit(unlimited, k)
  })
  const byWords: Array<Int32Array> = []
  for (let w = 0; w <= maxLimit; w++) {
    const m = new Int32Array(maskWords)
    lineRules.forEach((r, k) => {
      if (r.maxWords >= w) setBit(m, k)
    })
    byWords.push(m)
  }
  const wordsMask = (w: number): Int32Array => (w <= maxLimit ? byWords[w]! : unlimited)
  // the rules' literals, lower-cased, in one automaton that reads a line once (literals.ts); a case-sensitive rule's
  // literals are lower-cased too: finding them in the lower-cased line is necessary for a match, which is all a gate
  // needs
  const literalRules = new Map<string, Array<number>>()
  lineRules.forEach((r, k) => {
    for (const lit of r.gate.literals ?? []) {
      const key = lit.toLowerCase()
      literalRules.set(key, [...(literalRules.get(key) ?? []), k])
    }
  })
  const scanner = literalScanner(literalRules)
  // per first character (as the lower-cased line begins, and as written): the rules without literals that may start
  // with it (anchored rules whose first characters hold it, and unanchored ones), then the rules with literals that
  // may start with it; built as lines meet them
  const byFirst = new Map<number, Int32Array>()
  const firstMasks = (s: string): Int32Array => {
    // the first character as the whole line lower-cased begins (a letter may lower-case to two units)
    const c = s.charCodeAt(0)
    const lower = c < 128 ? (c >= 65 && c <= 90 ? c + 32 : c) : s.slice(0, 2).toLowerCase().charCodeAt(0)
    const key = lower * 65536 + c
    let hit = byFirst.get(key)
    if (hit === undefined) {
      hit = new Int32Array(2 * maskWords)
      const lowerFirst = String.fromCharCode(lower)
      const first = String.fromCharCode(c)
      lineRules.forEach((r, k) => {
        const g = r.gate
        const starts = g.firstChars === null || g.firstChars.has(g.ignoreCase ? lowerFirst : first)
        if (starts && g.literals === null) setBit(hit!, k)
        if (starts && g.literals !== null) hit![maskWords + (k >> 5)]! |= 1 << (k & 31)
      })
      byFirst.set(key, hit)
    }
    return hit
  }
  const found = new Int32Array(maskWords)
  const candidatesInto = (core: string, text: string, words: number, into: Int32Array): void => {
    into.fill(0)
    const allowed = wordsMask(words)
    let any = 0
    for (let j = 0; j < maskWords; j++) any |= allowed[j]!
    if (any === 0 || text.length === 0) return
    // the literals are looked for in the text as written: it holds every literal its core holds
    found.fill(0)
    const literals = scanner.scanInto(text, found)
    const a = core.length > 0 ? firstMasks(core) : null
    const b = text !== core ? firstMasks(text) : null
    for (let j = 0; j < maskWords; j++) {
      let open = 0
      let starts = 0
      if (a !== null) {
        open |= a[j]!
        starts |= a[maskWords + j]!
      }
      if (b !== null) {
        open |= b[j]!
        starts |= b[maskWords + j]!
      }
      into[j] = (open | (literals ? found[j]! & starts : 0)) & allowed[j]!
    }
  }
  const lineRulesFor = (line: string, words: number): ReadonlyArray<number> => {
    const mask = new Int32Array(maskWords)
    candidatesInto(line, line, words, mask)
    const out: Array<number> = []
    lineRules.forEach((_, k) => {
      if ((mask[k >> 5]! >>> (k & 31)) & 1) out.push(k)
    })
    return out
  }
  const compiled: CompiledRules = { rules: out, lineRules, candidatesInto, maskWords, lineRulesFor }
  cache.set(rules, compiled)
  return compiled
}

/** Marks each line with the first line rule it matches, then each unmarked line of a block with the first block rule. */
export const markRules = (present: ReadonlyArray<Line>, compiled: CompiledRules): void => {
  const n = present.length
  const blockRules = compiled.rules.filter((r) => r.appliesTo === "block")
  const mask = new Int32Array(compiled.maskWords)
  for (const l of present) {
    // the first rule in the file's order that matches the line without its bullet or as written: the candidates' bits
    // read lowest first
    compiled.candidatesInto(l.core, l.text, l.words, mask)
    search: for (let j = 0; j < mask.length; j++) {
      let bits = mask[j]!
      while (bits !== 0) {
        const low = bits & -bits
        bits ^= low
        const r = compiled.lineRules[(j << 5) + 31 - Math.clz32(low)]!
        r.re.lastIndex = 0
        if (r.re.test(l.core) || (l.core !== l.text && r.re.test(l.text))) {
          l.rule = r
          break search
        }
      }
    }
  }
  if (blockRules.length > 0) {
    let i = 0
    while (i < n) {
      let j = i
      while (j + 1 < n && present[j + 1]!.block === present[i]!.block) j++
      const blockText = present
        .slice(i, j + 1)
        .map((l) => l.core)
        .join(" ")
      const words = present.slice(i, j + 1).reduce((s, l) => s + l.words, 0)
      for (const r of blockRules) {
        if (words > r.maxWords) continue
        if (r.re.test(blockText)) {
          for (let k = i; k <= j; k++) if (!present[k]!.rule) present[k]!.rule = r
          break
        }
      }
      i = j + 1
    }
  }
}
