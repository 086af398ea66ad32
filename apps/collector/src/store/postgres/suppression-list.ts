/**
 * The suppression list on PostgreSQL (see ../suppression.ts): filled by erasure, read inside every
 * insert transaction after its visitors are locked, so an erasure that committed before is seen.
 * A group whose sites were never erased from costs one primary-key read of their salts.
 */
import { customerKey } from "@touchpoint/journeys";
import type pg from "pg";
import type { EventRow } from "../store.js";
import { createSuppressedCustomerHashes, newSuppressionSalt, suppressedCustomerHash } from "../suppression.js";

const SALTS = { name: "touchpoint_suppression_salts", text: "SELECT site_id, salt FROM suppression_salts WHERE site_id = ANY($1::text[])" };
const SUPPRESSED = {
  name: "touchpoint_suppressed_rows",
  text: `SELECT c.site_id, c.id FROM unnest($1::text[], $2::text[], $3::text[]) AS c(site_id, id, customer_hash)
    WHERE EXISTS (SELECT 1 FROM suppressed_events s WHERE s.site_id = c.site_id AND s.event_id = c.id)
      OR EXISTS (SELECT 1 FROM suppressed_customers s WHERE s.site_id = c.site_id AND s.customer_hash = c.customer_hash)`,
};

/**
 * A transaction-level advisory lock per site between erasure (exclusive) and ingest of rows that
 * carry a customer id (shared). Visitor locks serialise erasure with a device's events, but an
 * event with only a customer id (or an identify from a device not linked yet) locks no visitor:
 * without this, a group could pass the suppression check before an erasure commits and insert
 * its event after the erasure's DELETE read the table, and the erased customer would stay. Both
 * take it after their visitor locks, so the two kinds of lock are always taken in one order.
 */
const SUPPRESSION_LOCK_SPACE = 0x7470;
const LOCK_SITES_SHARED = {
  name: "touchpoint_lock_sites_shared",
  text: `SELECT pg_advisory_xact_lock_shared(${SUPPRESSION_LOCK_SPACE}, hashtext(s)) FROM unnest($1::text[]) AS s`,
};

/** Ingest: the sites of a group's rows with a customer id, in one sorted pass. */
export async function lockSitesForIngest(client: pg.PoolClient, rows: readonly EventRow[]): Promise<void> {
  const sites = [...new Set(rows.filter((row) => row.customerId !== null).map((row) => row.siteId))].sort();
  if (sites.length > 0) await client.query({ ...LOCK_SITES_SHARED, values: [sites] });
}

/** Erasure: the site, exclusively, until the transaction ends. */
export async function lockSiteForErasure(client: pg.PoolClient, siteId: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(${SUPPRESSION_LOCK_SPACE}, hashtext($1))`, [siteId]);
}

// One cache for the process: its keys hold the salt, so sites and databases never share an entry.
const customerHash = createSuppressedCustomerHashes();

/** The keys (`eventKey(siteId, id)`) of the rows the suppression list refuses. */
export async function findSuppressedRows(
  client: pg.PoolClient,
  rows: readonly EventRow[],
  eventKey: (siteId: string, id: string) => string,
): Promise<Set<string>> {
  const sites = [...new Set(rows.map((row) => row.siteId))];
  const { rows: salts } = await client.query<{ site_id: string; salt: string }>({ ...SALTS, values: [sites] });
  if (salts.length === 0) return new Set();
  const saltOf = new Map(salts.map((s) => [s.site_id, s.salt]));
  const candidates = rows.filter((row) => saltOf.has(row.siteId));
  const { rows: found } = await client.query<{ site_id: string; id: string }>({
    ...SUPPRESSED,
    values: [
      candidates.map((row) => row.siteId),
      candidates.map((row) => row.id),
      candidates.map((row) => (row.customerId === null ? null : customerHash(saltOf.get(row.siteId) as string, row.customerId))),
    ],
  });
  return new Set(found.map((r) => eventKey(r.site_id, r.id)));
}

/** Inside the erasure's transaction, before its events are deleted: lists them and the customer. */
export async function suppressCustomer(client: pg.PoolClient, siteId: string, customerId: string): Promise<void> {
  await client.query("INSERT INTO suppression_salts (site_id, salt) VALUES ($1, $2) ON CONFLICT (site_id) DO NOTHING", [
    siteId,
    newSuppressionSalt(),
  ]);
  const { rows } = await client.query<{ salt: string }>("SELECT salt FROM suppression_salts WHERE site_id = $1", [siteId]);
  await client.query("INSERT INTO suppressed_customers (site_id, customer_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
    siteId,
    suppressedCustomerHash(rows[0]!.salt, customerId),
  ]);
  await client.query(
    "INSERT INTO suppressed_events (site_id, event_id) SELECT site_id, id FROM events WHERE site_id = $1 AND person_key = $2 ON CONFLICT DO NOTHING",
    [siteId, customerKey(customerId)],
  );
}
