/** Key rotation and allowed origins on SQLite, through drizzle: rare writes, far from the hot path. */
import { eq } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { hashKey, newReadKey, newSecretKey, newWriteKey } from "../keys.js";
import type { SiteKeyKind } from "../store.js";
import { sites, type schema } from "./schema.js";

export function createSiteAdmin(db: BetterSQLite3Database<typeof schema>) {
  return {
    rotateKey(siteId: string, kind: SiteKeyKind): string | null {
      const key = kind === "write" ? newWriteKey() : kind === "read" ? newReadKey() : newSecretKey();
      const column =
        kind === "write" ? { writeKey: key } : kind === "read" ? { readKeyHash: hashKey(key) } : { secretKeyHash: hashKey(key) };
      return db.update(sites).set(column).where(eq(sites.id, siteId)).run().changes === 1 ? key : null;
    },

    setOrigins(siteId: string, origins: readonly string[]): boolean {
      return (
        db
          .update(sites)
          .set({ origins: JSON.stringify(origins) })
          .where(eq(sites.id, siteId))
          .run().changes === 1
      );
    },
  };
}
