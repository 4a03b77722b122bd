/**
 * Forum threads: whether a page is a thread (post headers that only forums print recur, the first before the first
 * prose), where the thread runs, and its posts: the first post is the body, the others become comments, their headers
 * (user, rank, join date, counters) and signatures dropped. Pure.
 */
import type { CleanContext, Decision, Klass } from "./context.js"
import { DATE_RE, DATE_WORDS, readableDate, type Line } from "./lines.js"
import { foldSpace as fold } from "../text.js"
import { dateFromAge } from "./reply-age.js"

const COMMENTED_RE = /^commented\b/i
export const JOIN_LABEL_RE = /^(?:joined|join(?:ed)? date|member since|registered|registration date|since)\b/i
const COUNTER_LABEL_RE =
  /^(?:likes? received|likes?|messages|posts|reaction score|trophy points|reputation|rep(?:utation)? power|points|credits|thanks|thanked|karma|solutions|threads|total posts|post count|best answers|age|gender|location|country|occupation|website)\b\s*:?\s*[-+\d,.kK ]*$/i
const THREAD_START_RE = /\bstarted by\s+([^,]{1,60}?),\s*(.{4,60}?)\.?$/i
const THREAD_STARTER_RE = /^(?:thread starter|original poster|op)\s*:?\s+(.{1,60})$/i
const START_DATE_RE = /^(?:start date|started|date started)\s*:?\s+(.{3,60})$/i
const RANK_WORDS = new Set(
  (
    "member members senior junior regular new active well-known elite moderator moderators mod admin administrator staff " +
    "super global guest banned registered user veteran full premium supporting supporter contributor expert " +
    "platinum gold silver bronze vip retired legendary famous notable known established respected honored " +
    "distinguished addict enthusiast newbie rookie lurker poster starter discussion thread op original author"
  ).split(" ")
)

const FORUM_PROSE_RATIO = 1
const THREAD_START_MAX_WORDS = 20
/** below this many words after the last post header, the headers sign the posts above them */
const TRAILING_TAIL_WORDS = 15
/** post-header rules specific enough that two hits make a thread */
const STRONG_FORUM_RULES = new Set([
  "forum-user-date-line",
  "forum-number-date",
  "forum-posted-on",
  "forum-thread-start",
  "forum-vote-header",
  "forum-post-by",
  "forum-old-post-date"
])

/** A thread page: a "started by" line, or post headers of forum kinds that recur, the first before the first prose. */
export const detectThread = (present: ReadonlyArray<Line>): { forum: boolean; threadStart: Line | null } => {
  const n = present.length
  let threadStart: Line | null = null
  for (const l of present) {
    // a start line is furniture, not a sentence that happens to say "started by"
    if (!threadStart && l.words <= THREAD_START_MAX_WORDS && (THREAD_START_RE.test(l.core) || THREAD_STARTER_RE.test(l.core))) threadStart = l
  }
  // post headers that only forums have (join dates, counters, post numbers, "answered ... at"), of two kinds at least
  const headerIdx: Array<number> = []
  const headerKinds = new Set<string>()
  for (let i = 0; i < n; i++) {
    const r = present[i]!.rule
    if (r && r.family === "forum_header" && (r.action === "post_header" || r.action === "post_date")) {
      headerIdx.push(i)
      headerKinds.add(r.id)
    }
  }
  const firstProse = present.findIndex((l) => l.words >= 12 && !l.rule && l.stop / l.words >= 0.15 && l.sentenceEnd)
  let proseBefore = 0
  let proseAfter = 0
  if (headerIdx.length > 0)
    for (let i = 0; i < n; i++) {
      const l = present[i]!
      if (l.rule || l.words < 8 || l.stop / l.words < 0.15) continue
      if (i < headerIdx[0]!) proseBefore += l.words
      else proseAfter += l.words
    }
  // a user-and-date post line or a numbered dated post is specific enough on its own
  const strong = [...headerKinds].some((id) => STRONG_FORUM_RULES.has(id))
  const forum =
    threadStart !== null ||
    (headerIdx.length >= (strong ? 2 : 3) &&
      (strong || headerKinds.size >= 2 || headerIdx.length >= 6) &&
      headerIdx[headerIdx.length - 1]! > firstProse &&
      (headerIdx[0]! <= (firstProse < 0 ? n : firstProse) || proseBefore < FORUM_PROSE_RATIO * proseAfter))
  return { forum, threadStart }
}

