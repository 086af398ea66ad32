/** Erasing a whole site on PostgreSQL (`touchpoint sites delete`): rare, and never one long transaction. */
import type pg from "pg";
import type { DeletedSite } from "../store.js";

/** Events deleted per statement, as retention does: ingest on every node waits milliseconds at most. */
const DELETE_CHUNK = 5_000;

export function createSiteRemoval(pool: pg.Pool) {
  return async function deleteSite(siteId: string): Promise<DeletedSite | null> {
    // First the keys: no new request gets in while the events go, and a deletion cut short
    // leaves a site that takes nothing until `sites delete` runs again.
    const revoked = await pool.query(
      "UPDATE sites SET write_key = 'revoked:' || id || ':w', read_key_hash = 'revoked:' || id || ':r', secret_key_hash = 'revoked:' || id || ':s' WHERE id = $1",
      [siteId],
    );
    if (revoked.rowCount === 0) return null;
    let events = 0;
    for (;;) {
      const { rowCount } = await pool.query(
        `DELETE FROM events WHERE (site_id, id) IN (SELECT site_id, id FROM events WHERE site_id = $1 LIMIT ${DELETE_CHUNK})`,
        [siteId],
      );
      events += rowCount ?? 0;
      if ((rowCount ?? 0) < DELETE_CHUNK) break;
    }
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      // Every table with a site_id column, so tables added later are covered too.
      const tables = await client.query<{ table_name: string }>(
        `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
         WHERE c.table_schema = current_schema() AND c.column_name = 'site_id'
         ORDER BY c.table_name = 'events' DESC, c.table_name`,
      );
      const deleted: DeletedSite = {};
      for (const { table_name: table } of tables.rows) {
        deleted[table] = (await client.query(`DELETE FROM "${table}" WHERE site_id = $1`, [siteId])).rowCount ?? 0;
      }
      deleted.sites = (await client.query("DELETE FROM sites WHERE id = $1", [siteId])).rowCount ?? 0;
      await client.query("COMMIT");
      // Events ingested while the chunks ran went in the transaction.
      deleted.events = (deleted.events ?? 0) + events;
      return deleted.sites === 1 ? deleted : null;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };
}
