/** The admin token on SQLite: one row, replaced whole by `touchpoint admin-token`. */
import { eq } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { newAdminToken } from "../admin-token.js";
import { hashKey } from "../keys.js";
import { adminTokens, type schema } from "./schema.js";

export function createAdminTokens(db: BetterSQLite3Database<typeof schema>) {
  return {
    replace(): string {
      const token = newAdminToken();
      db.transaction(
        (tx) => {
          tx.delete(adminTokens).run();
          tx.insert(adminTokens)
            .values({ tokenHash: hashKey(token), createdAt: Date.now() })
            .run();
        },
        { behavior: "immediate" },
      );
      return token;
    },

    isCurrent(token: string): boolean {
      return (
        db
          .select({ tokenHash: adminTokens.tokenHash })
          .from(adminTokens)
          .where(eq(adminTokens.tokenHash, hashKey(token)))
          .get() !== undefined
      );
    },
  };
}