/**
 * Every post counts, short replies included: the thread runs from the first post header (or the densest text just
 * below it) to the thread footer or the end of the text.
 */
export const spanThread = (ctx: CleanContext): void => {
  const { lines: present, klass, inMain } = ctx
  const n = present.length
  const { start: s0, score: best } = ctx.main
  let h1 = -1
  let hN = -1
  for (let i = 0; i < n; i++) {
    const a = present[i]!.rule?.action
    if (a === "post_header" || a === "post_date") {
      if (h1 < 0) h1 = i
      hN = i
    }
  }
  if (h1 >= 0) {
    // the thread ends at the first footer ("you must log in to reply", "similar threads") after a post header
    // that has a reply's text under it (a "similar threads" list has header-like lines of its own)
    let end = n
    let footer = -1
    for (let i = h1 + 1; i < n; i++) {
      const r = present[i]!.rule
      if (r && (r.family === "forum_footer" || (r.action === "end_content" && r.family === "related"))) {
        footer = i
        break
      }
    }
    if (footer >= 0) {
      let lastWithText = -1
      for (let i = footer - 1; i >= h1 && lastWithText < 0; i--) if (klass[i]!.klass === "good" || klass[i]!.klass === "near") lastWithText = i
      let laterPosts = false
      for (let i = footer + 1; i < n; i++) {
        const k = klass[i]!.klass
        if (k === "good" && present[i]!.words >= 25) laterPosts = true
      }
      if (lastWithText >= 0 && !laterPosts) hN = Math.min(hN, footer - 1)
    }
    for (let i = hN + 1; i < n; i++) {
      const r = present[i]!.rule
      if (r && (r.family === "forum_footer" || (r.action === "end_content" && r.family === "related"))) {
        end = i
        break
      }
    }
    // the last post ends where a long run without prose starts
    let lastProse = hN
    for (let i = hN + 1; i < end; i++) {
      const k = klass[i]!.klass
      if (k === "good" || k === "near" || (present[i]!.sentenceEnd && !present[i]!.rule)) lastProse = i
      else if (i - lastProse > 12) break
    }
    end = Math.min(end, lastProse + 1)
    // the thread starts where the densest text does (menus above may hold header-like words), or at the post
    // header just above it
    let start = h1
    if (best > 0 && s0 > h1) {
      let proseBetween = false
      for (let i = h1; i < s0; i++) if (klass[i]!.klass === "good" || klass[i]!.klass === "near") proseBetween = true
      if (!proseBetween) start = s0
    }
    for (let i = start - 1; i >= Math.max(0, start - 15); i--) {
      const a = present[i]!.rule?.action
      if (a === "post_header" || a === "post_date") start = i
    }
    for (let i = start; i < end; i++) inMain[i] = true
  }
}

