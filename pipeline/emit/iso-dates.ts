/** Which columns hold ISO 8601 dates at their stated precision, for the formats that have a date type. */
import { ISO_PARTIAL_DATE_PATTERN, type Column } from "../model.js"

/** A column whose values are ISO 8601 dates: the `date` type, or a string column of dates at their precision. */
export const isDateColumn = (c: Column): boolean => c.type === "date" || (c.type === "string" && c.pattern === ISO_PARTIAL_DATE_PATTERN)
