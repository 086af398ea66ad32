/**
 * Retention on SQLite: the events of every site older than a time go, a chunk per transaction
 * (the group-commit writer waits milliseconds, not seconds), and in the same transaction each
 * person the chunk leaves without events is forgotten: digest, stale mark and, for a customer,
 * links (customer-records.ts forgetIfEmpty). Traits live in identify events and go with them.
 */
import { setImmediate } from "node:timers/promises";
import type Database from "better-sqlite3";

/** Events deleted per transaction. */
const DELETE_CHUNK = 5_000;

export function createRetention(client: Database.Database, forgetIfEmpty: (siteId: string, personKey: string) => void) {
  const selectSites = client.prepare<[], string>("SELECT id FROM sites").pluck();
  // Through the (site_id, timestamp) index.
  const selectChunk = client
    .prepare<[string, number, number], [number, string]>("SELECT seq, person_key FROM events WHERE site_id = ? AND timestamp < ? LIMIT ?")
    .raw(true);
  const deleteSeqs = client.prepare<[string]>("DELETE FROM events WHERE seq IN (SELECT value FROM json_each(?))");

  const deleteChunk = client.transaction((siteId: string, before: number): number => {
    const rows = selectChunk.all(siteId, before, DELETE_CHUNK);
    if (rows.length === 0) return 0;
    deleteSeqs.run(JSON.stringify(rows.map(([seq]) => seq)));
    for (const personKey of new Set(rows.map(([, personKey]) => personKey))) forgetIfEmpty(siteId, personKey);
    return rows.length;
  });

  return async function deleteEventsBefore(before: number): Promise<number> {
    let deleted = 0;
    for (const siteId of selectSites.all()) {
      for (;;) {
        const count = deleteChunk.immediate(siteId, before);
        deleted += count;
        if (count < DELETE_CHUNK) break;
        // Let waiting ingest commits (same process) go between chunks.
        await setImmediate();
      }
    }
    return deleted;
  };
}
