/** Erasing a whole site on SQLite (`touchpoint sites delete`): rare, and never one long transaction. */
import { setImmediate } from "node:timers/promises";
import type Database from "better-sqlite3";
import type { DeletedSite } from "../store.js";

/** Events deleted per transaction, as retention does: the group-commit writer waits milliseconds. */
const DELETE_CHUNK = 5_000;

export function createSiteRemoval(client: Database.Database) {
  // Keys no request can present (unique per site, as the indexes want).
  const revokeKeys = client.prepare(
    "UPDATE sites SET write_key = 'revoked:' || id || ':w', read_key_hash = 'revoked:' || id || ':r', secret_key_hash = 'revoked:' || id || ':s' WHERE id = ?",
  );
  const deleteEventChunk = client.prepare(
    `DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE site_id = ? LIMIT ${DELETE_CHUNK})`,
  );
  // Every table with a site_id column, events first: its delete trigger marks digests stale,
  // and those marks must go too.
  const siteTables = client
    .prepare(
      `SELECT m.name FROM sqlite_master m
       WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'site_id')
       ORDER BY m.name = 'events' DESC, m.name`,
    )
    .pluck();
  const deleteRest = client.transaction((siteId: string): DeletedSite => {
    const deleted: DeletedSite = {};
    for (const table of siteTables.all() as string[]) {
      deleted[table] = client.prepare(`DELETE FROM "${table}" WHERE site_id = ?`).run(siteId).changes;
    }
    deleted.sites = client.prepare("DELETE FROM sites WHERE id = ?").run(siteId).changes;
    return deleted;
  });

  return async function deleteSite(siteId: string): Promise<DeletedSite | null> {
    // First the keys: no new request gets in while the events go, and a deletion cut short
    // (a crash) leaves a site that takes nothing until `sites delete` runs again.
    if (revokeKeys.run(siteId).changes === 0) return null;
    let events = 0;
    for (;;) {
      const { changes } = deleteEventChunk.run(siteId);
      events += changes;
      if (changes < DELETE_CHUNK) break;
      // Let waiting ingest commits (same process) go between chunks.
      await setImmediate();
    }
    const deleted = deleteRest.immediate(siteId);
    // Events ingested while the chunks ran went in the last transaction.
    deleted.events = (deleted.events ?? 0) + events;
    return deleted.sites === 1 ? deleted : null;
  };
}
