/**
 * Journey upkeep on SQLite: brings a site's digests (one row per person, journey_digests) up to
 * date after ingest commits, never inside a read. Changed persons are found without a queue:
 * - a person with an event above the site's mark (events.seq is AUTOINCREMENT, so every new row
 *   lies above it) is rebuilt, found by a rowid range scan of the new rows only;
 * - a person in journey_digest_stale (filled by triggers when events are deleted or move to
 *   another person) is rebuilt, or loses their digest when no event is left;
 * - another stage model or engine version (the builder's modelKey), or another record encoding,
 *   rebuilds every digest of the site, one key range per transaction.
 * Each chunk of persons is read, rebuilt and unmarked in one short transaction, and the mark moves
 * only after everything below it is rebuilt, so a crash, a concurrent ingest or another process
 * running upkeep at the same time leaves work for the next pass, never a digest that silently
 * misses an event.
 */
import { setImmediate } from "node:timers/promises";
import type Database from "better-sqlite3";
import type { JourneyDigest, JourneyEvent } from "@touchpoint/journeys";
import { journeyDigestOfRecord, toJourneyDigestRecord } from "../journey-digest-record.js";
import { personKeyRange } from "../person-key-range.js";
import type { AddedEvent, DigestBuilder, DigestChange, StageEntriesToRecord } from "../store.js";
import { digestMarkKey, lastEventSeq } from "./journey-digest-marks.js";
import type { ReadPersonChunk } from "./person-stream.js";
import type { ReadChangedPerson, SeqEvents } from "./upkeep-person-events.js";

/**
 * Changed persons rebuilt per transaction at most, and the time a transaction may take once it has
 * rebuilt one: the event loop it shares with ingest waits about that long. A budget of 5,000 events
 * instead held it 25-89 ms (median loop delay) with persons of 500 events.
 */
const REBUILD_CHUNK = 200;
const REBUILD_BUDGET_MS = 10;

interface Mark {
  modelKey: string;
  throughSeq: number;
}

interface StoredDigest {
  personKey: string;
  summary: string;
  touches: string;
  eventCount: number;
}

/** Events above `afterSeq` through `throughSeq` are new to this pass. */
interface SeqWindow {
  afterSeq: number;
  throughSeq: number;
}

const digestOfStored = (stored: StoredDigest | undefined): JourneyDigest | null =>
  stored === undefined ? null : journeyDigestOfRecord(stored);

/** The person's events new to this pass, in time order: those with a seq in the window. */
function addedInWindow({ events, seqs }: SeqEvents, window: SeqWindow): AddedEvent[] {
  const added: AddedEvent[] = [];
  seqs.forEach((seq, i) => {
    if (seq <= window.afterSeq || seq > window.throughSeq) return;
    const { id, type, name, timestamp } = events[i] as JourneyEvent;
    added.push({ id, type, name, time: timestamp });
  });
  return added;
}

