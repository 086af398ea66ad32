/**
 * The reports' side of a SQLite database on a read-only connection: digests, persons, one
 * person's events and spend, never a write (SQLite refuses any). Reports need nothing more,
 * so they run on a copy of the file, or beside a collector that owns the writes.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { EVENT_COLUMNS_SQL, journeyEventOfValues, type EventValues } from "../event-record.js";
import type { JourneyReader, Store } from "../store.js";
import { createEventsMarker } from "./events-marker.js";
import { createJourneyDigestReader } from "./journey-digest-reader.js";
import { createPersonChunks, createPersonStream } from "./person-stream.js";
import { schema } from "./schema.js";
import { createSpendRecords } from "./spend-records.js";

export type SqliteJourneyReader = JourneyReader & Pick<Store, "listSpend" | "close">;

export function openSqliteJourneyReader(path: string): SqliteJourneyReader {
  const client = new Database(path, { readonly: true, fileMustExist: true });
  client.pragma("busy_timeout = 5000");
  const spend = createSpendRecords(drizzle({ client, schema }));
  const digests = createJourneyDigestReader(client);
  const selectSite = client
    .prepare<[string, number], EventValues>(`SELECT ${EVENT_COLUMNS_SQL} FROM events WHERE site_id = ? ORDER BY timestamp, seq LIMIT ?`)
    .raw(true);
  const selectPerson = client
    .prepare<[string, string, number], EventValues>(
      `SELECT ${EVENT_COLUMNS_SQL} FROM events WHERE site_id = ? AND person_key = ? ORDER BY timestamp, seq LIMIT ?`,
    )
    .raw(true);
  return {
    async readEvents(siteId, { personKey, limit } = {}) {
      // SQLite reads a negative LIMIT as none.
      const rows = personKey === undefined ? selectSite.all(siteId, limit ?? -1) : selectPerson.all(siteId, personKey, limit ?? -1);
      return rows.map(journeyEventOfValues);
    },
    eventsMarker: createEventsMarker(client),
    streamPersons: createPersonStream(createPersonChunks(client)),
    streamJourneyDigests: digests.streamJourneyDigests,
    streamJourneyTouches: digests.streamJourneyTouches,
    streamJourneySummaries: digests.streamJourneySummaries,
    streamFunnelJourneys: digests.streamFunnelJourneys,
    journeyDigestsAsOf: digests.journeyDigestsAsOf,
    journeySummariesAsOf: digests.journeySummariesAsOf,
    async listSpend(siteId) {
      return spend.list(siteId);
    },
    async close() {
      client.close();
    },
  };
}
