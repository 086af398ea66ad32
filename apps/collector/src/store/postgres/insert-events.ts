/**
 * The PostgreSQL ingest path: one group of rows, one transaction, a handful of statements
 * whatever the group's size (every statement takes whole columns at once).
 *
 * Several collector processes write at once, so two races need closing:
 * - The same event on two nodes: the primary key (site_id, id) with ON CONFLICT DO NOTHING
 *   stores it once, and RETURNING tells each transaction which rows were its own.
 * - An identify on one node while the same visitor's anonymous events arrive on another: the
 *   identify moves the events it can see, and the other transaction picks the person key from
 *   the links it can see; under READ COMMITTED each could miss the other's uncommitted work. So
 *   every writer first locks its group's visitors (visitor-locks.ts: share mode to read links,
 *   exclusive to change them), then reads their links, stores events and moves links.
 * Deadlocks are avoided by order: visitors are locked in one sorted pass before anything else,
 * and events are inserted sorted by (site_id, id), so two transactions that wait on each other's
 * rows always wait in the same direction.
 */
import { anonymousKey, customerKey, preferredLink, type IdentityLink } from "@touchpoint/journeys";
import type pg from "pg";
import type { EventRow, InsertOutcome } from "../store.js";
import { findSuppressedRows, lockSitesForIngest } from "./suppression-list.js";
import { inTransaction } from "./transaction.js";
import { createVisitors, lockVisitors, visitorKey, type Visitor } from "./visitor-locks.js";

/** Rows a group may hold: seq = (one nextval per group) * SEQ_BLOCK + the row's position in the group. */
const SEQ_BLOCK = 2 ** 24;

/** What the collector sends per row; `position` (in the caller's group) becomes part of seq. */
const ROW_COLUMNS = [
  ["position", "bigint"],
  ["site_id", "text"],
  ["id", "text"],
  ["type", "text"],
  ["name", "text"],
  ["anonymous_id", "text"],
  ["customer_id", "text"],
  ["person_key", "text"],
  ["session_id", "text"],
  ["timestamp", "bigint"],
  ["received_at", "bigint"],
  ["properties", "text"],
  ["traits", "text"],
  ["context", "text"],
  ["user_agent", "text"],
  ["browser", "text"],
  ["os", "text"],
  ["device_type", "text"],
] as const;
const STORED_COLUMNS = ROW_COLUMNS.slice(1);

// The rows travel as one jsonb document of columns ([[position...], [site_id...], ...]) that
// ROWS FROM zips back into rows: JSON.stringify is native, where node-postgres escapes every
// element of a text[] parameter in JavaScript (a tenth of the collector's CPU under load), and
// PostgreSQL parses the document once. No value holds a NUL, which jsonb refuses: ids never
// hold control characters, JSON columns arrive escaped, and the free-text columns lose theirs.
// seq draws one sequence value per statement (an uncorrelated subquery runs once): a nextval
// per row cost a third of the insert. It stays below 2^63 for 2^39 groups.
const INSERT_EVENTS = {
  name: "touchpoint_insert_events",
  text: `INSERT INTO events (seq, ${STORED_COLUMNS.map(([column]) => column).join(", ")})
    SELECT (SELECT nextval(pg_get_serial_sequence('events', 'seq'))) * ${SEQ_BLOCK} + r.position::bigint,
      ${STORED_COLUMNS.map(([column, type]) => (type === "text" ? `r.${column}` : `r.${column}::${type}`)).join(", ")}
    FROM (SELECT $1::jsonb AS d) AS doc,
      ROWS FROM (${ROW_COLUMNS.map((_, i) => `jsonb_array_elements_text(doc.d->${i})`).join(", ")})
        AS r(${ROW_COLUMNS.map(([column]) => column).join(", ")})
    ON CONFLICT (site_id, id) DO NOTHING
    RETURNING site_id, id`,
};

