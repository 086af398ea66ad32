/**
 * Per-visitor locks across collector processes. Every anonymous id a site sends events for has a
 * row in `anonymous_ids`; a transaction that reads or changes the identity link of an anonymous
 * id (ingest, erasure) first locks that row, so two such transactions on one visitor take turns
 * and the second sees everything the first committed. Rows are locked in one pass in key order,
 * so two transactions locking overlapping sets never wait on each other in a circle.
 */
import type { IdentityLink } from "@touchpoint/journeys";
import type pg from "pg";

export interface Visitor {
  siteId: string;
  anonymousId: string;
}

/** Ids never hold control characters (the protocol refuses them), so a newline separates safely. */
export const visitorKey = (siteId: string, anonymousId: string) => `${siteId}\n${anonymousId}`;

const LOCK_VISITORS = {
  name: "touchpoint_lock_visitors",
  // DO UPDATE ... WHERE false writes nothing but locks every conflicting row, and a new row is
  // held by its inserting transaction anyway: one statement creates or locks each visitor.
  text: `INSERT INTO anonymous_ids (site_id, anonymous_id)
    SELECT * FROM unnest($1::text[], $2::text[])
    ON CONFLICT (site_id, anonymous_id) DO UPDATE SET anonymous_id = excluded.anonymous_id WHERE false`,
};

const READ_LINKS = {
  name: "touchpoint_read_links",
  text: `SELECT l.site_id, l.anonymous_id, l.customer_id, l.linked_at, l.event_id
    FROM identity_links l JOIN unnest($1::text[], $2::text[]) AS v(site_id, anonymous_id) USING (site_id, anonymous_id)`,
};

interface LinkRecord {
  site_id: string;
  anonymous_id: string;
  customer_id: string;
  linked_at: number;
  event_id: string;
}

/** Locks the visitors for the rest of the transaction and returns their current links, by visitorKey. */
export async function lockVisitors(client: pg.PoolClient, visitors: Iterable<Visitor>): Promise<Map<string, IdentityLink>> {
  const unique = new Map<string, Visitor>();
  for (const v of visitors) unique.set(visitorKey(v.siteId, v.anonymousId), v);
  const links = new Map<string, IdentityLink>();
  if (unique.size === 0) return links;
  const sorted = [...unique.keys()].sort().map((k) => unique.get(k) as Visitor);
  const values = [sorted.map((v) => v.siteId), sorted.map((v) => v.anonymousId)];
  await client.query({ ...LOCK_VISITORS, values });
  const { rows } = await client.query<LinkRecord>({ ...READ_LINKS, values });
  for (const r of rows) {
    links.set(visitorKey(r.site_id, r.anonymous_id), { anonymousId: r.anonymous_id, customerId: r.customer_id, timestamp: r.linked_at, eventId: r.event_id });
  }
  return links;
}
