/** Key rotation, allowed origins and retention on SQLite, through drizzle: rare writes, far from the hot path. */
import { setImmediate } from "node:timers/promises";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { hashKey, newReadKey, newSecretKey, newWriteKey } from "../keys.js";
import type { SiteKeyKind } from "../store.js";
import { events, sites, type schema } from "./schema.js";

/** Events deleted per transaction: small enough that the group-commit writer waits milliseconds, not seconds. */
const DELETE_CHUNK = 5_000;

export function createSiteAdmin(db: BetterSQLite3Database<typeof schema>) {
  return {
    rotateKey(siteId: string, kind: SiteKeyKind): string | null {
      const key = kind === "write" ? newWriteKey() : kind === "read" ? newReadKey() : newSecretKey();
      const column = kind === "write" ? { writeKey: key } : kind === "read" ? { readKeyHash: hashKey(key) } : { secretKeyHash: hashKey(key) };
      return db.update(sites).set(column).where(eq(sites.id, siteId)).run().changes === 1 ? key : null;
    },

    setOrigins(siteId: string, origins: readonly string[]): boolean {
      return db.update(sites).set({ origins: JSON.stringify(origins) }).where(eq(sites.id, siteId)).run().changes === 1;
    },

    async deleteEventsBefore(before: number): Promise<number> {
      let deleted = 0;
      for (const { id } of db.select({ id: sites.id }).from(sites).all()) {
        for (;;) {
          // Through the (site, timestamp) index, a chunk at a time, each chunk its own transaction.
          const chunk = db.select({ seq: events.seq }).from(events).where(and(eq(events.siteId, id), lt(events.timestamp, before))).limit(DELETE_CHUNK);
          const { changes } = db.delete(events).where(inArray(events.seq, chunk)).run();
          deleted += changes;
          if (changes < DELETE_CHUNK) break;
          // Let waiting ingest commits (same process) go between chunks.
          await setImmediate();
        }
      }
      return deleted;
    },
  };
}
