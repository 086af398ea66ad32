/**
 * What is stored about one customer, for export and erasure, on PostgreSQL: the events under
 * their person key (which holds the anonymous events of every anonymous id linked to them) and
 * their links.
 */
import { anonymousKey, customerKey, identityLinkOf, preferredLink, type IdentityLink } from "@touchpoint/journeys";
import type pg from "pg";
import { toJourneyEvent, type EventColumns } from "../event-record.js";
import type { CustomerRecords, ErasedCustomer, StoredIdentityLink } from "../store.js";
import { EVENT_COLUMNS_SQL } from "./event-columns.js";
import { lockSiteForErasure, suppressCustomer } from "./suppression-list.js";
import { inTransaction } from "./transaction.js";
import { lockVisitors } from "./visitor-locks.js";

const LINK_COLUMNS_SQL = `anonymous_id AS "anonymousId", customer_id AS "customerId", event_id AS "eventId", linked_at AS "linkedAt"`;

const LINK = { name: "touchpoint_link", text: `SELECT ${LINK_COLUMNS_SQL} FROM identity_links WHERE site_id = $1 AND anonymous_id = $2` };
const LINKS_OF = {
  name: "touchpoint_links_of",
  text: `SELECT ${LINK_COLUMNS_SQL} FROM identity_links WHERE site_id = $1 AND customer_id = $2 ORDER BY anonymous_id`,
};
const EVENTS_OF = {
  name: "touchpoint_events_of",
  text: `SELECT ${EVENT_COLUMNS_SQL}, received_at AS "receivedAt", user_agent AS "userAgent" FROM events
    WHERE site_id = $1 AND person_key = $2 ORDER BY timestamp, seq`,
};
// Through the partial index of identify events.
const IDENTIFIES_OF = {
  name: "touchpoint_identifies_of",
  text: `SELECT anonymous_id AS "anonymousId", id, customer_id AS "customerId", timestamp FROM events
    WHERE site_id = $1 AND anonymous_id = ANY($2::text[]) AND type = 'identify'`,
};

// Retention: which of a chunk's person keys have no event left, and the visitor rows to forget.
const EMPTY_PERSONS = {
  name: "touchpoint_empty_persons",
  text: `SELECT k.key FROM unnest($2::text[]) AS k(key)
    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = $1 AND e.person_key = k.key)`,
};
const LOCK_VISITOR_ROWS = {
  name: "touchpoint_lock_visitor_rows",
  text: "SELECT 1 FROM anonymous_ids WHERE site_id = $1 AND anonymous_id = ANY($2::text[]) ORDER BY anonymous_id FOR UPDATE",
};
const DELETE_FORGOTTEN_VISITORS = {
  name: "touchpoint_delete_forgotten_visitors",
  text: `DELETE FROM anonymous_ids a WHERE a.site_id = $1 AND a.anonymous_id = ANY($2::text[])
    AND NOT EXISTS (SELECT 1 FROM identity_links l WHERE l.site_id = a.site_id AND l.anonymous_id = a.anonymous_id)
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = a.site_id AND e.person_key = 'a:' || a.anonymous_id)`,
};

// Keys ($2) left without events lose their digest and queue row.
const FORGET_DIGESTS = {
  name: "touchpoint_forget_digests",
  text: `WITH emptied AS (
      SELECT k.person_key FROM unnest($2::text[]) AS k(person_key)
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = $1 AND e.person_key = k.person_key)),
    digests AS (DELETE FROM journey_digests WHERE site_id = $1 AND person_key IN (SELECT person_key FROM emptied))
    DELETE FROM journey_changed_persons WHERE site_id = $1 AND person_key IN (SELECT person_key FROM emptied)`,
};

/** The tables an erasure deletes from (events' TOAST table goes with it). */
const ERASURE_VACUUM = "VACUUM events, identity_links, anonymous_ids, journey_digests, journey_changed_persons";

