/**
 * Store.eventsMarker, Store.personEventsMarker and Store.readMarkedPersonEvents on SQLite. A
 * site's marker: the count and the sum of seq (unique, never reused) of its events, and the
 * table's seq high-water mark, which only grows: an event added and deleted again between two
 * reads leaves count and sum as they were, never the high-water mark. A person's: the count, sum
 * and greatest seq of their events.
 */
import type { JourneyEvent } from "@touchpoint/journeys";
import type Database from "better-sqlite3";
import { personMarkerOf } from "../person-marker.js";
import type { MarkedPersonEvents } from "../store.js";

export function createEventsMarker(client: Database.Database): (siteId: string) => Promise<string> {
  const select = client.prepare<[string], { n: number; s: number; h: number | null }>(
    `SELECT count(*) AS n, coalesce(sum(seq), 0) AS s, (SELECT seq FROM sqlite_sequence WHERE name = 'events') AS h
     FROM events WHERE site_id = ?`,
  );
  return async (siteId) => {
    const row = select.get(siteId) as { n: number; s: number; h: number | null };
    return `${row.n}:${row.s}:${row.h ?? 0}`;
  };
}

/** Store.personEventsMarker, synchronous: the (site_id, person_key, timestamp) index holds the seq, so the table is not read. */
export function createPersonEventsMarker(client: Database.Database): (siteId: string, personKey: string) => string | null {
  const select = client.prepare<[string, string], { n: number; s: number | null; m: number | null }>(
    "SELECT count(*) AS n, sum(seq) AS s, max(seq) AS m FROM events WHERE site_id = ? AND person_key = ?",
  );
  return (siteId, personKey) => {
    const { n, s, m } = select.get(siteId, personKey) as { n: number; s: number | null; m: number | null };
    return personMarkerOf(n, s ?? 0, m ?? 0);
  };
}

/** Store.readMarkedPersonEvents: the marker and the events in one read transaction, one snapshot of the file. */
export function createMarkedPersonEvents(
  client: Database.Database,
  markerOf: (siteId: string, personKey: string) => string | null,
  readPerson: (siteId: string, personKey: string) => JourneyEvent[],
): (siteId: string, personKey: string) => MarkedPersonEvents | null {
  return client.transaction((siteId: string, personKey: string) => {
    const marker = markerOf(siteId, personKey);
    return marker === null ? null : { marker, events: readPerson(siteId, personKey) };
  });
}
