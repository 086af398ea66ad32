/** Spend rows (POST /v1/spend) on SQLite, through drizzle: a few rows per site, far from the hot path. */
import { randomBytes } from "node:crypto";
import { and, asc, eq, ne } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { SpendRow } from "@touchpoint/journeys";
import type { AddSpendResult, StoredSpend } from "../store.js";
import { spend, type schema } from "./schema.js";

type SpendRecord = typeof spend.$inferSelect;

function toStoredSpend(r: SpendRecord): StoredSpend {
  return {
    id: r.id,
    groupBy: r.groupBy as SpendRow["groupBy"],
    key: r.key,
    from: r.from,
    to: r.to,
    amount: r.amount,
    currency: r.currency,
    createdAt: r.createdAt,
  };
}

export function createSpendRecords(db: BetterSQLite3Database<typeof schema>) {
  return {
    add(siteId: string, row: SpendRow): AddSpendResult {
      // One synchronous transaction: no other write can slip between the check and the insert.
      return db.transaction(
        (tx) => {
          const sameKey = and(eq(spend.siteId, siteId), eq(spend.groupBy, row.groupBy), eq(spend.key, row.key));
          const other = tx
            .select({ currency: spend.currency })
            .from(spend)
            .where(and(sameKey, ne(spend.currency, row.currency)))
            .limit(1)
            .get();
          if (other) return { currencyConflict: other.currency };
          const record = tx
            .insert(spend)
            .values({ id: `spend_${randomBytes(12).toString("base64url")}`, siteId, ...row, createdAt: Date.now() })
            .returning()
            .get();
          return { stored: toStoredSpend(record) };
        },
        { behavior: "immediate" },
      );
    },

    delete(siteId: string, spendId: string): boolean {
      return (
        db
          .delete(spend)
          .where(and(eq(spend.siteId, siteId), eq(spend.id, spendId)))
          .run().changes === 1
      );
    },

    list(siteId: string): StoredSpend[] {
      return db.select().from(spend).where(eq(spend.siteId, siteId)).orderBy(asc(spend.createdAt), asc(spend.id)).all().map(toStoredSpend);
    },
  };
}