export function createJourneyDigestUpkeep(
  client: Database.Database,
  readPersonChunk: ReadPersonChunk,
  readChangedPerson: ReadChangedPerson,
) {
  const selectMark = client.prepare<[string], Mark>(
    "SELECT model_key AS modelKey, through_seq AS throughSeq FROM journey_digest_marks WHERE site_id = ?",
  );
  const upsertMark = client.prepare<[string, string, number, number]>(
    `INSERT INTO journey_digest_marks (site_id, model_key, through_seq, as_of) VALUES (?, ?, ?, ?)
     ON CONFLICT (site_id) DO UPDATE SET model_key = excluded.model_key, through_seq = excluded.through_seq, as_of = excluded.as_of`,
  );
  const selectLastSeq = lastEventSeq(client);
  // NOT INDEXED: walk the rowid range of the new rows, never the site's whole person index.
  const selectChangedKeys = client
    .prepare<[number, number, string], string>(
      "SELECT DISTINCT person_key FROM events NOT INDEXED WHERE seq > ? AND seq <= ? AND site_id = ?",
    )
    .pluck();
  const selectAdded = client.prepare<[string, string, number, number], AddedEvent>(
    "SELECT id, type, name, timestamp AS time FROM events WHERE site_id = ? AND person_key = ? AND seq > ? AND seq <= ? ORDER BY timestamp, seq",
  );
  const selectStaleKeys = client.prepare<[string], string>("SELECT person_key FROM journey_digest_stale WHERE site_id = ?").pluck();
  const deleteStaleKey = client.prepare<[string, string]>("DELETE FROM journey_digest_stale WHERE site_id = ? AND person_key = ?");
  const selectDigest = client.prepare<[string, string], StoredDigest>(
    "SELECT person_key AS personKey, summary, touches, event_count AS eventCount FROM journey_digests WHERE site_id = ? AND person_key = ?",
  );
  const selectDigestRange = client.prepare<[string, string, string], StoredDigest>(
    "SELECT person_key AS personKey, summary, touches, event_count AS eventCount FROM journey_digests WHERE site_id = ? AND person_key > ? AND person_key <= ?",
  );
  const upsertDigest = client.prepare<[string, string, string, string, number]>(
    `INSERT INTO journey_digests (site_id, person_key, summary, touches, event_count) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, person_key) DO UPDATE SET summary = excluded.summary, touches = excluded.touches, event_count = excluded.event_count`,
  );
  const deleteDigest = client.prepare<[string, string]>("DELETE FROM journey_digests WHERE site_id = ? AND person_key = ?");
  // A key range (above, through]: a full rebuild replaces it a chunk at a time.
  const deleteDigestRange = client.prepare<[string, string, string]>(
    "DELETE FROM journey_digests WHERE site_id = ? AND person_key > ? AND person_key <= ?",
  );
  const deleteStaleRange = client.prepare<[string, string, string]>(
    "DELETE FROM journey_digest_stale WHERE site_id = ? AND person_key > ? AND person_key <= ?",
  );

  function storeDigest(siteId: string, personKey: string, events: JourneyEvent[], builder: DigestBuilder): JourneyDigest {
    const digest = builder.digestOf({ personKey, events });
    const record = toJourneyDigestRecord(digest);
    upsertDigest.run(siteId, personKey, record.summary, record.touches, events.length);
    return digest;
  }

  const insertStageEntry = client.prepare<[string, string, string, number, number]>(
    "INSERT INTO journey_stage_entries (site_id, person_key, stage, entered_at, recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  /** Within the rebuilding transaction: the change's entries that `record` picks, kept for automation. */
  function recordStageEntries(siteId: string, change: DigestChange, record: StageEntriesToRecord | undefined): DigestChange {
    if (record !== undefined) {
      const now = Date.now();
      for (const entry of record(change)) insertStageEntry.run(siteId, change.personKey, entry.stage, entry.time, now);
    }
    return change;
  }

  const changeOf = (
    personKey: string,
    cause: DigestChange["cause"],
    before: StoredDigest | undefined,
    after: JourneyDigest | null,
    afterEventCount: number,
    added: AddedEvent[],
  ): DigestChange => ({
    personKey,
    cause,
    before: digestOfStored(before),
    beforeEventCount: before?.eventCount ?? 0,
    after,
    afterEventCount,
    added,
  });

  // The digests and stale marks of the key range the chunk covers are replaced by exactly its
  // persons, in one transaction: no other process's upkeep, running at the same time, can see
  // the range half done or lose a mark it has not rebuilt.
  const rebuildChunk = client.transaction(
    (
      siteId: string,
      above: string,
      builder: DigestBuilder,
      window: SeqWindow,
      changes: DigestChange[] | null,
      record: StageEntriesToRecord | undefined,
    ) => {
      const { below } = personKeyRange({});
      const chunk = readPersonChunk(siteId, above, below);
      // No key is `below` itself, so an inclusive bound there covers the rest of the range.
      const through = chunk.done ? below : (chunk.persons[chunk.persons.length - 1]?.personKey ?? below);
      const before = changes === null ? null : new Map(selectDigestRange.all(siteId, above, through).map((d) => [d.personKey, d]));
      deleteDigestRange.run(siteId, above, through);
      deleteStaleRange.run(siteId, above, through);
      for (const person of chunk.persons) {
        const digest = storeDigest(siteId, person.personKey, person.events, builder);
        if (changes === null || before === null) continue;
        changes.push(
          recordStageEntries(
            siteId,
            changeOf(
              person.personKey,
              "model",
              before.get(person.personKey),
              digest,
              person.events.length,
              selectAdded.all(siteId, person.personKey, window.afterSeq, window.throughSeq),
            ),
            record,
          ),
        );
        before.delete(person.personKey);
      }
      if (changes !== null && before !== null)
        for (const gone of before.values()) changes.push(changeOf(gone.personKey, "model", gone, null, 0, []));
      return chunk;
    },
  );

  /** Rebuilds the first of `personKeys` (at least one) until the transaction's time budget is spent; answers how many. */
  const rebuildPersons = client.transaction(
    (
      siteId: string,
      personKeys: readonly string[],
      builder: DigestBuilder,
      window: SeqWindow,
      changes: DigestChange[] | null,
      record: StageEntriesToRecord | undefined,
    ): number => {
      const started = performance.now();
      let done = 0;
      for (const personKey of personKeys) {
        if (done > 0 && performance.now() - started >= REBUILD_BUDGET_MS) break;
        const before = changes === null ? undefined : selectDigest.get(siteId, personKey);
        const person = readChangedPerson(siteId, personKey);
        const after = person.events.length === 0 ? null : storeDigest(siteId, personKey, person.events, builder);
        if (after === null) deleteDigest.run(siteId, personKey);
        deleteStaleKey.run(siteId, personKey);
        if (changes !== null && (before !== undefined || after !== null)) {
          const added = after === null ? [] : addedInWindow(person, window);
          changes.push(recordStageEntries(siteId, changeOf(personKey, "events", before, after, person.events.length, added), record));
        }
        done++;
      }
      return done;
    },
  );

  function publish(changes: DigestChange[] | null, onChange: ((change: DigestChange) => void) | undefined): void {
    if (changes === null) return;
    for (const change of changes.splice(0)) onChange?.(change);
  }

  async function rebuildSite(
    siteId: string,
    builder: DigestBuilder,
    window: SeqWindow,
    onChange?: (change: DigestChange) => void,
    record?: StageEntriesToRecord,
  ): Promise<void> {
    const changes = onChange === undefined && record === undefined ? null : [];
    let above = personKeyRange({}).above;
    for (;;) {
      const { persons, done } = rebuildChunk.immediate(siteId, above, builder, window, changes, record);
      publish(changes, onChange);
      const last = persons[persons.length - 1];
      if (done || last === undefined) return;
      above = last.personKey;
      await setImmediate();
    }
  }

  async function rebuildChanged(
    siteId: string,
    builder: DigestBuilder,
    window: SeqWindow,
    onChange?: (change: DigestChange) => void,
    record?: StageEntriesToRecord,
  ): Promise<boolean> {
    const changed = new Set(window.throughSeq > window.afterSeq ? selectChangedKeys.all(window.afterSeq, window.throughSeq, siteId) : []);
    for (const key of selectStaleKeys.all(siteId)) changed.add(key);
    const keys = [...changed];
    const changes = onChange === undefined && record === undefined ? null : [];
    for (let i = 0; i < keys.length; ) {
      i += rebuildPersons.immediate(siteId, keys.slice(i, i + REBUILD_CHUNK), builder, window, changes, record);
      publish(changes, onChange);
      await setImmediate();
    }
    return keys.length > 0;
  }

  return {
    async upkeepJourneyDigests(
      siteId: string,
      builder: DigestBuilder,
      onChange?: (change: DigestChange) => void,
      record?: StageEntriesToRecord,
    ): Promise<void> {
      const startedAt = Date.now();
      const throughSeq = selectLastSeq.get() as number;
      const mark = selectMark.get(siteId);
      const markKey = digestMarkKey(builder.modelKey);
      // A site's first digests take every event as added: its first events are news too.
      const window = { afterSeq: mark?.throughSeq ?? 0, throughSeq };
      if (mark === undefined || mark.modelKey !== markKey) await rebuildSite(siteId, builder, window, onChange, record);
      else if (!(await rebuildChanged(siteId, builder, window, onChange, record)) && throughSeq === mark.throughSeq) return;
      upsertMark.run(siteId, markKey, throughSeq, startedAt);
    },
  };
}
