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
   * Sets, in `bits` (bit p of word p >> 5), the payload p of every literal that occurs in the line lower-cased;
   * returns whether any occurred.
   */
  readonly scanInto: (line: string, bits: Int32Array) => boolean
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

/** a transition not yet computed */
const UNKNOWN = 0xffff

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
  // the trie: its edges, per state, as the literals are added
  const edges: Array<Array<number>> = [[]]
  const outputs: Array<Array<number>> = [[]]
  const child = new Map<number, number>()
  for (const [lit, payloads] of literals) {
    let st = 0
    for (let k = 0; k < lit.length; k++) {
      const a = symbolOf[lit.charCodeAt(k)]!
      const key = st * width + a
      let t = child.get(key)
      if (t === undefined) {
        t = edges.length
        edges.push([])
        outputs.push([])
        child.set(key, t)
        edges[st]!.push(a, t)
      }
      st = t
    }
    outputs[st]!.push(...payloads)
  }
  const states = edges.length
  if (states >= UNKNOWN) throw new Error("literal automaton: too many states")
  // the transitions, in 16 bits so the table stays in cache; filled as lines need them (a full table costs states ×
  // symbols steps to build, most of them never taken)
  const table = new Uint16Array(states * width).fill(UNKNOWN)
  for (let st = 0; st < states; st++) {
    const e = edges[st]!
    for (let k = 0; k < e.length; k += 2) table[st * width + e[k]!] = e[k + 1]!
  }
  const fail = new Int32Array(states)
  /** the state after `st` reads symbol `a`: the trie's edge, else the failure state's transition (remembered) */
  const step = (st: number, a: number): number => {
    const t = table[st * width + a]!
    if (t !== UNKNOWN) return t
    const v = st === 0 ? 0 : step(fail[st]!, a)
    table[st * width + a] = v
    return v
  }
  // failure links, breadth first, and the outputs merged along them
  const queue: Array<number> = [0]
  for (let q = 0; q < queue.length; q++) {
    const st = queue[q]!
    const e = edges[st]!
    for (let k = 0; k < e.length; k += 2) {
      const t = e[k + 1]!
      fail[t] = st === 0 ? 0 : step(fail[st]!, e[k]!)
      const f = fail[t]!
      if (outputs[f]!.length > 0) outputs[t] = [...new Set([...outputs[t]!, ...outputs[f]!])]
      queue.push(t)
    }
  }
  const out = outputs.map((o) => Int32Array.from(o))
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
  // the symbols of ASCII characters, read without a check (most characters of most lines)
  const asciiSymbol = Int32Array.from({ length: 128 }, (_, c) => symbolAt(c))
  const report = (state: number, bits: Int32Array) => {
    const o = out[state]!
    for (let k = 0; k < o.length; k++) {
      const p = o[k]!
      bits[p >> 5]! |= 1 << (p & 31)
    }
  }

  const scanLower = (lower: string, bits: Int32Array): boolean => {
    let state = 0
    let any = false
    for (let i = 0; i < lower.length; i++) {
      const a = symbolOf[lower.charCodeAt(i)]!
      state = step(state, a === -1 ? other : a)
      if (reports[state] === 1) {
        any = true
        report(state, bits)
      }
    }
    return any
  }
  const scanInto = (line: string, bits: Int32Array): boolean => {
    if (whole) return scanLower(line.toLowerCase(), bits)
    let state = 0
    let any = false
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i)
      const a = c < 128 ? asciiSymbol[c]! : symbolAt(c)
      // a character that lower-cases to more than one unit: read the line as toLowerCase gives it
      if (a === -1) return scanLower(line.toLowerCase(), bits)
      const t = table[state * width + a]!
      state = t !== UNKNOWN ? t : step(state, a)
      if (reports[state] === 1) {
        any = true
        report(state, bits)
      }
    }
    return any
  }
  return { scanInto }
}
