/** Stored event rows as the engine's JourneyEvent, for drizzle's records and hand-written selects alike. */
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

export function toJourneyEvent(r: EventColumns): JourneyEvent {
  return {
    id: r.id,
    type: r.type as JourneyEvent["type"],
    name: r.name,
    anonymousId: r.anonymousId,
    customerId: r.customerId,
    sessionId: r.sessionId,
    timestamp: r.timestamp,
    properties: JSON.parse(r.properties) as JourneyEvent["properties"],
    traits: r.traits === null ? null : (JSON.parse(r.traits) as JourneyEvent["traits"]),
    context: JSON.parse(r.context) as JourneyEvent["context"],
    device: r.deviceType === null ? null : { browser: r.browser, os: r.os, type: r.deviceType },
  };
}
