/**
 * Named events used as dates (data/events.yaml), validated: "the September 11 attacks" names 2001-09-11 as surely as
 * the date does. The dates stage matches each name and alias as whole words, case-insensitively, and records the
 * event in the mention's `anchor`.
 */
import { Schema } from "effect"
import { parse } from "yaml"
import { ISO_PARTIAL_DATE_PATTERN } from "../model.js"
import type { DatesConfig } from "./dates/index.js"

export const NamedEvent = Schema.Struct({
  /** the name as usually written, e.g. "September 11 attacks" */
  name: Schema.NonEmptyString,
  /** ISO 8601 at its precision (2001-09-11, 1991-12, 1986) */
  value: Schema.String.pipe(Schema.check(Schema.isPattern(new RegExp(ISO_PARTIAL_DATE_PATTERN)))),
  /** other spellings that name the same event */
  aliases: Schema.optional(Schema.Array(Schema.NonEmptyString)),
  description: Schema.optional(Schema.String)
})
export type NamedEvent = typeof NamedEvent.Type

export const EventsFile = Schema.Struct({
  version: Schema.Int,
  events: Schema.Array(NamedEvent)
})
export type EventsFile = typeof EventsFile.Type

/** The stage's config list: one entry per name and per alias. */
export const eventsConfig = (file: EventsFile): DatesConfig["events"] =>
  file.events.flatMap((e) => [e.name, ...(e.aliases ?? [])].map((name) => ({ name, value: e.value })))

/** Parses and validates the YAML text of data/events.yaml (throws a readable SchemaError when it is malformed). */
export const loadEventsFile = (yamlText: string): DatesConfig["events"] =>
  eventsConfig(Schema.decodeUnknownSync(EventsFile)(parse(yamlText), { onExcessProperty: "error" }))
