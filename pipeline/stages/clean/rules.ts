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
   * The line rules a line of `words` words may match, as positions in `lineRules`, in the file's order: those its
   * first character and its literals let through (the others cannot match it).
   */
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
      gate: gateOf(re.source, re.flags)
    }
  })
  const lineRules = out.filter((r) => r.appliesTo === "line")
  // rules anchored at the start, by the (lower-cased) characters they can start with; the others, by their literals
  // (an anchored rule with literals is listed by both: it is a candidate only when a literal is found and its first
  // character fits)
  const byFirst = new Map<string, Array<number>>()
  const rest: Array<number> = []
  lineRules.forEach((r, k) => {
    if (r.gate.literals !== null || r.gate.firstChars === null) rest.push(k)
    if (r.gate.firstChars !== null)
      for (const c of r.gate.firstChars) {
        const key = r.gate.ignoreCase ? `i${c}` : `s${c}`
        byFirst.set(key, [...(byFirst.get(key) ?? []), k])
      }
  })
  const startsRight = (k: number, lower: string, line: string): boolean => {
    const g = lineRules[k]!.gate
    return g.firstChars === null || g.firstChars.has(g.ignoreCase ? lower[0]! : line[0]!)
  }
  // the rules' literals, in one alternation per word limit (longest literal first), scanned over the lower-cased line
  // from every position; a literal found also brings the literals it contains. A case-sensitive rule's literals are
  // lower-cased too: finding them in the lower-cased line is necessary for a match, which is all a gate needs.
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const withLiterals = rest.filter((k) => lineRules[k]!.gate.literals !== null)
  const limits = [...new Set(withLiterals.map((k) => lineRules[k]!.maxWords))].sort((x, y) => x - y)
  const buckets = limits.map((limit) => {
    const literalRules = new Map<string, Array<number>>()
    for (const k of withLiterals)
      if (lineRules[k]!.maxWords >= limit)
        for (const lit of lineRules[k]!.gate.literals!) {
          const key = lit.toLowerCase()
          literalRules.set(key, [...(literalRules.get(key) ?? []), k])
        }
    const keys = [...literalRules.keys()].sort((x, y) => y.length - x.length)
    const within = new Map<string, Array<number>>()
    for (const key of keys) {
      const ks = new Set<number>()
      for (const other of keys) if (key.includes(other)) for (const k of literalRules.get(other)!) ks.add(k)
      within.set(key, [...ks])
    }
    return { limit, re: keys.length > 0 ? new RegExp(keys.map(escape).join("|"), "gu") : null, within }
  })
  const bucketFor = (words: number) => buckets.find((b) => words <= b.limit) ?? null
  const restOpen = rest.filter((k) => lineRules[k]!.gate.literals === null)
  // per first character: the anchored rules that may start with it and the open rules, merged once
  const mergedByKey = new Map<number, ReadonlyArray<number>>()
  const merged = (lowerFirst: string, first: string): ReadonlyArray<number> => {
    const key = lowerFirst.charCodeAt(0) * 65536 + first.charCodeAt(0)
    let hit = mergedByKey.get(key)
    if (hit === undefined) {
      const anchoredOpen = [...(byFirst.get(`i${lowerFirst}`) ?? []), ...(byFirst.get(`s${first}`) ?? [])].filter((k) => lineRules[k]!.gate.literals === null)
      hit = [...new Set([...anchoredOpen, ...restOpen])].sort((x, y) => x - y)
      mergedByKey.set(key, hit)
    }
    return hit
  }
  const scan = (re: RegExp, lower: string, within: ReadonlyMap<string, ReadonlyArray<number>>): Set<number> | null => {
    let into: Set<number> | null = null
    re.lastIndex = 0
    for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
      into ??= new Set<number>()
      for (const k of within.get(m[0])!) into.add(k)
      re.lastIndex = m.index + 1
    }
    return into
  }
  const lineRulesFor = (line: string, words: number): ReadonlyArray<number> => {
    if (line.length === 0) return []
    const lower = line.toLowerCase()
    const base = merged(lower[0]!, line[0]!)
    const bucket = bucketFor(words)
    if (bucket === null || bucket.re === null) return base
    const found = scan(bucket.re, lower, bucket.within)
    if (found === null) return base
    const out = base.slice()
    for (const k of found) if (startsRight(k, lower, line)) out.push(k)
    return out.sort((x, y) => x - y)
  }
  const compiled: CompiledRules = { rules: out, lineRules, lineRulesFor }
  cache.set(rules, compiled)
  return compiled
}

/** Marks each line with the first line rule it matches, then each unmarked line of a block with the first block rule. */
export const markRules = (present: ReadonlyArray<Line>, compiled: CompiledRules): void => {
  const n = present.length
  const blockRules = compiled.rules.filter((r) => r.appliesTo === "block")
  for (const l of present) {
    // the first rule in the file's order that matches the line without its bullet or as written
    const forCore = compiled.lineRulesFor(l.core, l.words)
    const candidates = l.core === l.text ? forCore : [...new Set([...forCore, ...compiled.lineRulesFor(l.text, l.words)])].sort((a, b) => a - b)
    for (const k of candidates) {
      const r = compiled.lineRules[k]!
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