export function createCustomerRecords(pool: pg.Pool) {
  /**
   * Locks every visitor linked to the customer, exclusively. A link made by a transaction that
   * committed while the first locks were taken shows up on the re-read and is locked too; that
   * second pass is out of key order, so it may deadlock with an ingest, which PostgreSQL breaks
   * and inTransaction retries.
   */
  async function lockLinkedVisitors(client: pg.PoolClient, siteId: string, customerId: string): Promise<StoredIdentityLink[]> {
    const locked = new Set<string>();
    for (;;) {
      const { rows } = await client.query<StoredIdentityLink>({ ...LINKS_OF, values: [siteId, customerId] });
      const fresh = rows.filter((link) => !locked.has(link.anonymousId));
      if (fresh.length === 0) return rows;
      await lockVisitors(
        client,
        fresh.map((link) => ({ siteId, anonymousId: link.anonymousId })),
        "exclusive",
      );
      for (const link of fresh) locked.add(link.anonymousId);
    }
  }

  async function erase(client: pg.PoolClient, siteId: string, customerId: string): Promise<ErasedCustomer> {
    const linked = await lockLinkedVisitors(client, siteId, customerId);
    await lockSiteForErasure(client, siteId);
    await suppressCustomer(client, siteId, customerId);
    const events =
      (await client.query("DELETE FROM events WHERE site_id = $1 AND person_key = $2", [siteId, customerKey(customerId)])).rowCount ?? 0;
    // A digest holds the customer id and traits, a queue row the person key: both go with the
    // events in this transaction, for every key left without events (the customer's, their
    // devices' anonymous keys). The queue rows the deletion just made are waited for and taken
    // here, so upkeep never sees them.
    await client.query({
      ...FORGET_DIGESTS,
      values: [siteId, [customerKey(customerId), ...linked.map((l) => anonymousKey(l.anonymousId))]],
    });
    const links = await unlink(client, siteId, customerId, linked);
    return { events, links };
  }

  /**
   * Deletes the customer's links (`linked`, their visitors locked) once no event is left under
   * their key, and answers how many went. Each anonymous id goes to the customer of its earliest
   * remaining identify, if any.
   */
  async function unlink(client: pg.PoolClient, siteId: string, customerId: string, linked: readonly StoredIdentityLink[]): Promise<number> {
    const links =
      (await client.query("DELETE FROM identity_links WHERE site_id = $1 AND customer_id = $2", [siteId, customerId])).rowCount ?? 0;
    if (linked.length === 0) return links;

    const { rows: identifies } = await client.query<{ anonymousId: string; id: string; customerId: string; timestamp: number }>({
      ...IDENTIFIES_OF,
      values: [siteId, linked.map((l) => l.anonymousId)],
    });
    const winners = new Map<string, IdentityLink>();
    for (const identify of identifies) {
      const link = identityLinkOf({ ...identify, type: "identify" });
      if (link !== null) winners.set(link.anonymousId, preferredLink(winners.get(link.anonymousId), link));
    }
    const relinked = [...winners.values()];
    if (relinked.length > 0) {
      await client.query(
        `INSERT INTO identity_links (site_id, anonymous_id, customer_id, linked_at, event_id)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[])`,
        [
          siteId,
          relinked.map((l) => l.anonymousId),
          relinked.map((l) => l.customerId),
          relinked.map((l) => l.timestamp),
          relinked.map((l) => l.eventId),
        ],
      );
    }
    // An anonymous id nobody owns any more loses its lock row too (it is the erased person's
    // device id); a later visit makes it again.
    const forgotten = linked.map((l) => l.anonymousId).filter((anonymousId) => !winners.has(anonymousId));
    await client.query("DELETE FROM anonymous_ids WHERE site_id = $1 AND anonymous_id = ANY($2::text[])", [siteId, forgotten]);
    return links;
  }

  /** Retention left this customer without events: their links (so their devices and traits) go. */
  async function forgetCustomerIfEmpty(client: pg.PoolClient, siteId: string, customerId: string): Promise<void> {
    const linked = await lockLinkedVisitors(client, siteId, customerId);
    // Checked again under the locks: an identify of a linked device stored meanwhile keeps them.
    const { rowCount } = await client.query("SELECT 1 FROM events WHERE site_id = $1 AND person_key = $2 LIMIT 1", [
      siteId,
      customerKey(customerId),
    ]);
    if ((rowCount ?? 0) > 0) return;
    await client.query({ ...FORGET_DIGESTS, values: [siteId, [customerKey(customerId)]] });
    await unlink(client, siteId, customerId, linked);
  }

  return {
    async findLink(siteId: string, anonymousId: string): Promise<StoredIdentityLink | null> {
      const { rows } = await pool.query<StoredIdentityLink>({ ...LINK, values: [siteId, anonymousId] });
      return rows[0] ?? null;
    },

    async export(siteId: string, customerId: string): Promise<CustomerRecords> {
      const [{ rows: events }, { rows: links }] = await Promise.all([
        pool.query<EventColumns & { receivedAt: number; userAgent: string | null }>({
          ...EVENTS_OF,
          values: [siteId, customerKey(customerId)],
        }),
        pool.query<StoredIdentityLink>({ ...LINKS_OF, values: [siteId, customerId] }),
      ]);
      return { events: events.map((r) => ({ ...toJourneyEvent(r), receivedAt: r.receivedAt, userAgent: r.userAgent })), links };
    },

    /**
     * After retention deleted events: forgets each of these persons left without any. Anonymous
     * visitors lose their lock rows in one transaction (locked in key order, as ingest locks
     * them; a row with a link or events by then stays); each customer is one transaction.
     */
    async forgetEmptyPersons(siteId: string, personKeys: Iterable<string>): Promise<void> {
      const { rows } = await pool.query<{ key: string }>({ ...EMPTY_PERSONS, values: [siteId, [...personKeys]] });
      const empty = rows.map((r) => r.key);
      const visitors = empty.filter((key) => key.startsWith("a:")).map((key) => key.slice(2));
      if (visitors.length > 0) {
        await inTransaction(pool, async (client) => {
          await client.query({ ...LOCK_VISITOR_ROWS, values: [siteId, visitors] });
          await client.query({ ...DELETE_FORGOTTEN_VISITORS, values: [siteId, visitors] });
          await client.query({ ...FORGET_DIGESTS, values: [siteId, visitors.map((visitor) => anonymousKey(visitor))] });
        });
      }
      for (const key of empty) {
        if (key.startsWith("c:")) await inTransaction(pool, (client) => forgetCustomerIfEmpty(client, siteId, key.slice(2)));
      }
    },

    async erase(siteId: string, customerId: string): Promise<ErasedCustomer> {
      const erased = await inTransaction(pool, (client) => erase(client, siteId, customerId));
      // The deleted rows stay in the table files as dead row versions, readable from the files
      // (or with pageinspect) until a vacuum: remove them and their index entries now.
      // Fragments can remain in free space and in pg_wal until overwritten (README, Privacy).
      // The erasure has committed whatever happens here: a vacuum that fails (the statement
      // timeout on a huge table, say) is logged, and autovacuum removes those rows later.
      await pool.query(ERASURE_VACUUM).catch((error: unknown) => {
        console.error(
          `touchpoint: the VACUUM after an erasure failed; autovacuum will remove the erased rows later: ${(error as Error).message}`,
        );
      });
      return erased;
    },
  };
}
