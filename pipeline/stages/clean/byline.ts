/**
 * The authors: bylines ("By X and Y", a rule's capture, a bare name under the headline, a surname-first name in
 * capitals) in the head of the page. Pure.
 */
import type { CleanContext } from "./context.js"
import { DATE_RE, type Line } from "./lines.js"
import type { CompiledRule } from "./rules.js"
import { foldSpace as fold, normaliseAuthor } from "../text.js"

const NAME_TOKEN_RE = /^(?:[\p{Lu}][\p{L}'’.-]*|de|da|van|von|der|den|del|la|le|bin|al|el|du|di|y)$/u

export const looksLikeName = (s: string): boolean => {
  const parts = fold(s).split(" ")
  if (parts.length < 1 || parts.length > 5) return false
  if (!parts.every((p) => NAME_TOKEN_RE.test(p))) return false
  return parts.some((p) => /^\p{Lu}/u.test(p))
}

const SURNAME_FIRST_RE = /^(\p{Lu}{2,}(?:[-'’]\p{Lu}+)?(?:\s\p{Lu}{2,})?)\s+(\p{Lu}\p{Ll}+(?:[-\s]\p{Lu}\p{Ll}+)?)$/u

const splitNames = (s: string): Array<string> =>
  s
    .split(/\s*(?:,|;|\band\b|&|\|)\s*/u)
    .map((x) => fold(x))
    .filter((x) => x.length > 1 && looksLikeName(x))

export const BYLINE_RE = /^(?:by|written by|posted by|words by|story by|report(?:ed)? by|author|authors|von|par|por)\s*:?\s+(.{2,160})$/iu

/** names and date of a byline line, or null */
const parseByline = (l: Line, rule: CompiledRule | null): { names: Array<string>; dated: boolean } | null => {
  let tail: string | null = null
  if (rule) {
    const m = rule.re.exec(l.core)
    tail = m && m[1] !== undefined ? m[1] : null
  }
  if (tail === null) {
    const m = BYLINE_RE.exec(l.core)
    tail = m ? (m[1] ?? null) : null
  }
  if (tail === null) return null
  const dm = DATE_RE.exec(tail)
  const namePart = dm ? tail.slice(0, dm.index) : tail
  const cleaned = namePart.replace(/\b(?:on|published|posted|updated)\s*:?\s*$/iu, "").replace(/\s*[-–—|,•·]\s*$/u, "")
  const names = splitNames(cleaned.replace(/\s*[|–—]\s*.*$/u, ""))
  return { names, dated: dm !== null }
}

/** Bylines in the head of the page: the authors (a dated byline also gives the published hint). */
export const findBylines = (ctx: CleanContext): void => {
  const { lines: present, decisions, firstKept, titleIdx, authors } = ctx
  const n = present.length
  const headZoneEnd = firstKept < 0 ? Math.min(n - 1, 30) : Math.min(n - 1, firstKept + 3)
  const headZoneStart = Math.max(0, (titleIdx >= 0 ? titleIdx : firstKept < 0 ? 0 : firstKept) - 12)
  for (let i = headZoneStart; i <= headZoneEnd; i++) {
    const l = present[i]!
    if (decisions[i]!.keep && !(l.rule?.action === "byline")) {
      // a surname-first byline inside the head (ALEXANDROVA Lyudmila)
      if (i <= firstKept + 1 && SURNAME_FIRST_RE.test(l.core) && authors.length === 0) {
        authors.push(normaliseAuthor(l.core))
        decisions[i] = { keep: false, reason: "byline" }
      }
      continue
    }
    if (l.rule?.action === "byline" || (BYLINE_RE.test(l.core) && l.words <= 14)) {
      const b = parseByline(l, l.rule?.action === "byline" ? l.rule : null)
      if (b && b.names.length > 0) {
        for (const nm of b.names) {
          const a = normaliseAuthor(nm)
          if (!authors.includes(a)) authors.push(a)
        }
        decisions[i] = { keep: false, reason: l.rule?.id ?? "byline" }
        if (b.dated && !ctx.publishedHint) ctx.publishedHint = { text: l.core, source: "byline" }
      }
    } else if (
      authors.length === 0 &&
      titleIdx >= 0 &&
      i > titleIdx &&
      i <= titleIdx + 3 &&
      (firstKept < 0 || i < firstKept) &&
      !l.rule &&
      l.words >= 2 &&
      l.words <= 4 &&
      looksLikeName(l.core)
    ) {
      // a bare name between the headline and the text is the byline
      authors.push(normaliseAuthor(l.core))
      decisions[i] = { keep: false, reason: "byline" }
    } else if (SURNAME_FIRST_RE.test(l.core) && authors.length === 0 && Math.abs(i - (titleIdx >= 0 ? titleIdx : i)) <= 3) {
      authors.push(normaliseAuthor(l.core))
      if (decisions[i]!.keep) decisions[i] = { keep: false, reason: "byline" }
    }
  }
}
