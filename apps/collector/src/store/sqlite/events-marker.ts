/** Store.eventsMarker on SQLite: the count and the sum of seq (unique, never reused) of a site's events. */
import type Database from "better-sqlite3";

export function createEventsMarker(client: Database.Database): (siteId: string) => Promise<string> {
  const select = client.prepare<[string], { n: number; s: number }>("SELECT count(*) AS n, total(seq) AS s FROM events WHERE site_id = ?");
  return async (siteId) => {
    const row = select.get(siteId) as { n: number; s: number };
    return `${row.n}:${row.s}`;
  };
}
