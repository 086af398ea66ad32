/** The select lists of journeys' EventColumns for hand-written PostgreSQL, from event-record.ts's one list and this store's schema. */
import { EVENT_VALUE_FIELDS } from "../event-record.js";
import { events } from "./schema.js";

/** With aliases to drizzle's property names (camelCase aliases must be quoted). */
export const EVENT_COLUMNS_SQL = EVENT_VALUE_FIELDS.map((field) =>
  events[field].name === field ? field : `${events[field].name} AS "${field}"`,
).join(", ");

/** Unaliased, in the order of EventValues, for rows read as arrays. */
export const EVENT_VALUES_SQL = EVENT_VALUE_FIELDS.map((field) => events[field].name).join(", ");

const isNumber = (field: (typeof EVENT_VALUE_FIELDS)[number]) => events[field].dataType === "number";

/**
 * The same values as one text[] (numbers cast to text), for json_agg: PostgreSQL turns a text[]
 * into JSON several times faster than a row or json_build_array of mixed types, which look up
 * each value's type on every row. NUMBER_VALUE_POSITIONS says which to read back as numbers.
 */
export const EVENT_VALUES_TEXT_ARRAY_SQL = `ARRAY[${EVENT_VALUE_FIELDS.map((field) => (isNumber(field) ? `${events[field].name}::text` : events[field].name)).join(", ")}]`;

export const NUMBER_VALUE_POSITIONS = EVENT_VALUE_FIELDS.flatMap((field, i) => (isNumber(field) ? [i] : []));
