/**
 * Identity stitching on SQLite, inside the insert transaction, so no reader or other writer ever
 * sees an event stored under a stale person key. Per transaction it costs one read of the links
 * of the anonymous ids in it (primary-key lookups); only an identify whose link
 * wins (journeys' preferredLink: the earliest identify of an anonymous id) writes, moving that
 * anonymous id's events from their old person key to the customer's. Those events are found
 * through the (site_id, person_key, timestamp) index: an anonymous id's events without a
 * customerId all sit under its owner's key, or under `a:<anonymousId>` while it has none.
 */
import type Database from "better-sqlite3";
import {
  anonymousKey,
  customerKey,
  identityLinkOf,
  personKeyOf,
  preferredLink,
  type EventKind,
  type IdentityLink,
} from "@touchpoint/journeys";
import type { EventRow } from "../store.js";

export interface IdentityStitcher {
  /** The person key a row is stored under: its own customer, else its anonymous id's owner, else the anonymous id. */
  personKeyOf(row: EventRow): string;
  /** After a row was stored as new: an identify whose link wins links its anonymous id and moves that id's events. */
  linkIdentify(row: EventRow): void;
}

interface LinkRecord {
  customerId: string;
  eventId: string;
  linkedAt: number;
}

/** Parameters: site id, anonymous id, customer id, linked at, event id. */
export const UPSERT_LINK_SQL = `INSERT INTO identity_links (site_id, anonymous_id, customer_id, linked_at, event_id) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (site_id, anonymous_id) DO UPDATE SET customer_id = excluded.customer_id, linked_at = excluded.linked_at, event_id = excluded.event_id`;

/**
 * Prepares the statements once; call the result once per transaction, with the transaction's
 * rows: it reads the links of all their anonymous ids in one statement per site (one call into
 * SQLite instead of one per visitor) and keeps them for the transaction.
 */
export function createIdentityStitching(client: Database.Database): (rows: readonly EventRow[]) => IdentityStitcher {
  const selectLinks = client.prepare<[string, string], LinkRecord & { anonymousId: string }>(
    `SELECT anonymous_id AS anonymousId, customer_id AS customerId, event_id AS eventId, linked_at AS linkedAt FROM identity_links
     WHERE site_id = ? AND anonymous_id IN (SELECT value FROM json_each(?))`,
  );
  const upsertLink = client.prepare<[string, string, string, number, string]>(UPSERT_LINK_SQL);
  const moveEvents = client.prepare<[string, string, string, string]>(
    "UPDATE events SET person_key = ? WHERE site_id = ? AND person_key = ? AND anonymous_id = ? AND customer_id IS NULL",
  );

  // Ids never hold control characters (the protocol refuses them), so NUL separates safely.
  const cacheKey = (siteId: string, anonymousId: string) => `${siteId}\u0000${anonymousId}`;

  return (rows) => {
    // Anonymous ids whose link a row needs: for its own person key, or to propose a link.
    const wanted = new Map<string, Set<string>>();
    for (const row of rows) {
      if (row.anonymousId === null || (row.customerId !== null && row.type !== "identify")) continue;
      const ids = wanted.get(row.siteId) ?? new Set<string>();
      wanted.set(row.siteId, ids.add(row.anonymousId));
    }
    const links = new Map<string, IdentityLink>();
    for (const [siteId, ids] of wanted) {
      for (const record of selectLinks.all(siteId, JSON.stringify([...ids]))) {
        const { anonymousId, customerId, eventId, linkedAt } = record;
        links.set(cacheKey(siteId, anonymousId), { anonymousId, customerId, eventId, timestamp: linkedAt });
      }
    }
    const linkOf = (siteId: string, anonymousId: string): IdentityLink | null => links.get(cacheKey(siteId, anonymousId)) ?? null;

    return {
      personKeyOf(row) {
        if (row.customerId !== null || row.anonymousId === null) return personKeyOf(row, null);
        return personKeyOf(row, linkOf(row.siteId, row.anonymousId)?.customerId);
      },

      linkIdentify(row) {
        const candidate = identityLinkOf({ ...row, type: row.type as EventKind });
        if (candidate === null) return;
        const { anonymousId, customerId } = candidate;
        const stored = linkOf(row.siteId, anonymousId);
        if (preferredLink(stored, candidate) !== candidate) return;
        upsertLink.run(row.siteId, anonymousId, customerId, candidate.timestamp, candidate.eventId);
        if (stored?.customerId !== customerId) {
          const from = stored === null ? anonymousKey(anonymousId) : customerKey(stored.customerId);
          moveEvents.run(customerKey(customerId), row.siteId, from, anonymousId);
        }
        links.set(cacheKey(row.siteId, anonymousId), candidate);
      },
    };
  };
}
