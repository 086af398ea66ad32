/**
 * What is stored about one customer, for export and erasure: the events under their person key
 * (which holds the anonymous events of every anonymous id linked to them) and their links.
 */
import type Database from "better-sqlite3";
import { customerKey, identityLinkOf, preferredLink, type IdentityLink } from "@touchpoint/journeys";
import type { CustomerRecords, ErasedCustomer, StoredIdentityLink } from "../store.js";
import { EVENT_COLUMNS_SQL, toJourneyEvent, type EventColumns } from "./event-record.js";
import { UPSERT_LINK_SQL } from "./identity-stitching.js";

const LINK_COLUMNS_SQL = "anonymous_id AS anonymousId, customer_id AS customerId, event_id AS eventId, linked_at AS linkedAt";

export function createCustomerRecords(client: Database.Database) {
  const selectEvents = client.prepare<[string, string], EventColumns & { receivedAt: number; userAgent: string | null }>(
    `SELECT ${EVENT_COLUMNS_SQL}, received_at AS receivedAt, user_agent AS userAgent FROM events
     WHERE site_id = ? AND person_key = ? ORDER BY timestamp, seq`,
  );
  const selectLink = client.prepare<[string, string], StoredIdentityLink>(
    `SELECT ${LINK_COLUMNS_SQL} FROM identity_links WHERE site_id = ? AND anonymous_id = ?`,
  );
  const selectLinksOf = client.prepare<[string, string], StoredIdentityLink>(
    `SELECT ${LINK_COLUMNS_SQL} FROM identity_links WHERE site_id = ? AND customer_id = ? ORDER BY anonymous_id`,
  );
  const deleteEvents = client.prepare<[string, string]>("DELETE FROM events WHERE site_id = ? AND person_key = ?");
  const deleteLinks = client.prepare<[string, string]>("DELETE FROM identity_links WHERE site_id = ? AND customer_id = ?");
  const selectIdentifies = client.prepare<[string, string], { id: string; customerId: string; timestamp: number }>(
    "SELECT id, customer_id AS customerId, timestamp FROM events WHERE site_id = ? AND anonymous_id = ? AND type = 'identify'",
  );
  const upsertLink = client.prepare<[string, string, string, number, string]>(UPSERT_LINK_SQL);

  const erase = client.transaction((siteId: string, customerId: string): ErasedCustomer => {
    const linked = selectLinksOf.all(siteId, customerId);
    const events = deleteEvents.run(siteId, customerKey(customerId)).changes;
    const links = deleteLinks.run(siteId, customerId).changes;
    for (const { anonymousId } of linked) {
      let winner: IdentityLink | null = null;
      for (const identify of selectIdentifies.all(siteId, anonymousId)) {
        const link = identityLinkOf({ ...identify, type: "identify", anonymousId });
        if (link !== null) winner = preferredLink(winner, link);
      }
      if (winner !== null) upsertLink.run(siteId, anonymousId, winner.customerId, winner.timestamp, winner.eventId);
    }
    return { events, links };
  });

  return {
    findLink(siteId: string, anonymousId: string): StoredIdentityLink | null {
      return selectLink.get(siteId, anonymousId) ?? null;
    },

    export(siteId: string, customerId: string): CustomerRecords {
      const events = selectEvents.all(siteId, customerKey(customerId)).map((r) => ({ ...toJourneyEvent(r), receivedAt: r.receivedAt, userAgent: r.userAgent }));
      return { events, links: selectLinksOf.all(siteId, customerId) };
    },

    erase(siteId: string, customerId: string): ErasedCustomer {
      return erase.immediate(siteId, customerId);
    },
  };
}
