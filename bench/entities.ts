/**
 * Entities benchmark: `npm run bench:entities -- <folder> [--half a|b] [--verbose] [--no-ids] [--no-throughput]`
 *
 * Runs the entities stage on <folder>/text/*.txt (the lines as they are: the clean stage is not part of this
 * measurement) and scores it against <folder>/gold.jsonl as ../shared/benchmarks/README.md defines:
 * - GUM (gold names carry `identity`, a Wikipedia title): per genre (from the document id) and overall
 *     recall          gold named mentions for which the stage has a mention of the same type whose surface overlaps on
 *                     word boundaries (one predicted mention answers one gold mention)
 *     linking         of those, the share whose entity's canonical name equals the Wikipedia title (both folded)
 *     b3_f1           B-cubed F1 over the found mentions: one identity, one entity id; different identities, different ids
 *     precision       the stage's mentions that overlap some annotated mention
 *     typed_precision the stage's mentions that overlap an annotated mention of the same type (`all_typed`)
 * - NEREL (gold names carry `qid`, a Wikidata item): the same, with overlap also allowed for the same words up to a
 *     case ending, per type, and qid_right (of found mentions whose entity has a wikidata_id, the share that is the
 *     gold item) instead of linking.
 * `--half a|b` scores only one half of the documents of each genre (by a hash of the id), to compare the half the rules
 * were looked at with the other.
 *
 * Then, over every benchmark folder beside <folder> (gum-dev, nerel-dev, wcxb-dev, aeb, the TempEval texts) and the
 * seeds (raw/): the count of entity ids that are empty or shared by two different names (non-zero exits 1) and a digest
 * of the stage's whole output (equal digests: a speed change gave the same mentions and entities); then the stage's
 * throughput in MB/s of CPU time on the English (gum-dev, wcxb-dev) and Russian (nerel-dev) texts.
 */
import * as crypto from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { detectLanguage } from "../pipeline/stages/language.js"
import { makeEntityFinder, type EntitiesResult } from "../pipeline/stages/entities/index.js"
import { loadEntityDataSync } from "../pipeline/entity-data.js"
import { nameIdentity } from "./name-identity.js"
import { inHalf } from "./corpus.js"

interface GoldMention {
  readonly surface: string
  readonly type: string
  readonly identity?: string
  readonly qid?: string
}
interface GoldDoc {
  readonly id: string
  readonly named: ReadonlyArray<GoldMention>
  readonly all_mentions?: ReadonlyArray<string>
  readonly all_typed?: ReadonlyArray<readonly [string, string]>
}

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const VALUE_FLAGS = new Set(["--half", "--gazetteer"])
const folder = args.find((a, i) => !a.startsWith("--") && !(i > 0 && VALUE_FLAGS.has(args[i - 1]!)))
if (!folder) {
  console.error("usage: npm run bench:entities -- <folder> [--half a|b] [--gazetteer data/gazetteer.yaml] [--verbose] [--no-ids] [--no-throughput]")
  process.exit(2)
}
const verbose = args.includes("--verbose")
const half = flag("--half")
const gazFile = flag("--gazetteer") ?? "data/gazetteer.yaml"

const t0 = performance.now()
const data = loadEntityDataSync(gazFile)
const find = makeEntityFinder(data.gazetteer, data)
const compileMs = performance.now() - t0

/** Folding for comparing names: diacritics, case, punctuation and a leading article dropped. */
const foldName = (s: string): string =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "")

const STOP = new Set(["the", "a", "an", "of", "s", "'s", "and"])
const words = (s: string): Array<string> => foldName(s).split(" ").filter((w) => w.length > 0)
const contentWords = (s: string): Array<string> => words(s).filter((w) => !STOP.has(w))

/** NEREL: the same word up to a case ending ("Обамы" / "Обама", "Вашингтоне" / "Вашингтон") */
const sameUpToEnding = (a: string, b: string): boolean => {
  if (a === b) return true
  let p = 0
  while (p < a.length && p < b.length && a[p] === b[p]) p++
  return p >= 3 && a.length - p <= 3 && b.length - p <= 3 && p >= Math.max(a.length, b.length) - 3
}

