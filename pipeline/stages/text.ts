/**
 * Text helpers every stage shares: white-space folding and the normal form of an author's name. Pure.
 */

const MULTI_SPACE_RE = /\s\s|[^\S ]/

/** inner white space folded to one space, ends trimmed (most lines need only the trim) */
export const foldSpace = (s: string): string => {
  const t = s.trim()
  return MULTI_SPACE_RE.test(t) ? t.replace(/\s+/g, " ") : t
}

/** "ALEXANDROVA Lyudmila" -> "Lyudmila Alexandrova"; other names as written */
export const normaliseAuthor = (name: string): string => {
  const n = foldSpace(name.replace(/^[,;:|–—-]+|[,;:|–—-]+$/gu, ""))
  const parts = n.split(" ")
  if (parts.length >= 2) {
    const capsCount = parts.findIndex((p) => !(p.length >= 2 && p === p.toUpperCase() && /\p{Lu}/u.test(p)))
    if (capsCount > 0 && capsCount < parts.length) {
      const rest = parts.slice(capsCount)
      if (rest.every((p) => /^\p{Lu}\p{Ll}/u.test(p))) {
        const surname = parts.slice(0, capsCount).map((p) => p.charAt(0) + p.slice(1).toLowerCase().replace(/([-'’])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase()))
        return [...rest, ...surname].join(" ")
      }
    }
  }
  return n
}
