/**
 * What a build says while it runs, on stderr: phase lines as they happen, and for the long phase (the stages over
 * every document) the count, the speed and the time left. On a terminal that status is one line rewritten in place;
 * when stderr is a file or a pipe (cron, CI) it is a plain line at most every few seconds, so a log stays readable.
 */

/** How far the per-document stages are; bytes are the raw files' sizes, so the rate is comparable between corpora. */
export interface StagesProgress {
  readonly documents: number
  readonly total: number
  readonly bytes: number
  readonly totalBytes: number
  readonly cached: number
}

export interface ProgressReporter {
  /** a phase line ("ingest: …", "publish: …") */
  readonly line: (text: string) => void
  readonly stages: (p: StagesProgress) => void
}

const count = (n: number) => n.toLocaleString("en-US")

export const formatDuration = (seconds: number): string => {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** "clean, dates, entities: 1,024/4,115 documents (25%) · 256 from the cache · 3.1 MB/s · about 2 min 5 s left" */
export const formatStagesProgress = (p: StagesProgress, elapsedSeconds: number): string => {
  const share = p.total > 0 ? ` (${Math.floor((100 * p.documents) / p.total)}%)` : ""
  const parts = [`clean, dates, entities: ${count(p.documents)}/${count(p.total)} documents${share}`]
  if (p.cached > 0) parts.push(`${count(p.cached)} from the cache`)
  const rate = elapsedSeconds > 0 ? p.bytes / elapsedSeconds : 0
  if (rate > 0) {
    parts.push(`${(rate / 1e6).toFixed(1)} MB/s`)
    if (p.documents < p.total) parts.push(`about ${formatDuration((p.totalBytes - p.bytes) / rate)} left`)
    else parts.push(`done in ${formatDuration(elapsedSeconds)}`)
  }
  return parts.join(" · ")
}

/** Seconds between plain status lines when stderr is not a terminal. */
const PLAIN_INTERVAL_SECONDS = 5

export const makeProgressReporter = (
  stream: { readonly isTTY?: boolean; write(text: string): unknown },
  clock: () => number = () => performance.now() / 1000
): ProgressReporter => {
  const terminal = stream.isTTY === true
  let startedAt: number | null = null
  let lastPlainAt = -Infinity
  let statusShown = false
  return {
    line: (text) => {
      if (statusShown) stream.write("\n")
      statusShown = false
      stream.write(`${text}\n`)
    },
    stages: (p) => {
      const now = clock()
      startedAt ??= now
      const text = formatStagesProgress(p, now - startedAt)
      const finished = p.documents >= p.total
      if (terminal) {
        stream.write(`\r\x1b[K${text}`)
        statusShown = !finished
        if (finished) stream.write("\n")
      } else if (finished || now - lastPlainAt >= PLAIN_INTERVAL_SECONDS) {
        lastPlainAt = now
        stream.write(`${text}\n`)
      }
    }
  }
}
