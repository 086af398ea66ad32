/**
 * The events this process stored or read lately, by seq, for journey upkeep. Upkeep rebuilds a
 * changed person from their whole history, and reading it (every column of every row, two
 * JSON.parse a row) was about two thirds of its cost. Here a person's seqs come from the person
 * index alone, in the order a full read gives (timestamp, seq), and each event is taken from
 * memory when it is there: as ingest stored it (its parsed objects, EventRow.parsed) or as an
 * earlier read left it. Only the missing rows are read.
 *
 * A seq names one event for good: AUTOINCREMENT never hands a seq out twice, and a stored row
 * never changes but for person_key, which a JourneyEvent does not hold. So an entry is never
 * wrong, whoever deletes or moves rows; the index decides who belongs to the person. Memory is
 * bounded by an event count, the oldest seqs going first. Erasure in this process clears it, so
 * an erased customer's events do not stay here.
 */
import type Database from "better-sqlite3";
import type { JourneyEvent } from "@touchpoint/journeys";
import { AFTER_EVENT_VALUES, EVENT_COLUMNS_SQL, journeyEventOfValues, type EventValues } from "../event-record.js";
import type { EventRow } from "../store.js";

/** At about 1.5 KB an event, some 18 MB: a few passes of upkeep at 20,000 events a second. */
const DEFAULT_MAX_EVENTS = 12_000;
/** Up to this many missing rows are read one by one (by seq); more, and the person is read whole. */
const MAX_POINT_READS = 8;

export function createRecentEvents(client: Database.Database, maxEvents = DEFAULT_MAX_EVENTS) {
  const selectSeqs = client
    .prepare<[string, string], number>("SELECT seq FROM events WHERE site_id = ? AND person_key = ? ORDER BY timestamp, seq")
    .pluck();
  const selectBySeq = client.prepare<[number], EventValues>(`SELECT ${EVENT_COLUMNS_SQL} FROM events WHERE seq = ?`).raw(true);
  // Raw rows: the event columns, then seq (AFTER_EVENT_VALUES).
  const selectPerson = client
    .prepare<[string, string], EventValues>(
      `SELECT ${EVENT_COLUMNS_SQL}, seq FROM events WHERE site_id = ? AND person_key = ? ORDER BY timestamp, seq`,
    )
    .raw(true);
  // Map order is arrival order: mostly seq order, so the first key is about the oldest event.
  const events = new Map<number, JourneyEvent>();

  function remember(seq: number, event: JourneyEvent): void {
    events.set(seq, event);
    if (events.size > maxEvents) events.delete(events.keys().next().value as number);
  }

  return {
    /**
     * Rows stored under these seqs, once their transaction committed (a rolled back seq is handed
     * out again). Only rows that come with their parsed objects: parsing the others here would
     * cost every insert (seeding, say) what upkeep may never ask for.
     */
    stored(rows: readonly (readonly [seq: number, row: EventRow])[]): void {
      for (const [seq, row] of rows) {
        const parsed = row.parsed;
        if (parsed === undefined) continue;
        remember(seq, {
          id: row.id,
          type: row.type as JourneyEvent["type"],
          name: row.name,
          anonymousId: row.anonymousId,
          customerId: row.customerId,
          sessionId: row.sessionId,
          timestamp: row.timestamp,
          properties: parsed.properties,
          traits: parsed.traits,
          context: parsed.context,
          device: row.deviceType === null ? null : { browser: row.browser, os: row.os, type: row.deviceType },
        });
      }
    },

    /** One person's events in time order, as a full read gives them; inside upkeep's transaction. */
    eventsOf(siteId: string, personKey: string): JourneyEvent[] {
      const seqs = selectSeqs.all(siteId, personKey);
      let missing = 0;
      for (const seq of seqs) if (!events.has(seq)) missing++;
      if (missing > MAX_POINT_READS) {
        return selectPerson.all(siteId, personKey).map((row) => {
          const event = journeyEventOfValues(row);
          remember(row[AFTER_EVENT_VALUES] as number, event);
          return event;
        });
      }
      return seqs.map((seq) => {
        let event = events.get(seq);
        if (event === undefined) {
          event = journeyEventOfValues(selectBySeq.get(seq)!);
          remember(seq, event);
        }
        return event;
      });
    },

    forgetAll(): void {
      events.clear();
    },
  };
}

export type RecentEvents = ReturnType<typeof createRecentEvents>;
