import { withDatabase } from "./process-db.js";

/** One stored event of a visitor: its type and name, in stored time order. */
export interface VisitorEvent {
  type: string;
  name: string;
}

function visitorEvents(db: string, anonymousId: string): VisitorEvent[] {
  return withDatabase(db, (sqlite) =>
    sqlite.prepare<[string], VisitorEvent>("SELECT type, name FROM events WHERE anonymous_id = ? ORDER BY timestamp, seq").all(anonymousId),
  );
}

/**
 * Polls the collector's SQLite file (read-only, beside the running collector) until the visitor
 * has `count` stored events, or fails with what is stored after `timeoutMs`.
 */
export async function waitForVisitorEvents(db: string, anonymousId: string, count: number, timeoutMs = 30_000): Promise<VisitorEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = visitorEvents(db, anonymousId);
    if (events.length >= count) return events;
    if (Date.now() > deadline)
      throw new Error(`expected ${count} stored events of ${anonymousId}; stored: ${JSON.stringify(events.map((e) => e.name))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
