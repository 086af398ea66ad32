/**
 * Store.eventsMarker on SQLite: the count and the sum of seq (unique, never reused) of a site's
 * events, and the table's seq high-water mark, which only grows: an event added and deleted again
 * between two reads leaves count and sum as they were, never the high-water mark.
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
