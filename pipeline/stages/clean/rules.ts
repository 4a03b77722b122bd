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
}

export interface CompiledRules {
  readonly rules: ReadonlyArray<CompiledRule>
  /**
   * Prefilters: for a line of w words, `prefilterFor(w)` holds one alternation per flag set over the line rules whose
   * max_words allows w; a line that matches none of them matches no line rule (one test instead of one per rule).
   */
  readonly prefilterFor: (words: number) => ReadonlyArray<RegExp>
}

/** true when every top-level alternative of a pattern starts with ^ */
export const anchoredAtStart = (source: string): boolean => {
  let depth = 0
  let inClass = false
  let start = true
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (start) {
      if (c !== "^") return false
      start = false
    }
    if (c === "\\") {
      i++
      continue
    }
    if (inClass) {
      if (c === "]") inClass = false
      continue
    }
    if (c === "[") inClass = true
    else if (c === "(") depth++
    else if (c === ")") depth--
    else if (c === "|" && depth === 0) start = true
  }
  return !start
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
    return { id: r.id, family: r.family, re, appliesTo: r.applies_to, action: r.action, maxWords: r.max_words ?? Number.POSITIVE_INFINITY }
  })
  const limits = [...new Set(out.filter((r) => r.appliesTo === "line").map((r) => r.maxWords))].sort((a, b) => a - b)
  // patterns anchored at the line start go into their own alternation: the engine tries it at position 0 only
  const buckets = limits.map((limit) => {
    const byKey = new Map<string, Array<string>>()
    for (const r of out) {
      if (r.appliesTo !== "line" || r.maxWords < limit) continue
      const key = `${anchoredAtStart(r.re.source) ? "a" : "u"}/${r.re.flags}`
      byKey.set(key, [...(byKey.get(key) ?? []), r.re.source])
    }
    return [...byKey].map(([key, sources]) => new RegExp(sources.map((src) => `(?:${src})`).join("|"), key.slice(2)))
  })
  const prefilterFor = (words: number): ReadonlyArray<RegExp> => {
    for (let i = 0; i < limits.length; i++) if (words <= limits[i]!) return buckets[i]!
    return []
  }
  const compiled: CompiledRules = { rules: out, prefilterFor }
  cache.set(rules, compiled)
  return compiled
}

/** Marks each line with the first line rule it matches, then each unmarked line of a block with the first block rule. */
export const markRules = (present: ReadonlyArray<Line>, compiled: CompiledRules): void => {
  const n = present.length
  const lineRules = compiled.rules.filter((r) => r.appliesTo === "line")
  const blockRules = compiled.rules.filter((r) => r.appliesTo === "block")
  const anyRule = (s: string, words: number) => compiled.prefilterFor(words).some((re) => re.test(s))
  for (const l of present) {
    if (!anyRule(l.core, l.words) && (l.core === l.text || !anyRule(l.text, l.words))) continue
    for (const r of lineRules) {
      if (l.words > r.maxWords) continue
      r.re.lastIndex = 0
      if (r.re.test(l.core) || (l.core !== l.text && r.re.test(l.text))) {
        l.rule = r
        break
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
