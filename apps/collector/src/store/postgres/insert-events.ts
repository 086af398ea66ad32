/**
 * The PostgreSQL ingest path: one group of rows, one transaction, a handful of statements
 * whatever the group's size (every statement takes whole columns as arrays through unnest).
 *
 * Several collector processes write at once, so two races need closing:
 * - The same event on two nodes: the primary key (site_id, id) with ON CONFLICT DO NOTHING
 *   stores it once, and RETURNING tells each transaction which rows were its own.
 * - An identify on one node while the same visitor's anonymous events arrive on another: the
 *   identify rewrites the person key of events it can see, and the other transaction computes
 *   the person key from links it can see; under READ COMMITTED each could miss the other's
 *   uncommitted work. So every writer first locks the `anonymous_ids` rows of the visitors in its
 *   group, then reads their links, stores events and moves links: two transactions touching one
 *   visitor take turns, and the second sees everything the first committed.
 * Deadlocks are avoided by order: visitor rows are locked in one sorted pass before anything
 * else, and events are inserted sorted by (site_id, id), so two transactions that wait on each
 * other's rows always wait in the same direction.
 */
import { preferredLink, type IdentityLink } from "@touchpoint/journeys";
import type pg from "pg";
import type { EventRow } from "../store.js";

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

const DRAW_SEQUENCE = {
  name: "touchpoint_draw_sequence",
  text: `SELECT nextval(pg_get_serial_sequence('events', 'seq')) AS seq FROM generate_series(1, $1)`,
};

const INSERT_EVENTS = {
  name: "touchpoint_insert_events",
  text: `INSERT INTO events
      (seq, site_id, id, type, name, anonymous_id, customer_id, person_key, session_id, timestamp, received_at, properties, traits, context, user_agent, browser, os, device_type)
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
      $10::bigint[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
    ON CONFLICT (site_id, id) DO NOTHING
    RETURNING site_id, id`,
};

// The WHERE is preferredLink's rule (the earlier identify, ties by the smaller event id) applied
// by the table itself, and RETURNING names the links that really moved: only their visitors'
// events are rewritten. Ids compare in byte order here, code-unit order in JavaScript; the two
// differ only between astral characters and U+E000-U+FFFF, and the table's answer is the one kept.
const UPSERT_LINKS = {
  name: "touchpoint_upsert_links",
  text: `INSERT INTO identity_links (site_id, anonymous_id, customer_id, linked_at, event_id)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
    ON CONFLICT (site_id, anonymous_id) DO UPDATE
      SET customer_id = excluded.customer_id, linked_at = excluded.linked_at, event_id = excluded.event_id
      WHERE (excluded.linked_at, excluded.event_id) < (identity_links.linked_at, identity_links.event_id)
    RETURNING site_id, anonymous_id, customer_id`,
};

const REWRITE_PERSON_KEYS = {
  name: "touchpoint_rewrite_person_keys",
  text: `UPDATE events e SET person_key = v.person_key
    FROM unnest($1::text[], $2::text[], $3::text[]) AS v(site_id, anonymous_id, person_key)
    WHERE e.site_id = v.site_id AND e.anonymous_id = v.anonymous_id AND e.customer_id IS NULL AND e.person_key <> v.person_key`,
};

const key = (siteId: string, id: string) => `${siteId}\n${id}`;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The anonymous id whose link decides the row's person key or which the row links, else null. */
function visitorOf(row: EventRow): string | null {
  if (row.anonymousId === null) return null;
  return row.customerId === null || row.type === "identify" ? row.anonymousId : null;
}

/** PostgreSQL text cannot hold NUL; a user agent sent in an event's context may, and what is parsed from it (JSON columns escape it). */
const withoutNul = (value: string | null) => (value === null || !value.includes("\0") ? value : value.replaceAll("\0", ""));

interface LinkRecord {
  site_id: string;
  anonymous_id: string;
  customer_id: string;
  linked_at: string;
  event_id: string;
}

interface Visitor {
  siteId: string;
  anonymousId: string;
}

/** Locks the visitors (sorted), and returns their current links by visitor key. */
async function lockVisitors(client: pg.PoolClient, visitors: readonly Visitor[]): Promise<Map<string, IdentityLink>> {
  const links = new Map<string, IdentityLink>();
  if (visitors.length === 0) return links;
  const values = [visitors.map((v) => v.siteId), visitors.map((v) => v.anonymousId)];
  await client.query({ ...LOCK_VISITORS, values });
  const { rows } = await client.query<LinkRecord>({ ...READ_LINKS, values });
  for (const r of rows) {
    links.set(key(r.site_id, r.anonymous_id), { anonymousId: r.anonymous_id, customerId: r.customer_id, timestamp: Number(r.linked_at), eventId: r.event_id });
  }
  return links;
}

