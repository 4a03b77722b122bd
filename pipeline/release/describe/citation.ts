/** LICENSE and CITATION.cff of a release: pure texts from the dataset's description, the version and the date. */
import { licenseUrl } from "../../emit/jsonld.js"

const LICENSES: Record<string, { title: string; url: string; summary: string }> = {
  "CC-BY-4.0": {
    title: "Creative Commons Attribution 4.0 International",
    url: "https://creativecommons.org/licenses/by/4.0/legalcode",
    summary:
      "You are free to share (copy and redistribute the material in any medium or format) and adapt (remix, transform,\nand build upon the material) for any purpose, even commercially, under the following terms: you must give\nappropriate credit, provide a link to the licence, and indicate if changes were made. No additional restrictions:\nyou may not apply legal terms or technological measures that legally restrict others from doing anything the\nlicence permits."
  },
  "CC-BY-SA-4.0": {
    title: "Creative Commons Attribution-ShareAlike 4.0 International",
    url: "https://creativecommons.org/licenses/by-sa/4.0/legalcode",
    summary: "You may share and adapt the material for any purpose, giving appropriate credit and distributing your\ncontributions under the same licence."
  },
  "CC0-1.0": {
    title: "Creative Commons Zero v1.0 Universal",
    url: "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
    summary: "The publisher waives all copyright and related rights to the extent possible under law."
  },
  "ODbL-1.0": {
    title: "Open Data Commons Open Database License v1.0",
    url: "https://opendatacommons.org/licenses/odbl/1-0/",
    summary: "You may share, create and adapt the database, attributing it, sharing adapted databases alike and keeping them open."
  }
}

export const licenseText = (p: { license: string; title: string; publisher: string; version: string; year: string }): string => {
  const known = LICENSES[p.license]
  const head = `${p.title}\nRelease ${p.version}, © ${p.year} ${p.publisher}\n\n`
  const body = known
    ? `This dataset is licensed under the ${known.title} licence (SPDX: ${p.license}).\n\n${known.summary}\n\nThe full legal text: ${known.url}\nSPDX: ${licenseUrl(p.license)}\n`
    : `This dataset is licensed under the licence with SPDX identifier ${p.license}.\n\nThe full text: ${licenseUrl(p.license)}\n`
  return (
    head +
    body +
    `\nThe licence covers the compilation and what the pipeline added (cleaning, normalised dates, entities, metadata).\nThe scraped texts quoted in the tables remain the work of their authors and publishers; the url and publisher\ncolumns name each source. Reuse of a text beyond what the law allows (quotation, research) needs its rights holder's\npermission.\n`
  )
}

/** The address of a release's zip under the published output folder, when the dataset states where that is. */
export const downloadUrl = (datasetUrl: string | undefined, version: string): string | null =>
  datasetUrl ? new URL(`releases/${version}.zip`, datasetUrl.endsWith("/") ? datasetUrl : `${datasetUrl}/`).href : null

/** How to cite a release in a text: publisher, year, title, version, and where to download it. */
export const citationText = (p: { publisher: string; year: string; title: string; version: string; url: string | null }): string =>
  `${p.publisher} (${p.year}). *${p.title}* (version ${p.version}) [Data set].${p.url ? ` ${p.url}` : ""}`

/** A YAML double-quoted scalar (JSON string syntax is a subset of it). */
const q = (s: string) => JSON.stringify(s)

export const citationCff = (p: {
  title: string
  description: string
  license: string
  publisher: string
  version: string
  date: string
  keywords: ReadonlyArray<string>
  /** where the output folder is published, and this release's zip under it */
  url?: string | undefined
  download?: string | null | undefined
}): string =>
  [
    "cff-version: 1.2.0",
    `message: ${q("If you use this dataset, please cite it as below.")}`,
    "type: dataset",
    `title: ${q(p.title)}`,
    `version: ${q(p.version)}`,
    `date-released: ${q(p.date)}`,
    ...(p.url ? [`url: ${q(p.url)}`] : []),
    ...(p.download ? [`repository-artifact: ${q(p.download)}`] : []),
    `license: ${q(p.license)}`,
    `abstract: ${q(p.description)}`,
    "authors:",
    `  - name: ${q(p.publisher)}`,
    ...(p.keywords.length ? ["keywords:", ...p.keywords.map((k) => `  - ${q(k)}`)] : [])
  ].join("\n") + "\n"
