import Database from "better-sqlite3";

/**
 * Reads the collector's SQLite file directly, read-only (WAL lets it sit beside a running
 * collector): what is on disk is what counts, whatever the HTTP answers said.
 */
export interface StoredEvent {
  id: string;
  type: string;
  name: string;
  anonymousId: string | null;
  customerId: string | null;
  properties: unknown;
}

interface EventRow {
  id: string;
  type: string;
  name: string;
  anonymous_id: string | null;
  customer_id: string | null;
  properties: string;
}

export function withDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function readStoredEvents(file: string, siteId: string): StoredEvent[] {
  return withDatabase(file, (db) =>
    db
      .prepare<[string], EventRow>("SELECT id, type, name, anonymous_id, customer_id, properties FROM events WHERE site_id = ?")
      .all(siteId)
      .map((row) => ({
        id: row.id,
        type: row.type,
        name: row.name,
        anonymousId: row.anonymous_id,
        customerId: row.customer_id,
        properties: JSON.parse(row.properties) as unknown,
      })),
  );
}

/** Rows in the events table, all sites. */
export function countStoredEvents(file: string): number {
  return withDatabase(file, (db) => (db.prepare("SELECT COUNT(*) AS n FROM events").get() as { n: number }).n);
}

/** SQLite's own check of the file's structure: "ok" when nothing is corrupt. */
export function integrityCheck(file: string): string {
  return withDatabase(file, (db) => db.pragma("integrity_check", { simple: true }) as string);
}