// One statement: each candidate link is offered to the table, whose WHERE is preferredLink's rule
// (the earlier identify, ties by the smaller event id), and RETURNING names the links that really
// moved; only those visitors' events are moved, from the key they sat under (the old owner's, or
// `a:<id>` while there was none: the (site_id, person_key, timestamp) index finds them) to the new
// owner's. Ids compare in byte order here, code-unit order in JavaScript; the two differ only
// between astral characters and U+E000-U+FFFF, and the table's answer is the one kept.
const MOVE_LINKS = {
  name: "touchpoint_move_links",
  text: `WITH candidate AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
        AS c(site_id, anonymous_id, customer_id, linked_at, event_id, from_key, to_key)),
    moved AS (
      INSERT INTO identity_links (site_id, anonymous_id, customer_id, linked_at, event_id)
      SELECT site_id, anonymous_id, customer_id, linked_at, event_id FROM candidate
      ON CONFLICT (site_id, anonymous_id) DO UPDATE
        SET customer_id = excluded.customer_id, linked_at = excluded.linked_at, event_id = excluded.event_id
        WHERE (excluded.linked_at, excluded.event_id) < (identity_links.linked_at, identity_links.event_id)
      RETURNING site_id, anonymous_id)
    UPDATE events e SET person_key = c.to_key
    FROM moved m JOIN candidate c USING (site_id, anonymous_id)
    WHERE c.from_key <> c.to_key AND e.site_id = c.site_id AND e.person_key = c.from_key
      AND e.anonymous_id = c.anonymous_id AND e.customer_id IS NULL`,
};

/** An event's dedupe key, (site, id), as one string. */
const eventKey = (siteId: string, id: string) => `${siteId}\n${id}`;

/** The anonymous id whose link decides the row's person key or which the row links, else null. */
function visitorOf(row: EventRow): string | null {
  if (row.anonymousId === null) return null;
  return row.customerId === null || row.type === "identify" ? row.anonymousId : null;
}

/** PostgreSQL text cannot hold NUL; a user agent sent in an event's context may, and so may what is parsed from it. */
const withoutNul = (value: string | null) => (value === null || !value.includes("\0") ? value : value.replaceAll("\0", ""));

/**
 * Inserts the rows (sorted by key) and returns the keys of those that were new. `order` is each
 * row's position in the caller's group: the rows are numbered (seq) in that order, so events of
 * equal time read back in the order they came, although they are inserted by key.
 */
async function storeEvents(
  client: pg.PoolClient,
  rows: readonly EventRow[],
  order: readonly number[],
  links: ReadonlyMap<string, IdentityLink>,
): Promise<Set<string>> {
  const columns: unknown[][] = ROW_COLUMNS.map(() => new Array<unknown>(rows.length));
  rows.forEach((row, i) => {
    const link = row.customerId === null && row.anonymousId !== null ? links.get(visitorKey(row.siteId, row.anonymousId)) : undefined;
    const values = [
      order[i],
      row.siteId,
      row.id,
      row.type,
      row.name,
      row.anonymousId,
      row.customerId,
      link === undefined ? row.personKey : customerKey(link.customerId),
      row.sessionId,
      row.timestamp,
      row.receivedAt,
      row.properties,
      row.traits,
      row.context,
      withoutNul(row.userAgent),
      withoutNul(row.browser),
      withoutNul(row.os),
      withoutNul(row.deviceType),
    ];
    values.forEach((value, c) => {
      (columns[c] as unknown[])[i] = value;
    });
  });
  const { rows: inserted } = await client.query<{ site_id: string; id: string }>({ ...INSERT_EVENTS, values: [JSON.stringify(columns)] });
  return new Set(inserted.map((r) => eventKey(r.site_id, r.id)));
}

/**
 * Offers the table each visitor's new link and moves the visitors whose link it took, with all
 * their anonymous events. `stored` holds the links read under the visitors' locks, still current.
 */
async function moveLinks(
  client: pg.PoolClient,
  candidates: ReadonlyArray<{ siteId: string; link: IdentityLink }>,
  stored: ReadonlyMap<string, IdentityLink>,
): Promise<void> {
  if (candidates.length === 0) return;
  const fromKey = ({ siteId, link }: (typeof candidates)[number]) => {
    const previous = stored.get(visitorKey(siteId, link.anonymousId));
    return previous === undefined ? anonymousKey(link.anonymousId) : customerKey(previous.customerId);
  };
  await client.query({
    ...MOVE_LINKS,
    values: [
      candidates.map((c) => c.siteId),
      candidates.map((c) => c.link.anonymousId),
      candidates.map((c) => c.link.customerId),
      candidates.map((c) => c.link.timestamp),
      candidates.map((c) => c.link.eventId),
      candidates.map(fromKey),
      candidates.map((c) => customerKey(c.link.customerId)),
    ],
  });
}