/**
 * Inserts the rows (sorted by key) and returns the keys of those that were new. `order` is each
 * row's position in the caller's group: sequence numbers are handed out in that order, so events
 * of equal time read back in the order they came, although they are inserted by key.
 */
async function storeEvents(client: pg.PoolClient, rows: readonly EventRow[], order: readonly number[], links: ReadonlyMap<string, IdentityLink>): Promise<Set<string>> {
  const { rows: drawn } = await client.query<{ seq: string }>({ ...DRAW_SEQUENCE, values: [rows.length] });
  const seqs = drawn.map((r) => BigInt(r.seq)).sort((a, b) => (a < b ? -1 : 1));
  const byPosition = order.map((position, i) => [position, i] as const).sort((a, b) => a[0] - b[0]);
  const seqOf = new Array<bigint>(rows.length);
  byPosition.forEach(([, i], rank) => (seqOf[i] = seqs[rank] as bigint));

  const columns: unknown[][] = Array.from({ length: 18 }, () => new Array<unknown>(rows.length));
  rows.forEach((row, i) => {
    const link = row.customerId === null && row.anonymousId !== null ? links.get(key(row.siteId, row.anonymousId)) : undefined;
    const values = [
      seqOf[i],
      row.siteId,
      row.id,
      row.type,
      row.name,
      row.anonymousId,
      row.customerId,
      link === undefined ? row.personKey : `c:${link.customerId}`,
      row.sessionId,
      row.timestamp,
      row.receivedAt,
      row.properties,
      row.traits,
      row.context,
      withoutNul(row.userAgent),
      withoutNul(row.browser),
      withoutNul(row.os),
      row.deviceType,
    ];
    values.forEach((value, c) => ((columns[c] as unknown[])[i] = value));
  });
  const { rows: inserted } = await client.query<{ site_id: string; id: string }>({ ...INSERT_EVENTS, values: columns });
  return new Set(inserted.map((r) => key(r.site_id, r.id)));
}

/** Offers the table each visitor's new link; moves the visitors whose link it took, with all their anonymous events. */
async function moveLinks(client: pg.PoolClient, candidates: ReadonlyArray<{ siteId: string; link: IdentityLink }>): Promise<void> {
  if (candidates.length === 0) return;
  const { rows: moved } = await client.query<{ site_id: string; anonymous_id: string; customer_id: string }>({
    ...UPSERT_LINKS,
    values: [
      candidates.map((c) => c.siteId),
      candidates.map((c) => c.link.anonymousId),
      candidates.map((c) => c.link.customerId),
      candidates.map((c) => c.link.timestamp),
      candidates.map((c) => c.link.eventId),
    ],
  });
  if (moved.length === 0) return;
  await client.query({
    ...REWRITE_PERSON_KEYS,
    values: [moved.map((r) => r.site_id), moved.map((r) => r.anonymous_id), moved.map((r) => `c:${r.customer_id}`)],
  });
}

/**
 * Stores a group of rows in the transaction `client` has open: the Store.insertEvents contract
 * (one flag per row, true when new; a repeat inside the group counts as a duplicate), with
 * identity links decided by preferredLink and person keys following them.
 */
export async function insertEventRows(client: pg.PoolClient, rows: readonly EventRow[]): Promise<boolean[]> {
  const firstOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const k = key(row.siteId, row.id);
    if (!firstOf.has(k)) firstOf.set(k, i);
  });
  const sortedKeys = [...firstOf.keys()].sort(byString);
  const order = sortedKeys.map((k) => firstOf.get(k) as number);
  const unique = order.map((position) => rows[position] as EventRow);

  const visitors = new Map<string, Visitor>();
  for (const row of unique) {
    const anonymousId = visitorOf(row);
    if (anonymousId !== null) visitors.set(key(row.siteId, anonymousId), { siteId: row.siteId, anonymousId });
  }
  const links = await lockVisitors(client, [...visitors.keys()].sort(byString).map((k) => visitors.get(k) as Visitor));
  const inserted = await storeEvents(client, unique, order, links);

  // Per visitor, the best of the stored link and the group's new identifies.
  const best = new Map<string, { siteId: string; link: IdentityLink }>();
  for (const row of unique) {
    if (row.type !== "identify" || row.anonymousId === null || row.customerId === null || !inserted.has(key(row.siteId, row.id))) continue;
    const visitor = key(row.siteId, row.anonymousId);
    const candidate: IdentityLink = { anonymousId: row.anonymousId, customerId: row.customerId, eventId: row.id, timestamp: row.timestamp };
    const current = best.get(visitor)?.link ?? links.get(visitor);
    if (preferredLink(current, candidate) === candidate) best.set(visitor, { siteId: row.siteId, link: candidate });
  }
  await moveLinks(client, [...best.values()]);

  const flags = new Array<boolean>(rows.length).fill(false);
  for (const k of inserted) flags[firstOf.get(k) as number] = true;
  return flags;
}
