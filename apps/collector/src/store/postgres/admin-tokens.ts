/** The admin token on PostgreSQL: one row, replaced whole by `touchpoint admin-token`. */
import { eq } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { newAdminToken } from "../admin-token.js";
import { hashKey } from "../keys.js";
import { adminTokens, type schema } from "./schema.js";

export function createAdminTokens(db: NodePgDatabase<typeof schema>) {
  return {
    async replace(): Promise<string> {
      const token = newAdminToken();
      await db.transaction(async (tx) => {
        await tx.delete(adminTokens);
        await tx.insert(adminTokens).values({ tokenHash: hashKey(token), createdAt: Date.now() });
      });
      return token;
    },

    async isCurrent(token: string): Promise<boolean> {
      return (
        (
          await db
            .select({ tokenHash: adminTokens.tokenHash })
            .from(adminTokens)
            .where(eq(adminTokens.tokenHash, hashKey(token)))
        ).length === 1
      );
    },
  };
}
