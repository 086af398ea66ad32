/** Stage models, key rotation, allowed origins and retention on PostgreSQL: rare writes, far from the hot path. */
import { eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { StageModel } from "@touchpoint/journeys";
import { hashKey, newReadKey, newSecretKey, newWriteKey } from "../keys.js";
import type { SiteKeyKind } from "../store.js";
import { sites, type schema } from "./schema.js";

/** Events deleted per transaction: each is short, so ingest on every node waits milliseconds at most. */
const DELETE_CHUNK = 5_000;

export function createSiteAdmin(db: NodePgDatabase<typeof schema>) {
  const updateSite = async (siteId: string, set: Partial<typeof sites.$inferInsert>) =>
    (await db.update(sites).set(set).where(eq(sites.id, siteId)).returning({ id: sites.id })).length === 1;

  return {
    setStageModel(siteId: string, model: StageModel | null): Promise<boolean> {
      return updateSite(siteId, { stageModel: model === null ? null : JSON.stringify(model) });
    },

    async rotateKey(siteId: string, kind: SiteKeyKind): Promise<string | null> {
      const key = kind === "write" ? newWriteKey() : kind === "read" ? newReadKey() : newSecretKey();
      const column =
        kind === "write" ? { writeKey: key } : kind === "read" ? { readKeyHash: hashKey(key) } : { secretKeyHash: hashKey(key) };
      return (await updateSite(siteId, column)) ? key : null;
    },

    setOrigins(siteId: string, origins: readonly string[]): Promise<boolean> {
      return updateSite(siteId, { origins: JSON.stringify(origins) });
    },

    /**
     * Deletes the events before `before`, a chunk per statement, each its own transaction, and
     * hands each chunk's persons to `forgetEmptyPersons` (links and visitor rows of those left
     * with nothing).
     */
    async deleteEventsBefore(
      before: number,
      forgetEmptyPersons: (siteId: string, personKeys: Iterable<string>) => Promise<void>,
    ): Promise<number> {
      let deleted = 0;
      for (const { id } of await db.select({ id: sites.id }).from(sites)) {
        for (;;) {
          // Through the (site_id, timestamp) index.
          const { rows } = await db.execute<{ person_key: string }>(sql`DELETE FROM events WHERE (site_id, id) IN (
            SELECT site_id, id FROM events WHERE site_id = ${id} AND timestamp < ${before} LIMIT ${DELETE_CHUNK}) RETURNING person_key`);
          deleted += rows.length;
          await forgetEmptyPersons(id, new Set(rows.map((r) => r.person_key)));
          if (rows.length < DELETE_CHUNK) break;
        }
      }
      return deleted;
    },
  };
}
