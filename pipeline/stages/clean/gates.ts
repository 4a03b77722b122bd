/**
 * What a rule's pattern needs of a line before it can match, read from the pattern's source once: the characters a
 * match anchored at the start of the line can begin with, and literal strings one of which every match contains.
 * A line that lacks them is not tested with the pattern at all: most lines of a page fail every rule, and these checks
 * cost far less than running a long alternation (the lever named in issue 14: per-rule literal prefilters).
 *
 * The reading is conservative: anything it does not understand (a class it cannot list, a back-reference) widens the
 * gate to "any", so a gate never keeps a pattern from a line it would match. A test in tests/stages/clean.test.ts
 * checks that on every rule and the seeds.
 */

/** the characters that may come first, lower-cased; null for any character */
type CharSet = Set<string> | null

/** (every item has the same fields, absent ones undefined: one object shape keeps the reading fast) */
interface Item {
  /** a single character position: its possible characters (null: any) */
  readonly chars: CharSet | undefined
  /** a group: its alternatives */
  readonly alts: ReadonlyArray<ReadonlyArray<Item>> | undefined
  /** zero-width: ^, $, \b, a lookaround */
  readonly zeroWidth: boolean
  readonly min: number
  readonly max: number
}

const DIGITS = "0123456789"
const SPACES = " \t\n\r\f\v\u00a0"

/** The items of a pattern's alternatives (top level), or null when the source uses what this reader does not know. */
const parse = (source: string, ignoreCase: boolean, spaceFolded: boolean): Array<Array<Item>> | null => {
  let i = 0
  const fold = (c: string) => (ignoreCase ? c.toLowerCase() : c)
  const setOf = (chars: string): Set<string> => new Set([...chars].map(fold))
  const escape = (): { chars?: CharSet; zeroWidth?: boolean } | null => {
    const c = source[i + 1]
    if (c === undefined) return null
    i += 2
    switch (c) {
      case "d":
        return { chars: setOf(DIGITS) }
      case "s":
        return { chars: setOf(spaceFolded ? " " : SPACES) }
      case "b":
      case "B":
        return { zeroWidth: true }
      case "w":
      case "W":
      case "D":
      case "S":
        return { chars: null }
      case "p":
      case "P": {
        const end = source.indexOf("}", i)
        if (end < 0) return null
        i = end + 1
        return { chars: null }
      }
      case "u": {
        const hex = /^[0-9a-fA-F]{4}/.exec(source.slice(i))
        if (!hex) return { chars: null }
        i += 4
        return { chars: setOf(String.fromCharCode(parseInt(hex[0], 16))) }
      }
      case "x": {
        const hex = /^[0-9a-fA-F]{2}/.exec(source.slice(i))
        if (!hex) return { chars: null }
        i += 2
        return { chars: setOf(String.fromCharCode(parseInt(hex[0], 16))) }
      }
      case "n":
        return { chars: setOf("\n") }
      case "t":
        return { chars: setOf("\t") }
      default:
        // a back-reference or a control escape: give up; an escaped punctuation mark is itself
        if (/[0-9kcfrv]/.test(c)) return null
        return { chars: setOf(c) }
    }
  }
  const charClass = (): CharSet | undefined => {
    // at "["
    i++
    let negated = false
    if (source[i] === "^") {
      negated = true
      i++
    }
    const out = new Set<string>()
    let any = false
    let first = true
    while (i < source.length && (source[i] !== "]" || first)) {
      first = false
      let c = source[i]!
      if (c === "\\") {
        const e = escape()
        if (e === null) return undefined
        if (e.chars === null || e.chars === undefined) any = true
        else for (const x of e.chars) out.add(x)
        continue
      }
      i++
      if (source[i] === "-" && source[i + 1] !== undefined && source[i + 1] !== "]") {
        let to = source[i + 1]!
        i += 2
        if (to === "\\") {
          to = source[i] ?? ""
          i++
        }
        const a = c.charCodeAt(0)
        const b = to.charCodeAt(0)
        if (b - a > 200 || b < a) any = true
        else for (let k = a; k <= b; k++) out.add(fold(String.fromCharCode(k)))
        continue
      }
      c = fold(c)
      out.add(c)
    }
    if (source[i] !== "]") return undefined
    i++
    return negated || any ? null : out
  }
  const quantifier = (): { min: number; max: number } | null => {
    const c = source[i]
    let q: { min: number; max: number } | null = null
    if (c === "?") q = { min: 0, max: 1 }
    else if (c === "*") q = { min: 0, max: Infinity }
    else if (c === "+") q = { min: 1, max: Infinity }
    else if (c === "{") {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i))
      if (!m) return null
      i += m[0].length - 1
      const min = Number(m[1])
      q = { min, max: m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]) }
    }
    if (q === null) return null
    i++
    if (source[i] === "?") i++
    return q
  }
  const sequenceList = (): Array<Array<Item>> | null => {
    const alts: Array<Array<Item>> = [[]]
    while (i < source.length) {
      const c = source[i]!
      if (c === ")") break
      if (c === "|") {
        alts.push([])
        i++
        continue
      }
      let item: { chars?: CharSet; alts?: ReadonlyArray<ReadonlyArray<Item>>; zeroWidth?: boolean }
      if (c === "\\") {
        const e = escape()
        if (e === null) return null
        item = e
      } else if (c === "[") {
        const set = charClass()
        if (set === undefined) return null
        item = { chars: set }
      } else if (c === "(") {
        let lookaround = false
        if (source.startsWith("(?:", i)) i += 3
        else if (source.startsWith("(?=", i) || source.startsWith("(?!", i)) {
          lookaround = true
          i += 3
        } else if (source.startsWith("(?<=", i) || source.startsWith("(?<!", i)) {
          lookaround = true
          i += 4
        } else if (source.startsWith("(?<", i)) {
          const end = source.indexOf(">", i)
          if (end < 0) return null
          i = end + 1
        } else i += 1
        const inner = sequenceList()
        if (inner === null || source[i] !== ")") return null
        i++
        item = lookaround ? { zeroWidth: true } : { alts: inner }
      } else if (c === "^" || c === "$") {
        i++
        item = { zeroWidth: true }
      } else if (c === ".") {
        i++
        item = { chars: null }
      } else {
        i++
        item = { chars: setOf(c) }
      }
      let q = quantifier() ?? { min: 1, max: 1 }
      // a space-folded line holds no two white-space characters in a row: a run of them is one space at most
      if (spaceFolded && item.chars && item.chars.size === 1 && item.chars.has(" ")) q = { min: Math.min(q.min, 1), max: Math.min(q.max, 1) }
      alts[alts.length - 1]!.push({ chars: item.chars, alts: item.alts, zeroWidth: item.zeroWidth === true, min: q.min, max: q.max })
    }
    return alts
  }
  const top = sequenceList()
  return top !== null && i === source.length ? top : null
}

