/**
 * The suppression list's keys, alike on every store. An erased customer must not come back when
 * the batches that created them are posted again (an SDK's retry queue does it without any
 * attacker), so erasure remembers, per site, the ids of the events it deleted and the customer id;
 * the customer id only as an HMAC-SHA256 under a random per-site salt, so the list itself does not
 * name who was erased (a guessed id can be checked only with the salt, which stays in the database).
 */
import { createHmac, randomBytes } from "node:crypto";
import { LruCache } from "../enrich/lru-cache.js";

/** A new site salt: 256 random bits, hex. */
export function newSuppressionSalt(): string {
  return randomBytes(32).toString("hex");
}

/** What the suppression list holds for a customer id under a site's salt. */
export function suppressedCustomerHash(salt: string, customerId: string): string {
  return createHmac("sha256", salt).update(customerId).digest("hex");
}

/** Customer hashes an insert path keeps: a site's batches repeat their customers. */
export const SUPPRESSION_HASH_CACHE_ENTRIES = 10_000;

/**
 * suppressedCustomerHash behind a bounded LRU cache, for the insert path of a site with an
 * erasure: an HMAC costs about 8 us, a fifth of a stored row, where a cache hit costs a map lookup.
 */
export function createSuppressedCustomerHashes(
  maxEntries: number = SUPPRESSION_HASH_CACHE_ENTRIES,
): (salt: string, customerId: string) => string {
  const cache = new LruCache<string, string>(maxEntries);
  return (salt, customerId) => {
    // A salt is hex, so the newline cannot occur in it: the key names one (salt, id) pair.
    const key = `${salt}\n${customerId}`;
    let hash = cache.get(key);
    if (hash === undefined) {
      hash = suppressedCustomerHash(salt, customerId);
      cache.set(key, hash);
    }
    return hash;
  };
}
