/**
 * Journey digests on SQLite: one row per person (journey_digests, clustered by person key), kept
 * up to date lazily. Rebuilding every journey from events read in person order costs seconds per
 * million events (the events table is stored in arrival order, so the read is random); reading
 * the digests is one sequential scan. Before a stream, the digests of a site catch up:
 * - a person with an event newer than the site's mark (events.seq is AUTOINCREMENT, so every new
 *   row lies above it) is rebuilt, found by a rowid range scan of the new rows only;
 * - a person in journey_digest_stale (filled by triggers when events are deleted or move to
 *   another person) is rebuilt, or loses its digest when no event is left;
 * - another stage model or engine version (the builder's modelKey), or another record encoding,
 *   rebuilds every digest of the site.
 * Each person (in a full rebuild, each key range) is read, rebuilt and unmarked in one
 * transaction, and the mark moves only after everything below it is rebuilt, so a crash, a
 * concurrent ingest or another process refreshing at the same time leaves work for the next
 * refresh, never a digest that silently misses an event.
 */
import { setImmediate } from "node:timers/promises";
import type Database from "better-sqlite3";
import type { JourneyEvent } from "@touchpoint/journeys";
import { DIGEST_RECORD_VERSION, journeyDigestOfRecord, journeySummaryOfRecord, toJourneyDigestRecord } from "../journey-digest-record.js";
import { personKeyRange } from "../person-key-range.js";
import type { DigestBuilder, PersonEvents, StreamPersonsOptions } from "../store.js";
import type { ReadPersonChunk } from "./person-stream.js";

/** Digests per statement while streaming. */
const READ_CHUNK = 1_000;
/** Changed persons rebuilt per transaction: short enough that ingest commits wait milliseconds. */
const REBUILD_CHUNK = 200;

/** What a site's digests were made with: the builder's model key, in this store's record encoding. */
const markKeyOf = (builder: DigestBuilder) => `${DIGEST_RECORD_VERSION}:${builder.modelKey}`;

interface Mark {
  modelKey: string;
  throughSeq: number;
}

