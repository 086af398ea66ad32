/**
 * Per-visitor locks across collector processes. Every anonymous id a site sends events for has a
 * row in `anonymous_ids`, and a transaction that reads or changes the identity link of an
 * anonymous id first locks that row: to read the link (storing anonymous events) in share mode,
 * to change it (an identify, an erasure) in exclusive mode. Readers never wait for each other;
 * a change waits for the readers before it, and readers after it see the new link. Rows are
 * locked in one statement in key order, so two transactions never wait on each other in a
 * circle; they are created beforehand in autocommit, so no transaction holds a new row out of
 * that order.
 */
import type { IdentityLink } from "@touchpoint/journeys";
import type pg from "pg";
import { RetryTransaction } from "./transaction.js";

export interface Visitor {
  siteId: string;
  anonymousId: string;
}

export type LockMode = "share" | "exclusive";

/** Ids never hold control characters (the protocol refuses them), so a newline separates safely. */
export const visitorKey = (siteId: string, anonymousId: string) => `${siteId}\n${anonymousId}`;

const CREATE_VISITORS = {
  name: "touchpoint_create_visitors",
  text: `INSERT INTO anonymous_ids (site_id, anonymous_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
};

// ORDER BY comes before the locking clause: rows are locked in key order.
const lockStatement = (mode: LockMode) => ({
  name: `touchpoint_lock_visitors_${mode}`,
  text: `SELECT a.site_id FROM anonymous_ids a JOIN unnest($1::text[], $2::text[]) AS v(site_id, anonymous_id) USING (site_id, anonymous_id)
    ORDER BY a.site_id, a.anonymous_id FOR ${mode === "share" ? "KEY SHARE" : "UPDATE"} OF a`,
});
const LOCK = { share: lockStatement("share"), exclusive: lockStatement("exclusive") };

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

function columns(visitors: Iterable<Visitor>): [string[], string[]] {
  const unique = new Map<string, Visitor>();
  for (const v of visitors) unique.set(visitorKey(v.siteId, v.anonymousId), v);
  const list = [...unique.values()];
  return [list.map((v) => v.siteId), list.map((v) => v.anonymousId)];
}

/** Makes the rows of visitors never seen before. Call it outside a transaction (each row commits at once). */
export async function createVisitors(client: pg.PoolClient, visitors: Iterable<Visitor>): Promise<void> {
  const values = columns(visitors);
  if (values[0].length > 0) await client.query({ ...CREATE_VISITORS, values });
}

/**
 * Locks the visitors' rows until the transaction ends and returns their current links, by
 * visitorKey. A row erased since it was created makes the transaction start again.
 */
export async function lockVisitors(client: pg.PoolClient, visitors: Iterable<Visitor>, mode: LockMode): Promise<Map<string, IdentityLink>> {
  const values = columns(visitors);
  const links = new Map<string, IdentityLink>();
  if (values[0].length === 0) return links;
  const { rowCount } = await client.query({ ...LOCK[mode], values });
  if (rowCount !== values[0].length) throw new RetryTransaction("a visitor's row was erased while it was being locked");
  const { rows } = await client.query<LinkRecord>({ ...READ_LINKS, values });
  for (const r of rows) {
    links.set(visitorKey(r.site_id, r.anonymous_id), {
      anonymousId: r.anonymous_id,
      customerId: r.customer_id,
      timestamp: r.linked_at,
      eventId: r.event_id,
    });
  }
  return links;
}
