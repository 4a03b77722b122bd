/** The named-events file (events used as dates, e.g. a well-known attack or summit), validated. */
import { Schema } from "effect"

export const EventsFile = Schema.Struct({
  events: Schema.Array(
    Schema.Struct({
      name: Schema.NonEmptyString,
      value: Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: "Expected an ISO 8601 date such as 2001-09-11" })))
    })
  )
})
export type EventsFile = typeof EventsFile.Type
