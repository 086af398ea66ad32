/**
 * Store.eventsMarker and Store.personEventsMarker on SQLite. A site's marker: the count and the
 * sum of seq (unique, never reused) of its events, and the table's seq high-water mark, which only
 * grows: an event added and deleted again between two reads leaves count and sum as they were,
 * never the high-water mark. A person's: the count, sum and greatest seq of their events.
 */
import type Database from "better-sqlite3";

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

export function createPersonEventsMarker(client: Database.Database): (siteId: string, personKey: string) => Promise<string | null> {
  // The (site_id, person_key, timestamp) index holds the rowid (seq): the table is not read.
  const select = client.prepare<[string, string], { n: number; s: number; m: number }>(
    "SELECT count(*) AS n, sum(seq) AS s, max(seq) AS m FROM events WHERE site_id = ? AND person_key = ?",
  );
  return async (siteId, personKey) => {
    const row = select.get(siteId, personKey) as { n: number; s: number; m: number };
    return row.n === 0 ? null : `${row.n}:${row.s}:${row.m}`;
  };
}