/** The thread's starter and start line, the asides under Q&A posts dropped, then the posts: body and comments. */
export const splitThread = (ctx: CleanContext): void => {
  const { lines: present, decisions, klass, threadStart, authors, comments } = ctx
  const n = present.length
  // the thread's date: the address's, else its start line, else its first post's, else the first dated header found
  const fromAddress = ctx.publishedHint?.source === "url"
  let fromStartLine = false
  let fromStarter = false
  if (threadStart) {
    const m = THREAD_START_RE.exec(threadStart.core)
    if (m) {
      fromStartLine = !fromAddress
      if (!fromAddress) ctx.publishedHint = { text: threadStart.core, source: "thread_start" }
      const nm = fold(m[1] ?? "")
      if (nm) {
        authors.splice(0, authors.length, nm)
        fromStarter = true
      }
    } else {
      const m2 = THREAD_STARTER_RE.exec(threadStart.core)
      if (m2) {
        authors.splice(0, authors.length, fold(m2[1] ?? ""))
        fromStarter = true
      }
      const sd = present.find((l) => START_DATE_RE.test(l.core))
      if (sd && !fromAddress) ctx.publishedHint = { text: sd.core, source: "thread_start" }
      fromStartLine = sd !== undefined && !fromAddress
    }
  }
  // comments under a question or an answer (Q&A sites): the text, the commenter's name and a "Commented <date>"
  // line close under it; the thread's text is its posts, not these asides
  for (let i = 0; i < n; i++) {
    if (!COMMENTED_RE.test(present[i]!.core) || !DATE_RE.test(present[i]!.core)) continue
    let words = 0
    for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
      const l = present[k]!
      if (l.words === 0 || (l.rule && !l.dateLine) || COMMENTED_RE.test(l.core)) break
      words += l.words
      if (words > 150) break
      if (decisions[k]!.keep) decisions[k] = { keep: false, reason: "comment-on-post" }
    }
  }
  const posts = splitPosts(present, decisions, klass)
  posts.forEach((p, k) => {
    if (k === 0) {
      ctx.bodyIdx = p.lines
      // the opening post's header names the thread's author better than a name found near the headline
      if (p.author && !fromStarter && (p.named || authors.length === 0)) authors.splice(0, authors.length, p.author)
      // a written date with its year; an age ("3 years ago") says nothing without the day the page was read
      const written = p.posted !== null && /(?:19|20)\d\d/.test(p.posted)
      if (written && !fromAddress && !fromStartLine) ctx.publishedHint = { text: p.posted!, source: "thread_start" }
    } else if (p.lines.length > 0) {
      const aged = dateFromAge(p.posted, ctx.retrievedAt)
      comments.push({
        comment_no: comments.length + 1,
        author: p.author,
        posted_text: p.posted,
        ...(aged !== null ? { posted_date: aged } : {}),
        body: p.lines.map((i) => present[i]!.text).join("\n\n")
      })
    }
  })
}

interface Post {
  lines: Array<number>
  author: string | null
  posted: string | null
  /** the author was read from a line that names the poster, not guessed */
  named?: boolean
}

const stripRank = (s: string): string => {
  const parts = fold(s.replace(/^\d{1,4}[.)]\s*/u, "")).split(" ").map((w) => /^(.{3,30})\1$/u.exec(w)?.[1] ?? w)
  while (parts.length > 1 && RANK_WORDS.has(parts[parts.length - 1]!.toLowerCase())) parts.pop()
  return parts.join(" ")
}

