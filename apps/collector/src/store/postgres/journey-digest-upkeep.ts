/**
 * Journey upkeep on PostgreSQL, shared by every collector process on the database. Triggers queue
 * each changed person in journey_changed_persons in the transaction that changed their events;
 * upkeep takes a chunk of the queue with FOR UPDATE SKIP LOCKED (so two nodes never rebuild the
 * same person at once, and neither waits for the other), reads those persons' events, rebuilds
 * their digests through the builder, writes them and deletes the chunk's rows, all in one short
 * transaction. A writer that changes a taken person meanwhile waits for that transaction on the
 * queue row and queues the person again after it, so no change is lost; a node that dies
 * mid-chunk rolls back and leaves the rows for the next taker.
 * A new stage model (the builder's modelKey differs from the site's mark) queues every person of
 * the site once, under the mark's row lock, and the nodes share the rebuild through the queue.
 */
import { setImmediate, setTimeout as sleep } from "node:timers/promises";
import type { JourneyDigest } from "@touchpoint/journeys";
import type pg from "pg";
import { journeyDigestOfRecord, toJourneyDigestRecord } from "../journey-digest-record.js";
import { AFTER_EVENT_VALUES, journeyEventOfValues, type EventValues } from "../event-record.js";
import { EVENT_VALUES_SQL } from "./event-columns.js";
import type { AddedEvent, DigestBuilder, DigestChange, PersonEvents, StageEntriesToRecord } from "../store.js";
import { digestMarkKey } from "./journey-digest-reader.js";
import { inTransaction } from "./transaction.js";

/** Persons rebuilt per transaction: short enough that a writer waiting on one of them waits milliseconds. */
const REBUILD_CHUNK = 200;
/** Events built into digests between two turns of the event loop. */
const YIELD_EVERY_EVENTS = 5_000;

interface Claimed {
  personKey: string;
  sinceSeq: number | null;
  cause: DigestChange["cause"];
}

interface StoredDigest {
  personKey: string;
  summary: string;
  touches: string;
  eventCount: number;
}

/** Rows as arrays: the event's values, then its person key and seq. */
type PersonRow = readonly [...EventValues];
const PERSON_KEY = AFTER_EVENT_VALUES;
const SEQ = AFTER_EVENT_VALUES + 1;

