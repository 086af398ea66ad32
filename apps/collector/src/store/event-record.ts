/** Stored event rows as the engine's JourneyEvent, from drizzle's records, hand-written selects and raw rows alike. */
import type { JourneyEvent } from "@touchpoint/journeys";

import type { events as postgresEvents } from "./postgres/schema.js";
import { events as sqliteEvents } from "./sqlite/schema.js";

/** A column of the events table in both stores, by drizzle's property name. */
type StoredEventField = keyof typeof sqliteEvents.$inferSelect & keyof typeof postgresEvents.$inferSelect;

/**
 * The columns a JourneyEvent is made of, in the order raw rows hold them (EventValues). Every
 * hand-written select lists them from here and every raw row is read by the positions this list
 * gives, so a column renamed or dropped in the schema fails the typecheck instead of shifting
 * the values after it.
 */
export const EVENT_VALUE_FIELDS = [
  "id",
  "type",
  "name",
  "anonymousId",
  "customerId",
  "sessionId",
  "timestamp",
  "properties",
  "traits",
  "context",
  "browser",
  "os",
  "deviceType",
] as const satisfies readonly StoredEventField[];

type EventValueField = (typeof EVENT_VALUE_FIELDS)[number];

/** The columns a JourneyEvent is made of, under drizzle's property names, typed by the schema. */
export type EventColumns = Pick<typeof sqliteEvents.$inferSelect, EventValueField>;

/** Where each field sits in a raw row. */
const AT = Object.fromEntries(EVENT_VALUE_FIELDS.map((field, i) => [field, i])) as { readonly [F in EventValueField]: number };

/** Position, in a raw row, of the first column selected after the event's values. */
export const AFTER_EVENT_VALUES = EVENT_VALUE_FIELDS.length;

/** The select list of EventColumns for hand-written SQLite, aliased to drizzle's property names (PostgreSQL's: postgres/event-columns.ts). */
export const EVENT_COLUMNS_SQL = EVENT_VALUE_FIELDS.map((field) =>
  sqliteEvents[field].name === field ? field : `${sqliteEvents[field].name} AS ${field}`,
).join(", ");

/**
 * The same columns as a raw row (better-sqlite3's `.raw()`, node-postgres's rowMode "array": an
 * array, about a third cheaper to read per row than an object), in EVENT_VALUE_FIELDS order;
 * later columns may follow, from AFTER_EVENT_VALUES on.
 */
export type EventValues = readonly [...ValuesOf<typeof EVENT_VALUE_FIELDS>, ...unknown[]];

/** Each field's column type, position for position. */
type ValuesOf<Fields extends readonly EventValueField[]> = { -readonly [K in keyof Fields]: EventColumns[Fields[K] & EventValueField] };

export function journeyEventOfValues(v: EventValues): JourneyEvent {
  const deviceType = v[AT.deviceType] as EventColumns["deviceType"];
  const traits = v[AT.traits] as EventColumns["traits"];
  return {
    id: v[AT.id] as string,
    type: v[AT.type] as JourneyEvent["type"],
    name: v[AT.name] as string,
    anonymousId: v[AT.anonymousId] as EventColumns["anonymousId"],
    customerId: v[AT.customerId] as EventColumns["customerId"],
    sessionId: v[AT.sessionId] as EventColumns["sessionId"],
    timestamp: v[AT.timestamp] as number,
    properties: JSON.parse(v[AT.properties] as string) as JourneyEvent["properties"],
    traits: traits === null ? null : (JSON.parse(traits) as JourneyEvent["traits"]),
    context: JSON.parse(v[AT.context] as string) as JourneyEvent["context"],
    device:
      deviceType === null
        ? null
        : { browser: v[AT.browser] as EventColumns["browser"], os: v[AT.os] as EventColumns["os"], type: deviceType },
  };
}

export function toJourneyEvent(r: EventColumns): JourneyEvent {
  return journeyEventOfValues(EVENT_VALUE_FIELDS.map((field) => r[field]) as unknown as EventValues);
}
