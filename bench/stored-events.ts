import Database from "better-sqlite3";

/**
 * Counts a site's stored events straight from the collector's SQLite file, read-only, after the
 * collector has stopped: the ground truth to hold the collector's answers against.
 */
export function countStoredEvents(dbPath: string, siteId: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT count(*) AS n FROM events WHERE site_id = ?").get(siteId) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
