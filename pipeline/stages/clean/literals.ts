/**
 * Finding which of many literal strings a line contains, in one pass over its characters (an Aho–Corasick automaton
 * over the lower-cased characters): the rules' gates (gates.ts) need only to know which of their literals occur, and
 * one automaton reads a line once for every rule instead of running a long alternation from every position.
 *
 * Lower-casing is done character by character, as `toLowerCase` does it; a line with a character whose lower case is
 * not one code unit ("İ") is lower-cased whole and read the same way, so the answer is always the one the lower-cased
 * line gives. Pure; built once per rules file.
 */

export interface LiteralScanner {
  /**
   * Calls `found` with the payload of every literal that occurs in the line lower-cased (a payload once per state
   * reached, so possibly more than once); returns whether any occurred.
   */
  readonly scan: (line: string, found: (payload: number) => void) => boolean
}

/** the lower case of a code unit when it is one code unit, else 0xffff (surrogates stand for themselves) */
const lowerUnit = (c: number): number => {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c
  // capital sigma lower-cases by its context (final "ς" or "σ"): such a line is lower-cased whole
  if (c === 0x3a3) return 0xffff
  if (c >= 0xd800 && c <= 0xdfff) return c
  const l = String.fromCharCode(c).toLowerCase()
  return l.length === 1 ? l.charCodeAt(0) : 0xffff
}

/** Builds the automaton of `literals` (lower-cased by the caller), each with the payloads a match of it reports. */
export const literalScanner = (literals: ReadonlyMap<string, ReadonlyArray<number>>): LiteralScanner => {
  // the alphabet: the code units the literals use; any other unit leads back to the root
  const symbolOf = new Int32Array(65536).fill(-1)
  let symbols = 0
  for (const lit of literals.keys())
    for (let k = 0; k < lit.length; k++) {
      const c = lit.charCodeAt(k)
      if (symbolOf[c] === -1) symbolOf[c] = symbols++
    }
  const width = symbols + 1
  // a literal with a surrogate pair: lines are lower-cased whole (an astral letter's case pairs are two units)
  let whole = false
  for (const lit of literals.keys()) if (/[\ud800-\udfff]/u.test(lit)) whole = true
  // the trie, grown as literals are added; transitions in a flat table (-1: none yet)
  let next = new Int32Array(width * 64).fill(-1)
  let states = 1
  const outputs: Array<Array<number>> = [[]]
  const grow = () => {
    if (states * width < next.length) return
    const bigger = new Int32Array(next.length * 2).fill(-1)
    bigger.set(next)
    next = bigger
  }
  for (const [lit, payloads] of literals) {
    let s = 0
    for (let k = 0; k < lit.length; k++) {
      const a = symbolOf[lit.charCodeAt(k)]!
      let t = next[s * width + a]!
      if (t === -1) {
        grow()
        t = states++
        outputs.push([])
        next[s * width + a] = t
      }
      s = t
    }
    outputs[s]!.push(...payloads)
  }
  // failure links, breadth first; missing transitions filled from the failure state's, outputs merged along them
  const fail = new Int32Array(states)
  const queue: Array<number> = []
  for (let a = 0; a < width; a++) {
    const t = next[a]!
    if (t === -1) next[a] = 0
    else {
      fail[t] = 0
      queue.push(t)
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!
    const f = fail[s]!
    if (outputs[f]!.length > 0) outputs[s] = [...new Set([...outputs[s]!, ...outputs[f]!])]
    for (let a = 0; a < width; a++) {
      const t = next[s * width + a]!
      if (t === -1) next[s * width + a] = next[f * width + a]!
      else {
        fail[t] = next[f * width + a]!
        queue.push(t)
      }
    }
  }
  const out = outputs.map((o) => Int32Array.from(o))
  // the transitions, as small as they can be held (the table is read for every character: it should stay in cache)
  const table = states < 65536 ? Uint16Array.from(next.subarray(0, states * width)) : Int32Array.from(next.subarray(0, states * width))
  const reports = Uint8Array.from(outputs, (o) => (o.length > 0 ? 1 : 0))
  const other = symbols
  // per code unit: the symbol of its lower case (the "other" symbol when no literal uses it), -1 when its lower case is
  // not one unit; -2 until first met
  const symbolOfUnit = new Int32Array(65536).fill(-2)
  const symbolAt = (c: number): number => {
    let a = symbolOfUnit[c]!
    if (a === -2) {
      const l = lowerUnit(c)
      a = l === 0xffff ? -1 : symbolOf[l] === -1 ? other : symbolOf[l]!
      symbolOfUnit[c] = a
    }
    return a
  }
  const report = (state: number, found: (payload: number) => void) => {
    const o = out[state]!
    for (let k = 0; k < o.length; k++) found(o[k]!)
  }

  const scanLower = (lower: string, found: (payload: number) => void): boolean => {
    let state = 0
    let any = false
    for (let i = 0; i < lower.length; i++) {
      const a = symbolOf[lower.charCodeAt(i)]!
      state = table[state * width + (a === -1 ? other : a)]!
      if (reports[state] === 1) {
        any = true
        report(state, found)
      }
    }
    return any
  }
  const scan = (line: string, found: (payload: number) => void): boolean => {
    if (whole) return scanLower(line.toLowerCase(), found)
    let state = 0
    let any = false
    for (let i = 0; i < line.length; i++) {
      const a = symbolAt(line.charCodeAt(i))
      // a character that lower-cases to more than one unit: read the line as toLowerCase gives it
      if (a === -1) return scanLower(line.toLowerCase(), found)
      state = table[state * width + a]!
      if (reports[state] === 1) {
        any = true
        report(state, found)
      }
    }
    return any
  }
  return { scan }
}
