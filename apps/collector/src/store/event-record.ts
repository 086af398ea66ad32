/** Stored event rows as the engine's JourneyEvent, from drizzle's records, hand-written selects and raw rows alike. */
import type { JourneyEvent } from "@touchpoint/journeys";

/** The columns a JourneyEvent is made of, under drizzle's property names. */
export interface EventColumns {
  id: string;
  type: string;
  name: string;
  anonymousId: string | null;
  customerId: string | null;
  sessionId: string | null;
  timestamp: number;
  properties: string;
  traits: string | null;
  context: string;
  browser: string | null;
  os: string | null;
  deviceType: string | null;
}

/** The select list of EventColumns for hand-written SQL. */
export const EVENT_COLUMNS_SQL =
  "id, type, name, anonymous_id AS anonymousId, customer_id AS customerId, session_id AS sessionId, timestamp, properties, traits, context, browser, os, device_type AS deviceType";

/**
 * The same columns as a raw row (better-sqlite3's `.raw()`: an array, about a third cheaper to
 * read per row than an object), in EVENT_COLUMNS_SQL's order; later columns may follow.
 */
export type EventValues = readonly [
  id: string,
  type: string,
  name: string,
  anonymousId: string | null,
  customerId: string | null,
  sessionId: string | null,
  timestamp: number,
  properties: string,
  traits: string | null,
  context: string,
  browser: string | null,
  os: string | null,
  deviceType: string | null,
  ...more: unknown[],
];

export function journeyEventOfValues(v: EventValues): JourneyEvent {
  const [id, type, name, anonymousId, customerId, sessionId, timestamp, properties, traits, context, browser, os, deviceType] = v;
  return {
    id,
    type: type as JourneyEvent["type"],
    name,
    anonymousId,
    customerId,
    sessionId,
    timestamp,
    properties: JSON.parse(properties) as JourneyEvent["properties"],
    traits: traits === null ? null : (JSON.parse(traits) as JourneyEvent["traits"]),
    context: JSON.parse(context) as JourneyEvent["context"],
    device: deviceType === null ? null : { browser, os, type: deviceType },
  };
}

export function toJourneyEvent(r: EventColumns): JourneyEvent {
  return journeyEventOfValues([r.id, r.type, r.name, r.anonymousId, r.customerId, r.sessionId, r.timestamp, r.properties, r.traits, r.context, r.browser, r.os, r.deviceType]);
}
