import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";
import { UsageError } from "./command.js";

/** The store behind a --db value: a SQLite file path. */
export async function openStoreAt(db: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) throw new UsageError("PostgreSQL URLs are not supported yet; give a SQLite file path");
  return openSqliteStore(db);
}