/** the possible first characters of a sequence (null: any), and whether it may match the empty string */
const firstOf = (seq: ReadonlyArray<Item>): { chars: CharSet; empty: boolean } => {
  const out = new Set<string>()
  for (const item of seq) {
    if (item.zeroWidth) continue
    let chars: CharSet
    let empty: boolean
    if (item.alts) {
      const parts = item.alts.map(firstOf)
      chars = parts.some((p) => p.chars === null) ? null : new Set(parts.flatMap((p) => [...p.chars!]))
      empty = parts.some((p) => p.empty)
    } else {
      chars = item.chars ?? null
      empty = false
    }
    if (chars === null) return { chars: null, empty: false }
    for (const c of chars) out.add(c)
    if (!(empty || item.min === 0)) return { chars: out, empty: false }
  }
  return { chars: out, empty: true }
}

/** literal strings one of which every match of the sequence contains (the longest run found), or null */
const requiredOf = (seq: ReadonlyArray<Item>): Array<string> | null => {
  let best: Array<string> | null = null
  // the longer the shortest literal, the rarer the set lets a line through; fewer literals break ties (a rare symbol
  // or three characters with punctuation, "(c)", count as long as a word)
  const lengthOf = (l: string) => (isRareSymbol(l) || (l.trim().length >= 3 && /[^\p{L}\p{N}\s]/u.test(l)) ? MIN_LITERAL : l.trim().length)
  const scoreOf = (lits: ReadonlyArray<string>) => Math.min(...lits.map(lengthOf)) * 10 - lits.length
  const consider = (lits: Array<string> | null) => {
    if (lits === null || lits.length === 0 || lits.some((l) => lengthOf(l) < MIN_LITERAL)) return
    const score = scoreOf(lits)
    const bestScore = best === null ? -Infinity : scoreOf(best)
    if (score > bestScore) best = lits
  }
  // the run of characters read so far, as the strings it may be (a position of a few characters, "\\d", multiplies
  // them, up to RUN_VARIANTS)
  let run: Array<string> = [""]
  const close = () => {
    consider(run[0] !== "" ? run : null)
    run = [""]
  }
  const extend = (chars: ReadonlyArray<string>, copies: number) => {
    for (let c = 0; c < copies; c++) {
      if (run.length * chars.length > RUN_VARIANTS) {
        close()
        if (chars.length > RUN_VARIANTS) return
      }
      run = run.flatMap((r) => chars.map((ch) => r + ch))
    }
  }
  for (const item of seq) {
    if (item.zeroWidth) continue
    const few = item.chars && item.chars.size <= RUN_VARIANTS ? [...item.chars] : null
    if (few !== null && item.min >= 1) {
      if (few.length <= 4 && few.every(isRareSymbol)) consider(few)
      extend(few, item.min)
      if (item.max !== item.min) {
        // more of them may follow, but the last `min` stand right before what comes next
        close()
        extend(few, item.min)
      }
      continue
    }
    // a group every alternative of which starts with known characters: the run goes on into each (".jp", ".png")
    if (item.alts && item.min >= 1 && run[0] !== "") {
      const starts = item.alts.map(leadOf)
      if (starts.every((l) => l.length > 0 && l[0] !== "") && run.length * starts.reduce((k, l) => k + l.length, 0) <= RUN_VARIANTS)
        consider(run.flatMap((r) => starts.flatMap((l) => l.map((x) => r + x))))
    }
    close()
    // a position that holds one of a few rare symbols ("[|·•]")
    if (item.chars && item.min >= 1 && item.chars.size <= 4 && [...item.chars].every(isRareSymbol)) consider([...item.chars])
    if (item.alts && item.min >= 1) {
      const parts = item.alts.map(requiredOf)
      if (parts.every((p) => p !== null)) consider([...new Set(parts.flatMap((p) => p!))])
    }
  }
  close()
  return best
}

