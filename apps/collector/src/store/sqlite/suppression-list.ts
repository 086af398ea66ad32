/**
 * The suppression list on SQLite (see ../suppression.ts): filled by erasure, read by every insert
 * transaction. A site that was never erased from has no salt, so its rows cost one cached lookup
 * per transaction and nothing per row.
 */
import type Database from "better-sqlite3";
import { customerKey } from "@touchpoint/journeys";
import type { EventRow } from "../store.js";
import { createSuppressedCustomerHashes, newSuppressionSalt, suppressedCustomerHash } from "../suppression.js";

export function createSuppressionList(client: Database.Database) {
  const selectSalt = client.prepare<[string], string>("SELECT salt FROM suppression_salts WHERE site_id = ?").pluck();
  const insertSalt = client.prepare<[string, string]>("INSERT OR IGNORE INTO suppression_salts (site_id, salt) VALUES (?, ?)");
  const selectEvent = client
    .prepare<[string, string], number>("SELECT 1 FROM suppressed_events WHERE site_id = ? AND event_id = ?")
    .pluck();
  const selectCustomer = client
    .prepare<[string, string], number>("SELECT 1 FROM suppressed_customers WHERE site_id = ? AND customer_hash = ?")
    .pluck();
  const insertCustomer = client.prepare<[string, string]>(
    "INSERT OR IGNORE INTO suppressed_customers (site_id, customer_hash) VALUES (?, ?)",
  );
  const customerHash = createSuppressedCustomerHashes();
  const insertEventsOf = client.prepare<[string, string]>(
    "INSERT OR IGNORE INTO suppressed_events (site_id, event_id) SELECT site_id, id FROM events WHERE site_id = ? AND person_key = ?",
  );

  return {
    /** Inside the erasure's transaction, before its events are deleted: lists them and the customer. */
    suppressCustomer(siteId: string, customerId: string): void {
      insertSalt.run(siteId, newSuppressionSalt());
      const salt = selectSalt.get(siteId) as string;
      insertCustomer.run(siteId, suppressedCustomerHash(salt, customerId));
      insertEventsOf.run(siteId, customerKey(customerId));
    },

    /** Call once per insert transaction: the returned check tells whether a row is suppressed. */
    checker(): (row: EventRow) => boolean {
      const salts = new Map<string, string | null>();
      return (row) => {
        let salt = salts.get(row.siteId);
        if (salt === undefined) {
          salt = selectSalt.get(row.siteId) ?? null;
          salts.set(row.siteId, salt);
        }
        if (salt === null) return false;
        if (selectEvent.get(row.siteId, row.id) !== undefined) return true;
        return row.customerId !== null && selectCustomer.get(row.siteId, customerHash(salt, row.customerId)) !== undefined;
      };
    },
  };
}

export type SuppressionList = ReturnType<typeof createSuppressionList>;
