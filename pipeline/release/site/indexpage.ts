/**
 * out/index.html: the static download page. Each release with its date, row counts, changelog entry and download
 * links with sizes and sha256; the newest release's tables as a short preview; inline SVG charts of documents per
 * month of publication and of the most mentioned entities. One self-contained file: inline CSS, no script, relative
 * links, so it works served from out/ or opened from disk.
 */
import type { PublicationChart } from "./charts.js"

export interface PageFile {
  readonly path: string
  /** relative to out/ */
  readonly url: string
  readonly bytes: number
  readonly sha256: string
}

export interface PageRelease {
  readonly version: string
  readonly created: string
  readonly counts: Readonly<Record<string, number>> | null
  /** this release's CHANGELOG entry, markdown, without its heading */
  readonly notes: string
  readonly zip: PageFile | null
  readonly files: ReadonlyArray<PageFile>
  /** false when this output folder no longer keeps the release's files (release.keep): listed without links */
  readonly kept?: boolean
}

export interface PagePreview {
  readonly table: string
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  readonly total: number | null
}

export interface PageInput {
  readonly title: string
  readonly description: string
  readonly license: string
  readonly licenseUrl: string
  readonly publisher: string
  /** newest first */
  readonly releases: ReadonlyArray<PageRelease>
  readonly preview: ReadonlyArray<PagePreview>
  /** documents per month or year of publication */
  readonly publication: PublicationChart
  readonly undated: number
  /** [entity name, mentions], most mentioned first */
  readonly topEntities: ReadonlyArray<readonly [string, number]>
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

/** An href for a path relative to out/: each segment percent-encoded. */
const href = (url: string) => escapeHtml(url.split("/").map(encodeURIComponent).join("/"))

export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : n < 1024 ** 3 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024 ** 3).toFixed(2)} GiB`

/** The small part of markdown a CHANGELOG entry uses: paragraphs, "- " lists and `code`. */
export const markdownToHtml = (md: string): string => {
  const inline = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, "<code>$1</code>")
  const out: Array<string> = []
  let list = false
  for (const raw of md.split("\n")) {
    const line = raw.trimEnd()
    if (/^\s*- /.test(line)) {
      if (!list) out.push("<ul>")
      list = true
      out.push(`<li>${inline(line.replace(/^\s*- /, ""))}</li>`)
      continue
    }
    if (list) out.push("</ul>")
    list = false
    if (line.trim()) out.push(`<p>${inline(line.replace(/^#+\s*/, ""))}</p>`)
  }
  if (list) out.push("</ul>")
  return out.join("\n")
}

const CHART_WIDTH = 720

/** Vertical bars, one per period; labels on a few ticks so they never overlap. */
export const barChartSvg = (id: string, title: string, data: ReadonlyArray<readonly [string, number]>): string => {
  const height = 240
  const [left, right, top, bottom] = [40, 10, 10, 40]
  const plotW = CHART_WIDTH - left - right
  const plotH = height - top - bottom
  const max = Math.max(1, ...data.map(([, v]) => v))
  const step = data.length ? plotW / data.length : plotW
  const barW = Math.max(1, step * 0.8)
  const labelEvery = Math.max(1, Math.ceil(data.length / 12))
  const bars = data
    .map(([label, v], i) => {
      const h = (v / max) * plotH
      const x = left + i * step + (step - barW) / 2
      const y = top + plotH - h
      const tick = i % labelEvery === 0
        ? `<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle" class="tick">${escapeHtml(label)}</text>`
        : ""
      return `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(h, 0).toFixed(1)}"><title>${escapeHtml(label)}: ${v}</title></rect>${tick}`
    })
    .join("\n")
  const yTicks = [0, Math.round(max / 2), max]
    .filter((v, i, a) => a.indexOf(v) === i)
    .map((v) => `<text x="${left - 6}" y="${(top + plotH - (v / max) * plotH + 4).toFixed(1)}" text-anchor="end" class="tick">${v}</text>`)
    .join("")
  const empty = data.length === 0 ? `<text x="${CHART_WIDTH / 2}" y="${height / 2}" text-anchor="middle">No document has a publication date.</text>` : ""
  return `<svg id="${id}" class="chart" xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-labelledby="${id}-title">
<title id="${id}-title">${escapeHtml(title)}</title>
<line x1="${left}" y1="${top + plotH}" x2="${CHART_WIDTH - right}" y2="${top + plotH}" class="axis"/>
${yTicks}
${bars}${empty}
</svg>`
}

/** Horizontal bars with names, most first. */
export const rankChartSvg = (id: string, title: string, data: ReadonlyArray<readonly [string, number]>): string => {
  const row = 22
  const left = 220
  const right = 50
  const height = Math.max(60, data.length * row + 20)
  const max = Math.max(1, ...data.map(([, v]) => v))
  const plotW = CHART_WIDTH - left - right
  const bars = data
    .map(([label, v], i) => {
      const y = 10 + i * row
      const w = Math.max(1, (v / max) * plotW)
      const name = label.length > 32 ? `${label.slice(0, 31)}…` : label
      return `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(name)}</text><rect class="bar" x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 6}"><title>${escapeHtml(label)}: ${v}</title></rect><text x="${(left + w + 6).toFixed(1)}" y="${y + 15}" class="tick">${v}</text>`
    })
    .join("\n")
  const empty = data.length === 0 ? `<text x="${CHART_WIDTH / 2}" y="35" text-anchor="middle">No entity is mentioned.</text>` : ""
  return `<svg id="${id}" class="chart" xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-labelledby="${id}-title">
<title id="${id}-title">${escapeHtml(title)}</title>
${bars}${empty}
</svg>`
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1b1b1b;background:#fff}
h1{font-size:1.6em;line-height:1.25}h2{margin-top:2em;border-bottom:1px solid #ddd}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right}
.release{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;margin:1em 0}
.release.current{border-color:#2a6ebb}
.preview{overflow-x:auto}.preview td{max-width:28em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
svg.chart{display:block;max-width:100%;height:auto;font-size:11px}svg.chart .bar{fill:#2a6ebb}svg.chart .axis{stroke:#999}svg.chart .tick{fill:#555}
.muted{color:#666}
`

export const indexHtml = (p: PageInput): string => {
  const newest = p.releases[0]
  const releaseSection = (r: PageRelease, i: number) => {
    const counts = r.counts
      ? `<table class="counts"><tr>${Object.keys(r.counts).map((t) => `<th>${escapeHtml(t)}</th>`).join("")}</tr><tr>${Object.values(r.counts).map((n) => `<td class="num">${n}</td>`).join("")}</tr></table>`
      : ""
    const kept = r.kept !== false
    const zip = r.zip
      ? kept
        ? `<p class="zip"><a class="download" href="${href(r.zip.url)}" download>Download release ${escapeHtml(r.version)} (zip, ${formatBytes(r.zip.bytes)})</a><br><span class="muted">sha256 <code>${r.zip.sha256}</code></span></p>`
        : `<p class="zip pruned">Release ${escapeHtml(r.version)} (zip, ${formatBytes(r.zip.bytes)}) is no longer kept here; its checksums are below.<br><span class="muted">sha256 <code>${r.zip.sha256}</code></span></p>`
      : ""
    const files = r.files
      .map((f) => `<tr><td>${kept ? `<a class="download" href="${href(f.url)}">${escapeHtml(f.path)}</a>` : escapeHtml(f.path)}</td><td class="num">${formatBytes(f.bytes)}</td><td><code>${f.sha256}</code></td></tr>`)
      .join("\n")
    return `<section class="release${i === 0 ? " current" : ""}" id="v${escapeHtml(r.version)}" data-version="${escapeHtml(r.version)}">
<h3>Release ${escapeHtml(r.version)}${i === 0 ? " (latest)" : ""}</h3>
<p class="muted">Published <time datetime="${escapeHtml(r.created)}">${escapeHtml(r.created.slice(0, 10))}</time></p>
${counts}
<div class="changelog">${markdownToHtml(r.notes)}</div>
${zip}
<details${i === 0 ? " open" : ""}><summary>Files of ${escapeHtml(r.version)} (${r.files.length})</summary>
<table class="files"><tr><th>file</th><th>size</th><th>sha256</th></tr>
${files}
</table></details>
</section>`
  }
  const preview = p.preview
    .map((t) => `<h3>${escapeHtml(t.table)}${t.total !== null ? ` <span class="muted">(${t.rows.length} of ${t.total} rows)</span>` : ""}</h3>
<div class="preview"><table data-table="${escapeHtml(t.table)}"><tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>
${t.rows.map((r) => `<tr>${r.map((c) => `<td title="${escapeHtml(c.length > 300 ? `${c.slice(0, 300)}…` : c)}">${escapeHtml(c.length > 80 ? `${c.slice(0, 79)}…` : c)}</td>`).join("")}</tr>`).join("\n")}
</table></div>`)
    .join("\n")
  const dated = p.publication.bars.reduce((a, [, n]) => a + n, 0)
  const per = `Documents per ${p.publication.unit} of publication`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} — downloads</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(p.title)}</h1>
<p>${escapeHtml(p.description)}</p>
<p>Licence: <a href="${escapeHtml(p.licenseUrl)}">${escapeHtml(p.license)}</a>. Publisher: ${escapeHtml(p.publisher)}.
${newest ? `Latest release: <a href="#v${escapeHtml(newest.version)}">${escapeHtml(newest.version)}</a>.` : "No release yet."}
Machine-readable: <a href="catalog.jsonld">catalog.jsonld</a> (DCAT 3), <a href="latest.json">latest.json</a>.</p>
<p class="muted">Check a download with <code>sha256sum</code>; inside a release, <code>sha256sum -c SHA256SUMS</code> checks every file.</p>
</header>
<main>
${newest ? `<h2 id="charts">Release ${escapeHtml(newest.version)} at a glance</h2>
<figure>${barChartSvg("chart-months", per, p.publication.bars)}
<figcaption>${per} (${dated} dated${p.undated ? `; ${p.undated} without a publication month` : ""}${p.publication.gaps ? "; years without documents are left out" : ""}).</figcaption></figure>
<figure>${rankChartSvg("chart-entities", "Most mentioned entities", p.topEntities)}
<figcaption>The ${p.topEntities.length} most mentioned entities, by number of mentions.</figcaption></figure>` : ""}
<h2 id="releases">Releases</h2>
${p.releases.map(releaseSection).join("\n")}
${preview ? `<h2 id="preview">Preview of release ${escapeHtml(newest?.version ?? "")}</h2>\n<p class="muted">The first rows of each table; long cells are cut (hover for more). Download a table for all of it.</p>\n${preview}` : ""}
</main>
</body>
</html>
`
}
