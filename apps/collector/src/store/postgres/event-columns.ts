/** The select lists of journeys' EventColumns for hand-written PostgreSQL, from event-record.ts's one list and this store's schema. */
import { EVENT_VALUE_FIELDS } from "../event-record.js";
import { events } from "./schema.js";

/** With aliases to drizzle's property names (camelCase aliases must be quoted). */
export const EVENT_COLUMNS_SQL = EVENT_VALUE_FIELDS.map((field) =>
  events[field].name === field ? field : `${events[field].name} AS "${field}"`,
).join(", ");

/** Unaliased, in the order of EventValues, for rows read as arrays. */
export const EVENT_VALUES_SQL = EVENT_VALUE_FIELDS.map((field) => events[field].name).join(", ");
