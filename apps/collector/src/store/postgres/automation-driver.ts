/**
 * Automation's PostgreSQL pool, with automation's migrations (taking turns with other collectors
 * starting at once, as the main migrations do). Queries are written with `?`; this driver numbers them.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { migrationsFolder } from "../migrations-folder.js";
import { createSqlAutomationStore, sqlTransaction, type SqlDriver } from "../automation-sql.js";
import type { AutomationStore } from "../automation-store.js";
import { inTransaction } from "./transaction.js";

/** Not the main migrations' lock: automation migrates after the store has opened. */
const AUTOMATION_MIGRATION_LOCK = 7_130_556_289_117;

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

function driverOn(pool: pg.Pool): SqlDriver {
  return {
    dialect: "postgres",
    all: async (sql, params = []) => (await pool.query(numbered(sql), [...params])).rows as Record<string, unknown>[],
    run: async (sql, params = []) => (await pool.query(numbered(sql), [...params])).rowCount ?? 0,
    transaction: (work) =>
      inTransaction(pool, async (tx) => {
        const body = work(sqlTransaction);
        for (let step = body.next(); ; ) {
          if (step.done) return step.value;
          const { kind, sql, params } = step.value;
          const result = await tx.query(numbered(sql), [...params]);
          step = body.next(kind === "all" ? result.rows : (result.rowCount ?? 0));
        }
      }),
    close: () => pool.end(),
  };
}

export async function openPostgresAutomationStore(
  url: string,
  { maxConnections = 4 }: { maxConnections?: number } = {},
): Promise<AutomationStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    application_name: "touchpoint-automation",
    connectionTimeoutMillis: 5_000,
    statement_timeout: 15_000,
  });
  pool.on("error", (error) => console.error("touchpoint: an idle PostgreSQL connection of automation failed:", error.message));
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [AUTOMATION_MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), {
        migrationsFolder: migrationsFolder("postgres-automation"),
        migrationsTable: "__drizzle_automation_migrations",
      });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [AUTOMATION_MIGRATION_LOCK]);
    }
  } catch (error) {
    client.release(error as Error);
    await pool.end();
    throw error;
  }
  client.release();
  return createSqlAutomationStore(driverOn(pool));
}
