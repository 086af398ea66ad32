/**
 * What is stored about one person, for journeys, export and erasure: the events under their
 * person key (for a customer, the anonymous events of every anonymous id linked to them too) and
 * their links.
 */
import type Database from "better-sqlite3";
import { anonymousKey, customerKey, identityLinkOf, preferredLink, type IdentityLink, type JourneyEvent } from "@touchpoint/journeys";
import type { CustomerRecords, ErasedCustomer, StoredIdentityLink } from "../store.js";
import { AFTER_EVENT_VALUES, EVENT_COLUMNS_SQL, journeyEventOfValues, type EventValues } from "../event-record.js";
import { UPSERT_LINK_SQL } from "./identity-stitching.js";
import type { SuppressionList } from "./suppression-list.js";

const LINK_COLUMNS_SQL = "anonymous_id AS anonymousId, customer_id AS customerId, event_id AS eventId, linked_at AS linkedAt";

export function createCustomerRecords(client: Database.Database, suppression: SuppressionList) {
  // Raw rows: the event columns, then received_at (13) and user_agent (14).
  const selectExport = client
    .prepare<[string, string], EventValues>(
      `SELECT ${EVENT_COLUMNS_SQL}, received_at, user_agent FROM events WHERE site_id = ? AND person_key = ? ORDER BY timestamp, seq`,
    )
    .raw(true);
  const selectPerson = client
    .prepare<[string, string, number], EventValues>(
      `SELECT ${EVENT_COLUMNS_SQL} FROM events WHERE site_id = ? AND person_key = ? ORDER BY timestamp, seq LIMIT ?`,
    )
    .raw(true);
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
  // A digest holds the customer id and traits; a stale mark the person key. Both go with the
  // events, for every key left without events (the customer's, their devices' anonymous keys).
  const deleteDigestIfEmpty = client.prepare<[string, string, string, string]>(
    "DELETE FROM journey_digests WHERE site_id = ? AND person_key = ? AND NOT EXISTS (SELECT 1 FROM events WHERE site_id = ? AND person_key = ?)",
  );
  const deleteStaleIfEmpty = client.prepare<[string, string, string, string]>(
    "DELETE FROM journey_digest_stale WHERE site_id = ? AND person_key = ? AND NOT EXISTS (SELECT 1 FROM events WHERE site_id = ? AND person_key = ?)",
  );
  const forgetDigest = (siteId: string, personKey: string) => {
    deleteDigestIfEmpty.run(siteId, personKey, siteId, personKey);
    deleteStaleIfEmpty.run(siteId, personKey, siteId, personKey);
  };

  const selectAnyEvent = client
    .prepare<[string, string], number>("SELECT 1 FROM events WHERE site_id = ? AND person_key = ? LIMIT 1")
    .pluck();

  /**
   * Deletes the links of a customer without events left, and answers how many went. Each
   * anonymous id goes to the customer of its earliest remaining identify, if any.
   */
  function unlink(siteId: string, customerId: string): number {
    const linked = selectLinksOf.all(siteId, customerId);
    const links = deleteLinks.run(siteId, customerId).changes;
    for (const { anonymousId } of linked) {
      let winner: IdentityLink | null = null;
      for (const identify of selectIdentifies.all(siteId, anonymousId)) {
        const link = identityLinkOf({ ...identify, type: "identify", anonymousId });
        if (link !== null) winner = preferredLink(winner, link);
      }
      if (winner !== null) upsertLink.run(siteId, anonymousId, winner.customerId, winner.timestamp, winner.eventId);
      forgetDigest(siteId, anonymousKey(anonymousId));
    }
    forgetDigest(siteId, customerKey(customerId));
    return links;
  }

  const erase = client.transaction((siteId: string, customerId: string): ErasedCustomer => {
    suppression.suppressCustomer(siteId, customerId);
    const events = deleteEvents.run(siteId, customerKey(customerId)).changes;
    return { events, links: unlink(siteId, customerId) };
  });

  return {
    /** One person's events in time order, the first `limit` of them when given: a journey's read. */
    readPerson(siteId: string, personKey: string, limit?: number): JourneyEvent[] {
      // SQLite reads a negative LIMIT as none.
      return selectPerson.all(siteId, personKey, limit ?? -1).map(journeyEventOfValues);
    },

    findLink(siteId: string, anonymousId: string): StoredIdentityLink | null {
      return selectLink.get(siteId, anonymousId) ?? null;
    },

    export(siteId: string, customerId: string): CustomerRecords {
      const events = selectExport.all(siteId, customerKey(customerId)).map((r) => ({
        ...journeyEventOfValues(r),
        receivedAt: r[AFTER_EVENT_VALUES] as number,
        userAgent: r[AFTER_EVENT_VALUES + 1] as string | null,
      }));
      return { events, links: selectLinksOf.all(siteId, customerId) };
    },

    /**
     * Inside retention's transaction, after it deleted events of this person: when none is left,
     * their digest goes, and for a customer their links (with the devices and traits they tie).
     */
    forgetIfEmpty(siteId: string, personKey: string): void {
      if (selectAnyEvent.get(siteId, personKey) !== undefined) return;
      if (personKey.startsWith("c:")) unlink(siteId, personKey.slice(2));
      else forgetDigest(siteId, personKey);
    },

    erase(siteId: string, customerId: string): ErasedCustomer {
      return erase.immediate(siteId, customerId);
    },
  };
}