const makeOverlap = (caseEndings: boolean) => {
  const eq = caseEndings ? sameUpToEnding : (a: string, b: string) => a === b
  /** one word sequence inside the other, on word boundaries */
  const containsSeq = (hay: ReadonlyArray<string>, needle: ReadonlyArray<string>): boolean => {
    if (needle.length === 0 || needle.length > hay.length) return false
    outer: for (let i = 0; i + needle.length <= hay.length; i++) {
      for (let k = 0; k < needle.length; k++) if (!eq(hay[i + k]!, needle[k]!)) continue outer
      return true
    }
    return false
  }
  /** two spans of words overlap: one contains the other, or the end of one is the start of the other */
  return (a: string, b: string): boolean => {
    const x = contentWords(a)
    const y = contentWords(b)
    if (containsSeq(x, y) || containsSeq(y, x)) return true
    const edge = (p: ReadonlyArray<string>, q: ReadonlyArray<string>) => {
      for (let n = Math.min(p.length, q.length) - 1; n >= 1; n--) {
        let ok = true
        for (let k = 0; k < n; k++) if (!eq(p[p.length - n + k]!, q[k]!)) ok = false
        if (ok) return true
      }
      return false
    }
    return edge(x, y) || edge(y, x)
  }
}

const readGold = (dir: string): Array<GoldDoc> =>
  fs
    .readFileSync(path.join(dir, "gold.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as GoldDoc)

// ---------------------------------------------------------------------------------------------------------
// Scoring

interface Tally {
  gold: number
  recalled: number
  linked: number
  /** found mentions whose entity carries a wikidata_id, and of those the ones whose id is the gold item */
  withQid: number
  qidRight: number
  pred: number
  predOk: number
  predTyped: number
  byType: Map<string, { gold: number; hit: number }>
  /** found mentions: gold identity and predicted entity id (for B-cubed) */
  pairs: Array<{ gold: string; pred: string }>
}
const newTally = (): Tally => ({ gold: 0, recalled: 0, linked: 0, withQid: 0, qidRight: 0, pred: 0, predOk: 0, predTyped: 0, byType: new Map(), pairs: [] })

/** B-cubed F1 over items clustered by gold identity and by predicted id. */
const b3 = (pairs: ReadonlyArray<{ gold: string; pred: string }>): number => {
  if (pairs.length === 0) return 0
  const byGold = new Map<string, number>()
  const byPred = new Map<string, number>()
  const both = new Map<string, number>()
  for (const p of pairs) {
    byGold.set(p.gold, (byGold.get(p.gold) ?? 0) + 1)
    byPred.set(p.pred, (byPred.get(p.pred) ?? 0) + 1)
    const k = `${p.gold}\u0000${p.pred}`
    both.set(k, (both.get(k) ?? 0) + 1)
  }
  let precision = 0
  let recall = 0
  for (const p of pairs) {
    const inter = both.get(`${p.gold}\u0000${p.pred}`)!
    precision += inter / byPred.get(p.pred)!
    recall += inter / byGold.get(p.gold)!
  }
  precision /= pairs.length
  recall /= pairs.length
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
}

const NEREL_TYPES: Record<string, string> = { state_or_province: "place" }

const genreOf = (id: string): string => /^GUM_([a-z]+)_/.exec(id)?.[1] ?? "all"

const misses: Array<string> = []
const badLinks: Array<string> = []
const falsePos: Array<string> = []

const scoreDoc = (doc: GoldDoc, body: string, nerel: boolean, tallies: ReadonlyArray<Tally>): void => {
  const overlaps = makeOverlap(nerel)
  const result: EntitiesResult = find({ body, authors: [], language: detectLanguage(body) })
  const entity = new Map(result.entities.map((e) => [e.entity_id, e]))
  const preds = result.mentions.map((m) => ({ m, e: entity.get(m.entity_id)!, used: false }))
  const each = (f: (t: Tally) => void) => tallies.forEach(f)
  for (const g of doc.named) {
    each((t) => {
      t.gold++
      const bt = t.byType.get(g.type) ?? { gold: 0, hit: 0 }
      bt.gold++
      t.byType.set(g.type, bt)
    })
    const gw = contentWords(g.surface).length
    const cands = preds
      .filter((p) => p.e.type === g.type && overlaps(p.m.surface, g.surface))
      .sort((x, y) => Number(x.used) - Number(y.used) || Math.abs(contentWords(x.m.surface).length - gw) - Math.abs(contentWords(y.m.surface).length - gw))
    const pick = cands[0]
    if (!pick) {
      const other = preds.find((p) => overlaps(p.m.surface, g.surface))
      misses.push(`${doc.id}: ${g.type} "${g.surface}"${other ? ` (found as ${other.e.type} "${other.m.surface}")` : ""}`)
      continue
    }
    pick.used = true
    const goldId = g.qid ?? g.identity ?? ""
    const linked = g.identity !== undefined && foldName(pick.e.name) === foldName(g.identity)
    if (g.identity !== undefined && !linked) badLinks.push(`${doc.id}: "${g.surface}" → "${pick.e.name}" (gold "${g.identity}")`)
    if (g.qid !== undefined && pick.e.wikidata_id !== null && pick.e.wikidata_id !== g.qid)
      badLinks.push(`${doc.id}: "${g.surface}" → ${pick.e.entity_id} ${pick.e.wikidata_id} (gold ${g.qid})`)
    each((t) => {
      t.recalled++
      t.byType.get(g.type)!.hit++
      if (linked) t.linked++
      if (pick.e.wikidata_id !== null) {
        t.withQid++
        if (pick.e.wikidata_id === g.qid) t.qidRight++
      }
      t.pairs.push({ gold: goldId, pred: pick.m.entity_id })
    })
  }
  const annotated = [...doc.named.map((g) => g.surface), ...(doc.all_mentions ?? [])]
  const typed = (doc.all_typed ?? []).map(([s, t]) => ({ s, t: NEREL_TYPES[t] ?? t }))
  for (const p of preds) {
    const ok = annotated.some((a) => overlaps(p.m.surface, a))
    const typedOk = typed.some((a) => a.t === p.e.type && overlaps(p.m.surface, a.s))
    if (!typedOk) falsePos.push(`${doc.id}: ${p.e.type} "${p.m.surface}" → ${p.m.entity_id}${ok ? " (annotated, other type)" : ""}`)
    each((t) => {
      t.pred++
      if (ok) t.predOk++
      if (typedOk) t.predTyped++
    })
  }
}

const fmt = (x: number) => x.toFixed(3)
const ratio = (a: number, b: number) => fmt(a / Math.max(1, b))
const printTally = (label: string, t: Tally, nerel: boolean): void => {
  const parts = [
    `recall ${ratio(t.recalled, t.gold)} (${t.recalled}/${t.gold})`,
    nerel ? `qid_right ${ratio(t.qidRight, t.withQid)} (${t.qidRight}/${t.withQid})` : `linking ${ratio(t.linked, t.recalled)}`,
    `b3_f1 ${fmt(b3(t.pairs))}`,
    `precision ${ratio(t.predOk, t.pred)}`,
    `typed_precision ${ratio(t.predTyped, t.pred)} (${t.predTyped}/${t.pred})`
  ]
  console.log(`  ${label.padEnd(10)} ${parts.join("  ")}`)
  const types = [...t.byType].sort((a, b) => a[0].localeCompare(b[0]))
  console.log(`  ${"".padEnd(10)} recall by type: ${types.map(([k, v]) => `${k} ${ratio(v.hit, v.gold)} (${v.hit}/${v.gold})`).join(", ")}`)
}

/** A folder's gold scores entities when its records list named mentions (GUM, NEREL); other folders' gold is for other stages. */
const entityGold = (dir: string): Array<GoldDoc> | null => {
  if (!fs.existsSync(path.join(dir, "gold.jsonl"))) return null
  const gold = readGold(dir)
  return gold.length > 0 && gold.every((d) => Array.isArray(d.named)) ? gold : null
}

const goldOfFolder = entityGold(folder)
if (goldOfFolder === null) console.log(`entities on ${folder}: no entity gold here (no named mentions in gold.jsonl); ids, digest and throughput only`)
if (goldOfFolder !== null) {
  const gold = goldOfFolder.filter((d) => inHalf(d.id, half))
  const nerel = gold.some((d) => d.named.some((g) => g.qid !== undefined))
  const overall = newTally()
  const genres = new Map<string, Tally>()
  for (const doc of gold) {
    const file = path.join(folder, "text", `${doc.id}.txt`)
    if (!fs.existsSync(file)) continue
    const genre = nerel ? "all" : genreOf(doc.id)
    let g = genres.get(genre)
    if (!g) genres.set(genre, (g = newTally()))
    scoreDoc(doc, fs.readFileSync(file, "utf8"), nerel, genre === "all" ? [overall] : [overall, g])
  }
  console.log(
    `entities on ${folder}${half ? ` (half ${half})` : ""}: ${gold.length} documents, ${overall.gold} gold named mentions, ` +
      `${nerel ? "NEREL scoring (overlap up to a case ending, qid_right)" : "GUM scoring"}; gazetteer ${gazFile}: ${data.gazetteer.entities.length} entities`
  )
  for (const [genre, t] of [...genres].sort((a, b) => a[0].localeCompare(b[0]))) if (genre !== "all") printTally(genre, t, nerel)
  printTally("overall", overall, nerel)
  if (verbose) {
    console.log("\nmissed:")
    for (const m of misses) console.log("  " + m)
    console.log("\nwrong link:")
    for (const m of badLinks) console.log("  " + m)
    console.log("\nnot annotated with this type:")
    for (const m of falsePos) console.log("  " + m)
    // what costs B-cubed: one gold identity under several ids (split), one id over several identities (merged)
    const group = (key: (p: { gold: string; pred: string }) => string, other: (p: { gold: string; pred: string }) => string) => {
      const m = new Map<string, Map<string, number>>()
      for (const p of overall.pairs) {
        let inner = m.get(key(p))
        if (!inner) m.set(key(p), (inner = new Map()))
        inner.set(other(p), (inner.get(other(p)) ?? 0) + 1)
      }
      return [...m].filter(([, inner]) => inner.size > 1).sort((x, y) => x[0].localeCompare(y[0]))
    }
    const show = (inner: Map<string, number>) => [...inner].map(([k, n]) => `${k} ×${n}`).join(", ")
    console.log("\nsplit (one gold identity, several entity ids):")
    for (const [gold, inner] of group((p) => p.gold, (p) => p.pred)) console.log(`  ${gold}: ${show(inner)}`)
    console.log("\nmerged (one entity id, several gold identities):")
    for (const [pred, inner] of group((p) => p.pred, (p) => p.gold)) console.log(`  ${pred}: ${show(inner)}`)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Ids over every benchmark folder

const benchRoot = path.dirname(path.resolve(folder))
const readTexts = (dir: string): Array<{ id: string; text: string }> => {
  if (!fs.existsSync(dir)) return []
  const out: Array<{ id: string; text: string }> = []
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name)
      if (fs.statSync(p).isDirectory()) walk(p)
      else if (name.endsWith(".txt")) out.push({ id: p, text: fs.readFileSync(p, "utf8") })
      else if (name.endsWith(".tml")) {
        // TimeML: the text between <TEXT> and </TEXT>, markup removed
        const xml = fs.readFileSync(p, "utf8")
        const inner = xml.slice(xml.indexOf("<TEXT>") + 6, Math.max(0, xml.indexOf("</TEXT>")))
        out.push({ id: p, text: inner.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") })
      }
    }
  }
  walk(dir)
  return out
}
const textFolders = (name: string): string => (name.startsWith("tempeval") ? path.join(benchRoot, name) : path.join(benchRoot, name, "text"))

if (!args.includes("--no-ids")) {
  const names = new Map<string, Map<string, string>>()
  let empty = 0
  let texts = 0
  // a digest of everything the stage gives (mentions with offsets, entities) on every text, to show that a change
  // meant to be about speed left the output as it was
  const digest = crypto.createHash("sha256")
  const folders = fs.existsSync(benchRoot) ? fs.readdirSync(benchRoot).filter((f) => fs.statSync(path.join(benchRoot, f)).isDirectory()).sort() : []
  const sources = [...folders.map((f) => ({ label: f, dir: textFolders(f) })), { label: "seeds", dir: fileURLToPath(new URL("../raw", import.meta.url)) }]
  for (const { label, dir } of sources) {
    for (const { id, text } of readTexts(dir)) {
      texts++
      const r = find({ body: text, authors: [], language: detectLanguage(text) })
      digest.update(`${label}/${path.basename(id)}\n${JSON.stringify(r)}\n`)
      for (const e of r.entities) {
        if (e.entity_id === "" || e.entity_id === "x-" || e.entity_id.endsWith("-")) empty++
        let m = names.get(e.entity_id)
        if (!m) names.set(e.entity_id, (m = new Map()))
        m.set(nameIdentity(e.name), e.name)
      }
    }
  }
  const shared = [...names].filter(([, m]) => m.size > 1)
  console.log(
    `ids over ${folders.join(", ")} and the seeds (${texts} texts, ${names.size} entity ids): ${empty} empty, ${shared.length} shared by different names; ` +
      `output digest ${digest.digest("hex").slice(0, 16)}`
  )
  for (const [id, m] of shared.slice(0, verbose ? 1000 : 10)) console.log(`  ${id}: ${[...m.values()].join(" | ")}`)
  if (empty > 0 || shared.length > 0) process.exitCode = 1
}

// ---------------------------------------------------------------------------------------------------------
// Throughput

/**
 * A yardstick measured the same way on the same input: a bare Unicode word scan (one regex, nothing kept).
 * On a shared or loaded machine absolute MB/s drop for everything; the ratio to this scan does not.
 */
const yardstick = (texts: ReadonlyArray<string>, reps: number): number => {
  const re = /[\p{L}\p{N}]+/gu
  const bytesOnce = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0)
  let count = 0
  const cpu0 = process.cpuUsage()
  for (let r = 0; r < reps; r++)
    for (const t of texts) {
      re.lastIndex = 0
      while (re.exec(t) !== null) count++
    }
  const cpu = process.cpuUsage(cpu0)
  return (bytesOnce * reps) / (1024 * 1024) / ((cpu.user + cpu.system) / 1e6) + 0 * count
}
const measure = (label: string, language: string, texts: ReadonlyArray<string>): void => {
  if (texts.length === 0) return
  const bytesOnce = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0)
  const reps = Math.max(1, Math.ceil((8 * 1024 * 1024) / bytesOnce))
  // warm up (the JIT needs a few MB before it settles), then measure
  const warm = Math.max(1, Math.ceil((3 * 1024 * 1024) / bytesOnce))
  for (let r = 0; r < warm; r++) for (const t of texts) find({ body: t, authors: [], language })
  const start = performance.now()
  const cpu0 = process.cpuUsage()
  let mentions = 0
  for (let r = 0; r < reps; r++) for (const t of texts) mentions += find({ body: t, authors: [], language }).mentions.length
  const secs = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSecs = (cpu.user + cpu.system) / 1e6
  const mb = (bytesOnce * reps) / (1024 * 1024)
  // CPU time is what the stage costs; wall time also counts whatever else the machine is running
  const scan = yardstick(texts, reps)
  console.log(
    `  throughput ${language} ${(mb / cpuSecs).toFixed(1)} MB/s of CPU time (${(mb / secs).toFixed(1)} MB/s wall) on ${label} ` +
      `(${texts.length} texts × ${reps} = ${mb.toFixed(1)} MB, ${mentions} mentions); a bare regex word scan runs at ${scan.toFixed(1)} MB/s here, the stage at ${(mb / cpuSecs / scan).toFixed(2)}× that`
  )
}
if (!args.includes("--no-throughput")) {
  console.log(`  compile    ${compileMs.toFixed(0)} ms to load and compile what the stage needs`)
  for (const [name, language] of [["gum-dev", "en"], ["wcxb-dev", "en"], ["nerel-dev", "ru"]] as const)
    measure(name, language, readTexts(textFolders(name)).map((t) => t.text))
}