/** the strings every match of a sequence starts with: its leading run of known characters ([""] when none) */
const leadOf = (seq: ReadonlyArray<Item>): Array<string> => {
  let run: Array<string> = [""]
  for (const item of seq) {
    if (item.zeroWidth) continue
    if (!item.chars || item.chars.size > RUN_VARIANTS || item.min < 1 || run.length * item.chars.size ** item.min > RUN_VARIANTS) break
    const chars = [...item.chars]
    for (let c = 0; c < item.min; c++) run = run.flatMap((r) => chars.map((ch) => r + ch))
    if (item.max !== item.min) break
  }
  return run
}

/** how many strings a run of characters may stand for before it is cut */
const RUN_VARIANTS = 16

/** literals shorter than this (spaces aside) say too little to be worth testing */
const MIN_LITERAL = 3
/** a character rare enough in text to stand for a literal on its own: a symbol, not a letter, a digit or common punctuation */
const isRareSymbol = (s: string): boolean => s.length === 1 && !/[\p{L}\p{N}\s.,;:!?'"()\-\[\]]/u.test(s)

export interface Gate {
  /** characters a match can start with (lower-cased for a case-insensitive pattern); null when any */
  readonly firstChars: ReadonlySet<string> | null
  /** one of these occurs in every match (lower-cased for a case-insensitive pattern); null when unknown */
  readonly literals: ReadonlyArray<string> | null
  readonly ignoreCase: boolean
}

/**
 * The gate of a pattern (source and flags). `spaceFolded`: the lines it is tested on are trimmed and hold no white
 * space but single plain spaces (as foldSpace leaves them), so "\\s+" reads as one space.
 */
export const gateOf = (source: string, flags: string, spaceFolded = false): Gate => {
  const ignoreCase = flags.includes("i")
  const alts = parse(source, ignoreCase, spaceFolded)
  if (alts === null) return { firstChars: null, literals: null, ignoreCase }
  // first characters only when every alternative is anchored at the start
  const anchored = alts.every((a) => a[0]?.zeroWidth === true && a[0].chars === undefined && source.length > 0) && anchoredOnly(source)
  let firstChars: Set<string> | null = null
  if (anchored) {
    firstChars = new Set<string>()
    for (const a of alts) {
      const f = firstOf(a)
      if (f.chars === null || f.empty) {
        firstChars = null
        break
      }
      for (const c of f.chars) firstChars.add(c)
    }
  }
  const lits: Array<string> = []
  for (const a of alts) {
    const r = requiredOf(a)
    if (r === null) return { firstChars, literals: null, ignoreCase }
    lits.push(...r)
  }
  return { firstChars, literals: [...new Set(lits)], ignoreCase }
}

/** every top-level alternative starts with ^ */
const anchoredOnly = (source: string): boolean => {
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

/** Whether a line passes a gate: `lower` is the line lower-cased (computed by the caller once). */
export const passes = (gate: Gate, line: string, lower: string): boolean => {
  const s = gate.ignoreCase ? lower : line
  if (gate.firstChars !== null && (s.length === 0 || !gate.firstChars.has(s[0]!))) return false
  if (gate.literals !== null) {
    for (const l of gate.literals) if (s.includes(l)) return true
    return false
  }
  return true
}
