import { isPostgresUrl } from "../cli/open-store.js";
import type { AutomationStore } from "../store/automation-store.js";
import { openPostgresAutomationStore } from "../store/postgres/automation-driver.js";
import { openSqliteAutomationStore } from "../store/sqlite/automation-driver.js";
import { sqliteConnectionOf } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";

/**
 * Automation's store beside the collector's: the same PostgreSQL database, or the same SQLite file
 * (opened after the store made it), on the store's own connection when `beside` is that SQLite store.
 */
export async function openAutomationStoreAt(db: string, beside?: Store): Promise<AutomationStore> {
  if (isPostgresUrl(db)) return openPostgresAutomationStore(db);
  return openSqliteAutomationStore(db, beside && sqliteConnectionOf(beside));
}
