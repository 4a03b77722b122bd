/**
 * Memory that outlives one document: memoised pure functions of a string, bounded, and holding no document's body.
 */

/**
 * A copy of a string that refers to no other string. A name cut from a document's body (`slice`) is, in V8, a view
 * into the whole body when it has 13 characters or more, and a cache that kept it would keep every document it came
 * from; prepending a character makes a rope, and cutting that character off flattens the rope into a string of its
 * own. What the caches that outlive a document keep goes through this.
 */
export const detach = (s: string): string => (" " + s).slice(1)

/** entries of one generation of a memoised function */
const GENERATION = 25_000

/**
 * A pure function of a string, memoised across documents in two generations: when the recent one is full it becomes
 * the older one and the oldest is dropped, and an answer found among the older is moved back to the recent. A word
 * that keeps coming back stays; the memory stays bounded (at most twice GENERATION entries per function). Keys are
 * detached; `keep` makes a value hold nothing of the document either.
 */
export const memoised = <V>(f: (s: string) => V, keep: (v: V) => V = (v) => v): ((key: string) => V) => {
  let recent = new Map<string, V>()
  let older = new Map<string, V>()
  return (key) => {
    let v = recent.get(key)
    if (v !== undefined) return v
    v = older.get(key) ?? keep(f(key))
    if (recent.size >= GENERATION) {
      older = recent
      recent = new Map()
    }
    recent.set(detach(key), v)
    return v
  }
}