/** "Post by name » date" (phpBB) */
const POST_BY_RE = /^(?:post\s*)?by\s+(\S.{0,60}?)\s+»\s+(\S.*)$/iu
/** "[–]name 12 points 3 hours ago" (threaded discussion sites) */
const VOTE_HEADER_RE = /^\[[–+-]\]\s?([^\s[]{2,40})/u
const AGE_RE = /\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b/iu
/** a rank or a status alone ("Member", "Senior Member", "is offline") names no one */
const isRankOnly = (s: string): boolean => fold(s).toLowerCase().split(" ").every((w) => RANK_WORDS.has(w) || w === "is" || w === "offline" || w === "online")
/** a count, a counter's label or a post's action word names no one either ("5,428", "Posts", "answered", "Parent") */
const NOT_A_NAME_RE =
  /^(?:[\d,.]+[kKmM]?|posts?|messages|views?|replies|likes?|points?|reputation|karma|votes?|answered|asked|edited|commented|posted|quote|reply|report|share|parent|linked|permalink|context|children|member|guest|user|op)$/iu
/** dates of a member, not of a post: a join date, a birthday, a last visit */
const PROFILE_DATE_RE = /^(?:joined|join(?:ed)? date|member since|registered|registration date|since|founded|birthday|born|last (?:seen|active|visit(?:ed)?|online)|member for)\b/iu
/** the date line of a Q&A signature, under the post it signs */
const SIGNATURE_DATE_RE = /^(?:asked|answered)\s+\S/iu
/** an avatar or a picture of a member: "X's user avatar", "X’s picture", "X avatar" */
const AVATAR_NAME_RE = /^(\S.{0,40}?)(?:['’]s?)?\s(?:user\s)?(?:avatar|picture|profile (?:picture|photo|image))$/iu
/** a date that says when a post was changed, not written */
const EDITED_RE = /^(?:last\s+)?(?:edited|modified|updated)\b/iu

/**
 * Who wrote a post and when, from its header run (lines a..b): the author from a "Post by X »" line, a "X <date>" line,
 * a vote header or the name lines before the header's labels; the posted date from the first date that is not a join
 * date (labelled "Joined"/"Join Date"/"Registered", or followed by a counter such as "Likes Received").
 */
const readHeader = (
  lines: ReadonlyArray<Line>,
  a: number,
  b: number,
  isHeader: (i: number) => boolean
): { author: string | null; posted: string | null; named: boolean } => {
  let author: string | null = null
  let posted: string | null = null
  let editedAt: string | null = null
  let lastLabel = -1
  for (let k = a; k <= b; k++) if (isHeader(k) && !lines[k]!.dateLine) lastLabel = k
  const cands: Array<number> = []
  const avatars: Array<{ k: number; name: string; afterEdit: boolean }> = []
  for (let k = a; k <= b; k++) {
    const l = lines[k]!
    const prev = k > a ? lines[k - 1]! : null
    const postBy = POST_BY_RE.exec(l.core)
    if (postBy) {
      author = fold(postBy[1]!)
      if (posted === null) posted = postBy[2]!
      continue
    }
    // "X's user avatar", "X's picture": the picture of the post's author (or of its editor, after "edited ...")
    const avatar = AVATAR_NAME_RE.exec(l.core)
    if (avatar && l.words <= 8 && !NOT_A_NAME_RE.test(avatar[1]!)) {
      avatars.push({ k, name: fold(avatar[1]!), afterEdit: prev !== null && EDITED_RE.test(prev.core) })
      continue
    }
    const vote = l.rule?.id === "forum-vote-header" ? VOTE_HEADER_RE.exec(l.core) : null
    if (vote) {
      author ??= vote[1]!
      const age = AGE_RE.exec(l.core)
      if (age && posted === null) posted = age[0]
      continue
    }
    const date = l.dateLine || l.rule?.action === "post_date" ? DATE_RE.exec(l.core) : null
    if (date) {
      const isJoin =
        // a label alone on the line above ("Joined" / "Mar 2, 2014")
        (prev !== null && prev.words <= 3 && !DATE_RE.test(prev.core) && (JOIN_LABEL_RE.test(prev.core) || PROFILE_DATE_RE.test(prev.core))) ||
        PROFILE_DATE_RE.test(l.core) ||
        (k + 1 <= b && COUNTER_LABEL_RE.test(lines[k + 1]!.core))
      if (isJoin) continue
      // an edit's date only when the header shows no other
      if (EDITED_RE.test(l.core)) {
        editedAt ??= l.core
        continue
      }
      // "name January 4, 2020, 9:15am 2": the name before the date (a weekday is no name: "Sat Mar 2, 2019")
      const before = l.core.slice(0, date.index).trim()
      if (l.rule?.id === "forum-user-date-line" && before !== "" && !NOT_A_NAME_RE.test(before) && !before.split(" ").every((w) => DATE_WORDS.test(w.replace(/[,.]$/u, "")))) {
        author ??= before.split(" ")[0]!
        // without the post's number after it ("... 9:15am 2")
        if (posted === null) posted = l.core.slice(date.index).replace(/\s+#?\d{1,5}$/u, "")
      } else if (posted === null) posted = l.core.replace(/^(?:posted|updated|published)\s*(?:on)?\s*:?\s*/i, "")
      continue
    }
    if (!l.rule && l.words >= 1 && l.words <= 6 && k < (lastLabel < 0 ? b + 1 : lastLabel) && !/^#?\d+$/.test(l.core) && !isRankOnly(l.core) && !NOT_A_NAME_RE.test(l.core) && !COUNTER_LABEL_RE.test(l.core))
      cands.push(k)
  }
  posted ??= editedAt
  if (posted !== null) posted = readableDate(posted)
  // the author's picture: not the editor's
  const byAvatar = avatars.find((v) => !v.afterEdit)
  if (author === null && byAvatar) author = byAvatar.name
  // an author read from a post line, a vote header, a dated name or a picture (not guessed among the header's lines)
  const named = author !== null
  const pick = cands.length > 0 ? cands[cands.length - 1]! : -1
  if (author === null && pick >= 0) {
    let nm = stripRank(lines[pick]!.core)
    for (const c of cands) {
      const s = stripRank(lines[c]!.core)
      if (c < pick && s.length >= 2 && lines[pick]!.core.startsWith(s + " ") && s.length <= nm.length) {
        nm = s
        break
      }
    }
    if (nm.split(" ").length > 1 && !cands.some((c) => c < pick && lines[pick]!.core.startsWith(stripRank(lines[c]!.core) + " "))) {
      nm = nm.split(" ")[0] ?? nm
    }
    author = nm || null
  }
  return { author, posted, named }
}

/** The posts of a thread: a post starts at a run of dropped lines holding a post header. */
const splitPosts = (lines: ReadonlyArray<Line>, decisions: Array<Decision>, klass: ReadonlyArray<{ klass: Klass }>): Array<Post> => {
  const n = lines.length
  const isHeader = (i: number) => {
    const r = lines[i]!.rule
    return r !== null && (r.action === "post_header" || r.action === "post_date")
  }
  const headerish = (i: number) => {
    const l = lines[i]!
    if (isHeader(i)) return true
    if (l.rule) return l.rule.action !== "end_content"
    return l.words <= 6 && !(l.sentenceEnd && l.words >= 2) && klass[i]!.klass !== "good"
  }
  const posts: Array<Post> = []
  let cur: Post | null = null
  let i = 0
  while (i < n) {
    if (isHeader(i) || (lines[i]!.rule === null && JOIN_LABEL_RE.test(lines[i]!.core) && lines[i]!.words <= 3)) {
      // expand the header run both ways over short header-like lines
      let a = i
      while (a - 1 >= 0 && headerish(a - 1) && !(cur && cur.lines.includes(a - 1) && klass[a - 1]!.klass !== "short")) a--
      if (cur) while (cur.lines.length > 0 && cur.lines[cur.lines.length - 1]! >= a) cur.lines.pop()
      let b = i
      while (b + 1 < n && headerish(b + 1)) b++
      const { author, posted, named } = readHeader(lines, a, b, isHeader)
      for (let k = a; k <= b; k++) if (decisions[k]!.keep) decisions[k] = { keep: false, reason: lines[k]!.rule?.id ?? "forum-post-header" }
      // Q&A sites sign a post below its text ("asked <date>", "answered <date>" and the name): the signature belongs
      // to the post above it
      let signs = false
      for (let k = a; k <= b && !signs; k++) signs = SIGNATURE_DATE_RE.test(lines[k]!.core)
      if (signs && cur !== null && cur.author === null && cur.lines.length > 0) {
        cur.author = author
        cur.posted = posted ?? cur.posted
        cur.named = named
        cur = { lines: [], author: null, posted: null }
      } else cur = { lines: [], author, posted, named }
      posts.push(cur)
      i = b + 1
      continue
    }
    if (decisions[i]!.keep) {
      if (!cur) {
        cur = { lines: [], author: null, posted: null }
        posts.push(cur)
      }
      cur.lines.push(i)
    }
    i++
  }
  // text above the first post header is the opening post only when it is substantial (a question shown above its
  // "asked ..." signature); a sponsor line or a notice is not
  const first = posts[0]
  if (first && first.author === null && first.posted === null && posts.length > 1) {
    const words = first.lines.reduce((s, i) => s + lines[i]!.words, 0)
    if (words < 30) {
      for (const i of first.lines) decisions[i] = { keep: false, reason: "before-first-post" }
      first.lines = []
    }
  }
  // Q&A pages sign a post below its text ("answered <date>" and the name): when the text before the first header is
  // substantial and almost nothing follows the last one, each header belongs to the text above it
  const words = (p: Post) => p.lines.reduce((s, i) => s + lines[i]!.words, 0)
  const last = posts[posts.length - 1]
  if (first && first.author === null && first.posted === null && first.lines.length > 0 && posts.length > 2 && last && words(last) < TRAILING_TAIL_WORDS) {
    const signed: Array<Post> = []
    for (let k = 1; k < posts.length; k++) signed.push({ lines: posts[k - 1]!.lines, author: posts[k]!.author, posted: posts[k]!.posted, named: posts[k]!.named ?? false })
    if (last.lines.length > 0) signed[signed.length - 1]!.lines.push(...last.lines)
    return signed.filter((p) => p.lines.length > 0)
  }
  // posts whose header had no content before the next header merge away; drop empty ones
  const out = posts.filter((p) => p.lines.length > 0)
  return out
}
