/** How one table cell is written where a format has no type for it. */
import type { Cell, Column } from "../model.js"

export const LIST_SEPARATOR = "; "

/** The CSV text of a cell: empty for a missing value, lists joined with "; ", booleans as true/false. */
export const csvCell = (column: Column, value: Cell | undefined): string => {
  if (value === null || value === undefined) return ""
  if (column.type === "list") return (value as ReadonlyArray<string>).join(LIST_SEPARATOR)
  return String(value)
}
