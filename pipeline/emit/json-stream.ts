/**
 * JSON written a piece at a time, in exactly the form JSON.stringify(value, null, 2) gives, so a metadata file that
 * lists every raw file (provenance, RO-Crate) is never built whole in memory: such lists are `lazy` arrays, read (from
 * a part file) while they are written.
 */

/** An array whose items are made as they are written (and may be read again by a second `items()` call). */
export class LazyArray {
  constructor(readonly items: () => Iterable<unknown>) {}
  toJSON(): Array<unknown> {
    return [...this.items()]
  }
}

export const lazy = (items: () => Iterable<unknown>): LazyArray => new LazyArray(items)

const indent = (depth: number) => "  ".repeat(depth)

const holdsLazy = (value: unknown): boolean =>
  value instanceof LazyArray || (Array.isArray(value) ? value.some(holdsLazy) : value !== null && typeof value === "object" ? Object.values(value).some(holdsLazy) : false)

/** Writes `value` as JSON.stringify(value, null, 2) would, at `depth` levels of nesting. */
export const writeJson = (write: (text: string) => void, value: unknown, depth = 0): void => {
  if (!holdsLazy(value)) {
    const text = JSON.stringify(value, null, 2)
    write(depth ? text.replace(/\n/g, `\n${indent(depth)}`) : text)
    return
  }
  if (value instanceof LazyArray || Array.isArray(value)) {
    let first = true
    for (const item of value instanceof LazyArray ? value.items() : value) {
      write(`${first ? "[\n" : ",\n"}${indent(depth + 1)}`)
      writeJson(write, item === undefined ? null : item, depth + 1)
      first = false
    }
    write(first ? "[]" : `\n${indent(depth)}]`)
    return
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== "function")
  if (entries.length === 0) return write("{}")
  entries.forEach(([k, v], i) => {
    write(`${i === 0 ? "{\n" : ",\n"}${indent(depth + 1)}${JSON.stringify(k)}: `)
    writeJson(write, v, depth + 1)
  })
  write(`\n${indent(depth)}}`)
}
