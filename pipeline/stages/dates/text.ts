/** Text helpers of the stage: offsets in code points, paragraphs, sentences and clauses, white space. */
export const findAll = (re: RegExp, text: string, f: (m: RegExpExecArray) => void) => {
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    f(m)
    if (m[0].length === 0) re.lastIndex++
  }
}

/** the characters of \s */
export const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff

const HIGH_SURROGATE = /[\uD800-\uDBFF]/
const identity = (i: number) => i
/** Maps UTF-16 indices of `s` to Unicode code point offsets. */
export const codePointMap = (s: string): ((i: number) => number) => {
  if (!HIGH_SURROGATE.test(s)) return identity
  // counted forward from the last index asked (mentions come in text order), from the start when asked backwards
  let at = 0
  let cp = 0
  return (target) => {
    if (target < at) {
      at = 0
      cp = 0
    }
    while (at < target) {
      const c = s.charCodeAt(at)
      if (c >= 0xd800 && c <= 0xdbff && at + 1 < s.length) {
        const n = s.charCodeAt(at + 1)
        // the low half of a pair has the code point offset of its high half
        if (n >= 0xdc00 && n <= 0xdfff) {
          if (at + 1 === target) return cp
          at++
        }
      }
      at++
      cp++
    }
    return cp
  }
}

const MAX_PARAGRAPH = 4000
export const paragraphs = (body: string): Array<{ s: number; text: string }> => {
  const out: Array<{ s: number; text: string }> = []
  for (let from = 0; from < body.length; ) {
    let nl = body.indexOf("\n", from)
    if (nl < 0) nl = body.length
    if (nl === from) {
      from++
      continue
    }
    // a paragraph of a page that lost its line breaks is cut at sentence ends, so chrono never sees a whole document
    let s = from
    let text = body.slice(from, nl)
    from = nl + 1
    while (text.length > MAX_PARAGRAPH) {
      const cut = text.lastIndexOf(". ", MAX_PARAGRAPH)
      const at = cut > MAX_PARAGRAPH / 2 ? cut + 2 : text.indexOf(" ", MAX_PARAGRAPH) + 1 || text.length
      out.push({ s, text: text.slice(0, at) })
      s += at
      text = text.slice(at)
    }
    if (text) out.push({ s, text })
  }
  return out
}

/** t.split(/\s+/).length without the array */
export function wordCount(t: string): number {
  let n = 1
  let inSpace = false
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    const sp = c > 32 && c < 127 ? false : isSpace(c)
    if (sp && !inSpace) n++
    inSpace = sp
  }
  return n
}