export function createJourneyDigests(client: Database.Database, readPersonChunk: ReadPersonChunk, readPerson: (siteId: string, personKey: string) => JourneyEvent[]) {
  const selectMark = client.prepare<[string], Mark>("SELECT model_key AS modelKey, through_seq AS throughSeq FROM journey_digest_marks WHERE site_id = ?");
  const upsertMark = client.prepare<[string, string, number]>(
    `INSERT INTO journey_digest_marks (site_id, model_key, through_seq) VALUES (?, ?, ?)
     ON CONFLICT (site_id) DO UPDATE SET model_key = excluded.model_key, through_seq = excluded.through_seq`,
  );
  // The highest seq ever given out (AUTOINCREMENT keeps it in sqlite_sequence), deleted rows included.
  const selectLastSeq = client.prepare<[], number>("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)").pluck();
  // NOT INDEXED: walk the rowid range of the new rows, never the site's whole person index.
  const selectChangedKeys = client.prepare<[number, number, string], string>("SELECT DISTINCT person_key FROM events NOT INDEXED WHERE seq > ? AND seq <= ? AND site_id = ?").pluck();
  const selectStaleKeys = client.prepare<[string], string>("SELECT person_key FROM journey_digest_stale WHERE site_id = ?").pluck();
  const deleteStaleKey = client.prepare<[string, string]>("DELETE FROM journey_digest_stale WHERE site_id = ? AND person_key = ?");
  const upsertDigest = client.prepare<[string, string, string, string]>(
    `INSERT INTO journey_digests (site_id, person_key, summary, touches) VALUES (?, ?, ?, ?)
     ON CONFLICT (site_id, person_key) DO UPDATE SET summary = excluded.summary, touches = excluded.touches`,
  );
  const deleteDigest = client.prepare<[string, string]>("DELETE FROM journey_digests WHERE site_id = ? AND person_key = ?");
  // A key range (above, through]: a full rebuild replaces it a chunk at a time.
  const deleteDigestRange = client.prepare<[string, string, string]>("DELETE FROM journey_digests WHERE site_id = ? AND person_key > ? AND person_key <= ?");
  const deleteStaleRange = client.prepare<[string, string, string]>("DELETE FROM journey_digest_stale WHERE site_id = ? AND person_key > ? AND person_key <= ?");
  const selectSummaries = client
    .prepare<[string, string, string, number], [string, string]>("SELECT person_key, summary FROM journey_digests WHERE site_id = ? AND person_key > ? AND person_key < ? ORDER BY person_key LIMIT ?")
    .raw(true);
  const selectDigests = client
    .prepare<[string, string, string, number], [string, string, string]>(
      "SELECT person_key, summary, touches FROM journey_digests WHERE site_id = ? AND person_key > ? AND person_key < ? ORDER BY person_key LIMIT ?",
    )
    .raw(true);

  function storeDigest(siteId: string, person: PersonEvents, builder: DigestBuilder): void {
    const record = toJourneyDigestRecord(builder.digestOf(person));
    upsertDigest.run(siteId, person.personKey, record.summary, record.touches);
  }

  // The digests and stale marks of the key range the chunk covers are replaced by exactly its
  // persons, in one transaction: no other process's refresh, running at the same time, can see
  // the range half done or lose a mark it has not rebuilt.
  const rebuildChunk = client.transaction((siteId: string, above: string, builder: DigestBuilder) => {
    const { below } = personKeyRange({});
    const chunk = readPersonChunk(siteId, above, below);
    // No key is `below` itself, so an inclusive bound there covers the rest of the range.
    const through = chunk.done ? below : (chunk.persons[chunk.persons.length - 1]?.personKey ?? below);
    deleteDigestRange.run(siteId, above, through);
    deleteStaleRange.run(siteId, above, through);
    for (const person of chunk.persons) storeDigest(siteId, person, builder);
    return chunk;
  });

  const rebuildPersons = client.transaction((siteId: string, personKeys: readonly string[], builder: DigestBuilder) => {
    for (const personKey of personKeys) {
      const events = readPerson(siteId, personKey);
      if (events.length === 0) deleteDigest.run(siteId, personKey);
      else storeDigest(siteId, { personKey, events }, builder);
      deleteStaleKey.run(siteId, personKey);
    }
  });

  async function rebuildSite(siteId: string, builder: DigestBuilder, throughSeq: number): Promise<void> {
    let above = personKeyRange({}).above;
    for (;;) {
      const { persons, done } = rebuildChunk.immediate(siteId, above, builder);
      const last = persons[persons.length - 1];
      if (done || last === undefined) break;
      above = last.personKey;
      await setImmediate();
    }
    upsertMark.run(siteId, markKeyOf(builder), throughSeq);
  }

  async function rebuildChanged(siteId: string, builder: DigestBuilder, mark: Mark, throughSeq: number): Promise<void> {
    const changed = new Set(selectChangedKeys.all(mark.throughSeq, throughSeq, siteId));
    for (const key of selectStaleKeys.all(siteId)) changed.add(key);
    const keys = [...changed];
    for (let i = 0; i < keys.length; i += REBUILD_CHUNK) {
      rebuildPersons.immediate(siteId, keys.slice(i, i + REBUILD_CHUNK), builder);
      await setImmediate();
    }
    if (throughSeq !== mark.throughSeq) upsertMark.run(siteId, markKeyOf(builder), throughSeq);
  }

  async function refreshNow(siteId: string, builder: DigestBuilder): Promise<void> {
    const throughSeq = selectLastSeq.get() as number;
    const mark = selectMark.get(siteId);
    if (mark === undefined || mark.modelKey !== markKeyOf(builder)) await rebuildSite(siteId, builder, throughSeq);
    else await rebuildChanged(siteId, builder, mark, throughSeq);
  }

  // One refresh of a site at a time; a caller arriving during one runs its own after it, which
  // finds little left to do.
  const refreshes = new Map<string, Promise<void>>();
  function refresh(siteId: string, builder: DigestBuilder): Promise<void> {
    const next = (refreshes.get(siteId) ?? Promise.resolve()).catch(() => undefined).then(() => refreshNow(siteId, builder));
    refreshes.set(siteId, next);
    const forget = () => {
      if (refreshes.get(siteId) === next) refreshes.delete(siteId);
    };
    next.then(forget, forget);
    return next;
  }

  async function* streamRows<Row extends [string, ...string[]], T>(
    select: Database.Statement<[string, string, string, number], Row>,
    decode: (row: Row) => T,
    siteId: string,
    builder: DigestBuilder,
    options: StreamPersonsOptions,
  ): AsyncGenerator<T> {
    await refresh(siteId, builder);
    const range = personKeyRange(options);
    let above = range.above;
    for (;;) {
      const rows = select.all(siteId, above, range.below, READ_CHUNK);
      for (const row of rows) yield decode(row);
      const last = rows[rows.length - 1];
      if (rows.length < READ_CHUNK || last === undefined) return;
      above = last[0];
      await setImmediate();
    }
  }

  return {
    streamJourneyDigests: (siteId: string, builder: DigestBuilder, options: StreamPersonsOptions = {}) =>
      streamRows(selectDigests, ([, summary, touches]) => journeyDigestOfRecord({ summary, touches }), siteId, builder, options),
    streamJourneySummaries: (siteId: string, builder: DigestBuilder, options: StreamPersonsOptions = {}) =>
      streamRows(selectSummaries, ([, summary]) => journeySummaryOfRecord(summary), siteId, builder, options),
  };
}
