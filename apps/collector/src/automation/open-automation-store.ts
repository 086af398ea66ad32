import { isPostgresUrl } from "../cli/open-store.js";
import type { AutomationStore } from "../store/automation-store.js";
import { openPostgresAutomationStore } from "../store/postgres/automation-driver.js";
import { openSqliteAutomationStore } from "../store/sqlite/automation-driver.js";

/** Automation's store beside the collector's: the same PostgreSQL database, or the same SQLite file (opened after the store made it). */
export async function openAutomationStoreAt(db: string): Promise<AutomationStore> {
  return isPostgresUrl(db) ? openPostgresAutomationStore(db) : openSqliteAutomationStore(db);
}