/**
 * Stores a group of rows in one transaction: the Store.insertEvents contract (one outcome per
 * row; a repeat inside the group counts as a duplicate; suppressed rows are left out), with
 * identity links decided by preferredLink and person keys following them. A group without identifies only reads links,
 * so it locks its visitors in share mode and runs beside other such groups on other nodes.
 */
export async function insertEventGroup(pool: pg.Pool, rows: readonly EventRow[]): Promise<InsertOutcome[]> {
  if (rows.length > SEQ_BLOCK) throw new RangeError(`a group holds at most ${SEQ_BLOCK} rows; this one has ${rows.length}`);
  const firstOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const k = eventKey(row.siteId, row.id);
    if (!firstOf.has(k)) firstOf.set(k, i);
  });
  const sortedKeys = [...firstOf.keys()].sort();
  const order = sortedKeys.map((k) => firstOf.get(k) as number);
  const unique = order.map((position) => rows[position] as EventRow);

  // The group's visitors, from the rows the suppression list did not refuse before the
  // transaction: a replay of an erased device's events must not bring its id back.
  let visitors: Visitor[] = [];
  let identifies = false;
  async function createGroupVisitors(client: pg.PoolClient): Promise<void> {
    const refused = await findSuppressedRows(client, unique, eventKey);
    visitors = [];
    identifies = false;
    for (const row of unique) {
      const anonymousId = visitorOf(row);
      if (anonymousId === null || refused.has(eventKey(row.siteId, row.id))) continue;
      visitors.push({ siteId: row.siteId, anonymousId });
      if (row.type === "identify") identifies = true;
    }
    await createVisitors(client, visitors);
  }

  const { inserted, suppressed } = await inTransaction(
    pool,
    async (client) => {
      const links = await lockVisitors(client, visitors, identifies ? "exclusive" : "share");
      // Again under the locks: an erasure that committed since is seen (READ COMMITTED), and
      // one that starts now waits for this transaction (suppression-list.ts).
      await lockSitesForIngest(client, unique);
      const suppressed = await findSuppressedRows(client, unique, eventKey);
      const kept = suppressed.size === 0 ? unique : unique.filter((row) => !suppressed.has(eventKey(row.siteId, row.id)));
      const keptOrder = suppressed.size === 0 ? order : order.filter((_, i) => !suppressed.has(eventKey(unique[i]!.siteId, unique[i]!.id)));
      const inserted = kept.length === 0 ? new Set<string>() : await storeEvents(client, kept, keptOrder, links);
      // Per visitor, the best of the stored link and the group's new identifies.
      const best = new Map<string, { siteId: string; link: IdentityLink }>();
      for (const row of kept) {
        if (row.type !== "identify" || row.anonymousId === null || row.customerId === null || !inserted.has(eventKey(row.siteId, row.id)))
          continue;
        const visitor = visitorKey(row.siteId, row.anonymousId);
        const candidate: IdentityLink = {
          anonymousId: row.anonymousId,
          customerId: row.customerId,
          eventId: row.id,
          timestamp: row.timestamp,
        };
        const current = best.get(visitor)?.link ?? links.get(visitor);
        if (preferredLink(current, candidate) === candidate) best.set(visitor, { siteId: row.siteId, link: candidate });
      }
      await moveLinks(client, [...best.values()], links);
      return { inserted, suppressed };
    },
    { beforeBegin: createGroupVisitors },
  );

  // A repeat of a suppressed row inside the group is suppressed too, not a duplicate.
  return rows.map((row, i): InsertOutcome => {
    const k = eventKey(row.siteId, row.id);
    if (suppressed.has(k)) return "suppressed";
    return firstOf.get(k) === i && inserted.has(k) ? "new" : "duplicate";
  });
}
