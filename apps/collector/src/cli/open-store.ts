import { postgresLabel } from "../store/postgres/postgres-label.js";
import { openPostgresStore, type PostgresStoreOptions } from "../store/postgres/postgres-store.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";

export const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//.test(db);

/** The store behind a --db value: a postgres:// (or postgresql://) URL, else a SQLite file path. */
export async function openStoreAt(
  db: string,
  postgres: Pick<PostgresStoreOptions, "connectTimeoutMs" | "statementTimeoutMs"> = {},
): Promise<Store> {
  return isPostgresUrl(db) ? openPostgresStore(db, postgres) : openSqliteStore(db);
}

/** A --db value fit for logs: a URL loses its password. */
export function databaseLabel(db: string): string {
  return isPostgresUrl(db) ? postgresLabel(db) : db;
}
