import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";
import { migrationsFolder } from "../migrations-folder.js";

/** Any fixed 64-bit number, the same in every collector: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 7_130_556_289_101;

/**
 * Applies pending migrations from apps/collector/drizzle/postgres. Several collectors may start at
 * once against one database: without a lock, two would both see a migration as pending, or race
 * to create drizzle's bookkeeping schema and fail. A session-level advisory lock on one
 * connection makes them take turns; the later ones then find nothing left to apply.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder("postgres") });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection that failed mid-migration may still hold the lock or a transaction: drop it.
    client.release(broken);
  }
}