const CLAIM = {
  name: "touchpoint_upkeep_claim",
  text: `SELECT person_key AS "personKey", since_seq AS "sinceSeq", cause FROM journey_changed_persons
    WHERE site_id = $1 ORDER BY queued_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
};

const EVENTS_OF = {
  name: "touchpoint_upkeep_events",
  text: `SELECT ${EVENT_VALUES_SQL}, person_key, seq FROM events WHERE site_id = $1 AND person_key = ANY($2::text[]) ORDER BY person_key, timestamp, seq`,
  rowMode: "array",
};

const DIGESTS_OF = {
  name: "touchpoint_upkeep_digests",
  text: `SELECT person_key AS "personKey", summary, touches, event_count AS "eventCount" FROM journey_digests WHERE site_id = $1 AND person_key = ANY($2::text[])`,
};

const UPSERT_DIGESTS = {
  name: "touchpoint_upkeep_upsert",
  text: `INSERT INTO journey_digests (site_id, person_key, summary, touches, event_count)
    SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[])
    ON CONFLICT (site_id, person_key) DO UPDATE SET summary = excluded.summary, touches = excluded.touches, event_count = excluded.event_count`,
};

const DELETE_DIGESTS = {
  name: "touchpoint_upkeep_delete_digests",
  text: "DELETE FROM journey_digests WHERE site_id = $1 AND person_key = ANY($2::text[])",
};

const MARK = {
  name: "touchpoint_upkeep_mark",
  text: `SELECT (SELECT model_key FROM journey_digest_marks WHERE site_id = $1) AS "modelKey", journey_changed_now() AS now`,
};

const HELD_BEFORE = {
  name: "touchpoint_upkeep_held",
  text: "SELECT EXISTS (SELECT 1 FROM journey_changed_persons WHERE site_id = $1 AND queued_at <= $2) AS held",
};

/** How often upkeep looks again for persons another node holds. */
const HELD_POLL_MS = 20;

const UNQUEUE = {
  name: "touchpoint_upkeep_unqueue",
  text: "DELETE FROM journey_changed_persons WHERE site_id = $1 AND person_key = ANY($2::text[])",
};

const INSERT_STAGE_ENTRIES = {
  name: "touchpoint_upkeep_stage_entries",
  text: `INSERT INTO journey_stage_entries (site_id, person_key, stage, entered_at, recorded_at)
         SELECT $1, person_key, stage, entered_at, $5 FROM unnest($2::text[], $3::text[], $4::bigint[]) AS e(person_key, stage, entered_at)
         ON CONFLICT DO NOTHING`,
};

interface PersonRead extends PersonEvents {
  added: AddedEvent[];
}

function readPersons(rows: readonly PersonRow[], claimed: ReadonlyMap<string, Claimed>): Map<string, PersonRead> {
  const persons = new Map<string, PersonRead>();
  for (const row of rows) {
    const personKey = row[PERSON_KEY] as string;
    let person = persons.get(personKey);
    if (person === undefined) {
      person = { personKey, events: [], added: [] };
      persons.set(personKey, person);
    }
    const event = journeyEventOfValues(row);
    person.events.push(event);
    const sinceSeq = claimed.get(personKey)?.sinceSeq ?? null;
    if (sinceSeq !== null && (row[SEQ] as number) >= sinceSeq)
      person.added.push({ id: event.id, type: event.type, name: event.name, time: event.timestamp });
  }
  return persons;
}

export function createJourneyDigestUpkeep(pool: pg.Pool) {
  /** Queues every person of the site for the new model, once: the first node to see the change does it. */
  async function switchModel(siteId: string, markKey: string): Promise<void> {
    await inTransaction(pool, async (client) => {
      await client.query("INSERT INTO journey_digest_marks (site_id, model_key) VALUES ($1, '') ON CONFLICT (site_id) DO NOTHING", [
        siteId,
      ]);
      const { rows } = await client.query<{ modelKey: string }>(
        `SELECT model_key AS "modelKey" FROM journey_digest_marks WHERE site_id = $1 FOR UPDATE`,
        [siteId],
      );
      const current = rows[0]?.modelKey ?? "";
      if (current === markKey) return;
      // A site's first digests take every event as added (since seq 0): its first events are news
      // too. Sites that had events before upkeep existed have a mark (the migration's), so their
      // history is not.
      await client.query(
        `INSERT INTO journey_changed_persons AS q (site_id, person_key, since_seq, queued_at, cause)
         SELECT site_id, person_key, $2::bigint, journey_changed_now(), 'model' FROM (SELECT DISTINCT site_id, person_key FROM events WHERE site_id = $1) d
         ORDER BY site_id, person_key
         ON CONFLICT (site_id, person_key) DO UPDATE SET cause = 'model'`,
        [siteId, current === "" ? 0 : null],
      );
      await client.query("UPDATE journey_digest_marks SET model_key = $2 WHERE site_id = $1", [siteId, markKey]);
    });
  }

  /** Rebuilds one chunk of the queue; resolves with the changes (empty when the queue had nothing free). */
  async function rebuildChunk(
    siteId: string,
    builder: DigestBuilder,
    wantChanges: boolean,
    record: StageEntriesToRecord | undefined,
  ): Promise<{ claimed: number; changes: DigestChange[] }> {
    return inTransaction(pool, async (client) => {
      const { rows: claimedRows } = await client.query<Claimed>({ ...CLAIM, values: [siteId, REBUILD_CHUNK] });
      if (claimedRows.length === 0) return { claimed: 0, changes: [] };
      const claimed = new Map(claimedRows.map((c) => [c.personKey, c]));
      const keys = [...claimed.keys()];
      const { rows } = await client.query<PersonRow>({ ...EVENTS_OF, values: [siteId, keys] });
      const persons = readPersons(rows, claimed);
      const before = wantChanges
        ? new Map((await client.query<StoredDigest>({ ...DIGESTS_OF, values: [siteId, keys] })).rows.map((d) => [d.personKey, d]))
        : null;

      const built: { personKey: string; digest: JourneyDigest; summary: string; touches: string; eventCount: number }[] = [];
      let sinceYield = 0;
      for (const person of persons.values()) {
        const digest = builder.digestOf(person);
        built.push({ personKey: person.personKey, digest, ...toJourneyDigestRecord(digest), eventCount: person.events.length });
        // Heavy persons: let requests in between, the event loop is theirs too.
        sinceYield += person.events.length;
        if (sinceYield >= YIELD_EVERY_EVENTS) {
          sinceYield = 0;
          await setImmediate();
        }
      }
      if (built.length > 0) {
        await client.query({
          ...UPSERT_DIGESTS,
          values: [
            siteId,
            built.map((b) => b.personKey),
            built.map((b) => b.summary),
            built.map((b) => b.touches),
            built.map((b) => b.eventCount),
          ],
        });
      }
      const emptied = keys.filter((key) => !persons.has(key));
      if (emptied.length > 0) await client.query({ ...DELETE_DIGESTS, values: [siteId, emptied] });
      await client.query({ ...UNQUEUE, values: [siteId, keys] });

      if (before === null) return { claimed: keys.length, changes: [] };
      const changes: DigestChange[] = [];
      const afterOf = new Map(built.map((b) => [b.personKey, b]));
      for (const key of keys) {
        const old = before.get(key);
        const after = afterOf.get(key);
        if (old === undefined && after === undefined) continue;
        changes.push({
          personKey: key,
          cause: (claimed.get(key) as Claimed).cause,
          before: old === undefined ? null : journeyDigestOfRecord(old),
          beforeEventCount: old?.eventCount ?? 0,
          after: after?.digest ?? null,
          afterEventCount: after?.eventCount ?? 0,
          added: persons.get(key)?.added ?? [],
        });
      }
      if (record !== undefined) {
        const entries = changes.flatMap((change) => record(change).map((entry) => ({ personKey: change.personKey, ...entry })));
        if (entries.length > 0)
          await client.query({
            ...INSERT_STAGE_ENTRIES,
            values: [siteId, entries.map((e) => e.personKey), entries.map((e) => e.stage), entries.map((e) => e.time), Date.now()],
          });
      }
      return { claimed: keys.length, changes };
    });
  }

  return {
    async upkeepJourneyDigests(
      siteId: string,
      builder: DigestBuilder,
      onChange?: (change: DigestChange) => void,
      record?: StageEntriesToRecord,
    ): Promise<void> {
      const markKey = digestMarkKey(builder.modelKey);
      const { rows } = await pool.query<{ modelKey: string | null; now: number }>({ ...MARK, values: [siteId] });
      const startedAt = rows[0]?.now as number;
      if (rows[0]?.modelKey !== markKey) await switchModel(siteId, markKey);
      for (;;) {
        const { claimed, changes } = await rebuildChunk(siteId, builder, onChange !== undefined || record !== undefined, record);
        if (onChange !== undefined) for (const change of changes) onChange(change);
        if (claimed > 0) continue;
        // Nothing free: persons queued before this call that another node (or a writer about to
        // commit) holds are waited for, so that everything committed before the call is in.
        const { rows: held } = await pool.query<{ held: boolean }>({ ...HELD_BEFORE, values: [siteId, startedAt] });
        if (held[0]?.held !== true) return;
        await sleep(HELD_POLL_MS);
      }
    },
  };
}
