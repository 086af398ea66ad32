import type { EventContext, Properties } from "@touchpoint/protocol/types";
import { withDatabase } from "./process-db.js";

/** One stored event of a site, with what the SDK put in it. */
export interface SdkStoredEvent {
  id: string;
  type: string;
  name: string;
  anonymousId: string | null;
  customerId: string | null;
  sessionId: string | null;
  /** Milliseconds, as stored (corrected for clock skew). */
  timestamp: number;
  properties: Properties;
  context: EventContext;
}

interface Row {
  id: string;
  type: string;
  name: string;
  anonymous_id: string | null;
  customer_id: string | null;
  session_id: string | null;
  timestamp: number;
  properties: string;
  context: string;
}

/** The site's events in the collector's SQLite file (read-only, beside the running collector), in time order. */
export function readSdkEvents(file: string, siteId: string): SdkStoredEvent[] {
  return withDatabase(file, (db) =>
    db
      .prepare<[string], Row>(
        "SELECT id, type, name, anonymous_id, customer_id, session_id, timestamp, properties, context FROM events WHERE site_id = ? ORDER BY timestamp, seq",
      )
      .all(siteId)
      .map((row) => ({
        id: row.id,
        type: row.type,
        name: row.name,
        anonymousId: row.anonymous_id,
        customerId: row.customer_id,
        sessionId: row.session_id,
        timestamp: row.timestamp,
        properties: JSON.parse(row.properties) as Properties,
        context: JSON.parse(row.context) as EventContext,
      })),
  );
}

/** Polls until `done` holds for the stored events, or fails with what is stored after `timeoutMs`. */
export async function waitForSdkEvents(
  file: string,
  siteId: string,
  done: (events: SdkStoredEvent[]) => boolean,
  timeoutMs = 30_000,
): Promise<SdkStoredEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = readSdkEvents(file, siteId);
    if (done(events)) return events;
    if (Date.now() > deadline)
      throw new Error(`stored events did not arrive in time; stored: ${JSON.stringify(events.map((e) => e.name))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
