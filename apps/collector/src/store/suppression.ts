/**
 * The suppression list's keys, alike on every store. An erased customer must not come back when
 * the batches that created them are posted again (an SDK's retry queue does it without any
 * attacker), so erasure remembers, per site, the ids of the events it deleted and the customer id;
 * the customer id only as an HMAC-SHA256 under a random per-site salt, so the list itself does not
 * name who was erased (a guessed id can be checked only with the salt, which stays in the database).
 */
import { createHmac, randomBytes } from "node:crypto";

/** A new site salt: 256 random bits, hex. */
export function newSuppressionSalt(): string {
  return randomBytes(32).toString("hex");
}

/** What the suppression list holds for a customer id under a site's salt. */
export function suppressedCustomerHash(salt: string, customerId: string): string {
  return createHmac("sha256", salt).update(customerId).digest("hex");
}
