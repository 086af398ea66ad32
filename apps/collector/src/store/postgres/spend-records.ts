/** Spend rows (POST /v1/spend) on PostgreSQL, through drizzle: a few rows per site, far from the hot path. */
import { randomBytes } from "node:crypto";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { SpendRow } from "@touchpoint/journeys";
import type { AddSpendResult, StoredSpend } from "../store.js";
import { spend, type schema } from "./schema.js";

type SpendRecord = typeof spend.$inferSelect;

/** The advisory-lock class of spend keys (the two-number form never meets single-number locks). */
const SPEND_LOCK_CLASS = 7_130;

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

export function createSpendRecords(db: NodePgDatabase<typeof schema>) {
  return {
    add(siteId: string, row: SpendRow): Promise<AddSpendResult> {
      return db.transaction(async (tx) => {
        // Two collectors adding rows of one key at once take turns, so check and insert are atomic.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${SPEND_LOCK_CLASS}, hashtext(${`${siteId}\n${row.groupBy}\n${row.key}`}))`);
        const sameKey = and(eq(spend.siteId, siteId), eq(spend.groupBy, row.groupBy), eq(spend.key, row.key));
        const [other] = await tx
          .select({ currency: spend.currency })
          .from(spend)
          .where(and(sameKey, ne(spend.currency, row.currency)))
          .limit(1);
        if (other) return { currencyConflict: other.currency };
        const [record] = await tx
          .insert(spend)
          .values({ id: `spend_${randomBytes(12).toString("base64url")}`, siteId, ...row, createdAt: Date.now() })
          .returning();
        return { stored: toStoredSpend(record as SpendRecord) };
      });
    },

    async delete(siteId: string, spendId: string): Promise<boolean> {
      return (
        (
          await db
            .delete(spend)
            .where(and(eq(spend.siteId, siteId), eq(spend.id, spendId)))
            .returning({ id: spend.id })
        ).length === 1
      );
    },

    async list(siteId: string): Promise<StoredSpend[]> {
      return (await db.select().from(spend).where(eq(spend.siteId, siteId)).orderBy(asc(spend.createdAt), asc(spend.id))).map(
        toStoredSpend,
      );
    },
  };
}
