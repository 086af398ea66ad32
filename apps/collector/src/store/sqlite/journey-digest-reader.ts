/**
 * Reading journey digests on SQLite: one sequential scan of journey_digests (clustered by person
 * key) in chunks, so between chunks the event loop serves ingest and upkeep. Nothing here writes:
 * digests are made by upkeep (journey-digest-upkeep.ts), and a report on a read-only connection
 * works the same.
 */
import { setImmediate } from "node:timers/promises";
import type Database from "better-sqlite3";
import { attributionJourneyOfRecord, digestDecoder, funnelJourneyOfSummary, journeySummaryOfRecord } from "../journey-digest-record.js";
import { personKeyRange } from "../person-key-range.js";
import type { StreamDigestsOptions, StreamPersonsOptions, StreamTouchesOptions } from "../store.js";
import { digestMarkKey, lastEventSeq } from "./journey-digest-marks.js";

/** Digests per statement while streaming. */
const READ_CHUNK = 1_000;
/**
 * Persons decoded per page of streamTextPages: few enough that a page's objects (thousands of
 * touchpoints) die young, in the nursery, instead of surviving into the old generation; a page
 * of a whole chunk cost attribution a tenth more.
 */
const DECODED_PAGE = 64;

export function createJourneyDigestReader(client: Database.Database) {
  /** A page of the site's digests in person-key order, the key range (above, below) and a limit bound. */
  const page = <Row>(columns: string) =>
    client.prepare<[string, string, string, number], Row>(
      `SELECT ${columns} FROM journey_digests WHERE site_id = ? AND person_key > ? AND person_key < ? ORDER BY person_key LIMIT ?`,
    );
  const selectSummaries = page<[string, string]>("person_key, summary").raw(true);
  const selectDigests = page<[string, string, string]>("person_key, summary, touches").raw(true);
  // One column, no person key: a row is a string, not an array holding a key and a string. The
  // page's last key comes from selectKeyAt, in the same read transaction (readTextPage).
  const selectSummaryTexts = page<string>("summary").pluck(true);
  const selectTouchTexts = page<string>("touches").pluck(true);
  const selectKeyAt = client
    .prepare<[string, string, string, number], string>(
      "SELECT person_key FROM journey_digests WHERE site_id = ? AND person_key > ? AND person_key < ? ORDER BY person_key LIMIT 1 OFFSET ?",
    )
    .pluck(true);
  const readTextPage = client.transaction(
    (select: Database.Statement<[string, string, string, number], string>, siteId: string, above: string, below: string) => {
      const texts = select.all(siteId, above, below, READ_CHUNK);
      const lastKey = texts.length === 0 ? undefined : selectKeyAt.get(siteId, above, below, texts.length - 1);
      return { texts, lastKey };
    },
  );
  const selectMark = client.prepare<[string], { modelKey: string; throughSeq: number; asOf: number }>(
    "SELECT model_key AS modelKey, through_seq AS throughSeq, as_of AS asOf FROM journey_digest_marks WHERE site_id = ?",
  );
  const selectLastSeq = lastEventSeq(client);
  const selectAnyStale = client.prepare<[string], number>("SELECT EXISTS (SELECT 1 FROM journey_digest_stale WHERE site_id = ?)").pluck();

  /**
   * The site's digests in person-key order, a statement's chunk at a time: `read` gives a chunk
   * after `above` and the key of its last person. Between chunks the event loop serves others.
   */
  async function* chunks<T>(
    read: (above: string, below: string) => { rows: T[]; lastKey: string | undefined },
    options: StreamPersonsOptions,
  ): AsyncGenerator<T[]> {
    const range = personKeyRange(options);
    let above = range.above;
    for (;;) {
      const { rows, lastKey } = read(above, range.below);
      if (lastKey === undefined) return;
      yield rows;
      if (rows.length < READ_CHUNK) return;
      above = lastKey;
      await setImmediate();
    }
  }

  /** The decoded rows a chunk at a time: a report of a million persons awaits a thousand pages, not a million rows. */
  async function* streamPages<Row extends [string, ...string[]], T>(
    select: Database.Statement<[string, string, string, number], Row>,
    decode: (row: Row) => T,
    siteId: string,
    options: StreamPersonsOptions,
  ): AsyncGenerator<T[]> {
    const read = (above: string, below: string) => {
      const rows = select.all(siteId, above, below, READ_CHUNK);
      return { rows, lastKey: rows[rows.length - 1]?.[0] };
    };
    for await (const rows of chunks(read, options)) yield rows.map(decode);
  }

  /** streamPages a row at a time, leaving out the rows `decode` has nothing for. */
  async function* streamRows<Row extends [string, ...string[]], T>(
    select: Database.Statement<[string, string, string, number], Row>,
    decode: (row: Row) => T | undefined,
    siteId: string,
    options: StreamPersonsOptions,
  ): AsyncGenerator<T> {
    for await (const decoded of streamPages(select, decode, siteId, options))
      for (const item of decoded) if (item !== undefined) yield item;
  }

  /** streamPages of one column's texts, decoded DECODED_PAGE persons at a time. */
  async function* streamTextPages<T>(
    select: Database.Statement<[string, string, string, number], string>,
    decode: (text: string) => T,
    siteId: string,
    options: StreamPersonsOptions,
  ): AsyncGenerator<T[]> {
    const read = (above: string, below: string) => {
      const { texts, lastKey } = readTextPage(select, siteId, above, below);
      return { rows: texts, lastKey };
    };
    for await (const texts of chunks(read, options))
      for (let i = 0; i < texts.length; i += DECODED_PAGE) yield texts.slice(i, i + DECODED_PAGE).map(decode);
  }

  const streamJourneySummaries = (siteId: string, options: StreamPersonsOptions = {}) =>
    streamRows(selectSummaries, ([, summary]) => journeySummaryOfRecord(summary), siteId, options);

  /**
   * Now when upkeep has nothing left (no event above the mark, no stale person), else the start
   * of the pass that made the mark. Any site's new event counts as waiting: a pass moves every
   * site's mark, and the check stays one lookup.
   */
  async function journeyDigestsAsOf(siteId: string, modelKey: string): Promise<number | null> {
    const now = Date.now();
    const mark = selectMark.get(siteId);
    if (mark === undefined || mark.modelKey !== digestMarkKey(modelKey)) return null;
    const waiting = (selectLastSeq.get() as number) > mark.throughSeq || selectAnyStale.get(siteId) === 1;
    return waiting ? mark.asOf : now;
  }

  return {
    streamJourneyDigests: (siteId: string, options: StreamDigestsOptions = {}) => {
      const decode = digestDecoder(options.holding);
      return streamRows(selectDigests, ([, summary, touches]) => decode({ summary, touches }), siteId, options);
    },
    streamJourneyTouches: (siteId: string, options: StreamTouchesOptions = {}) =>
      options.withStages
        ? streamPages(selectDigests, ([, summary, touches]) => attributionJourneyOfRecord(touches, summary), siteId, options)
        : streamTextPages(selectTouchTexts, (touches) => attributionJourneyOfRecord(touches), siteId, options),
    streamJourneySummaries,
    streamFunnelJourneys: (siteId: string, options: StreamPersonsOptions = {}) =>
      streamTextPages(selectSummaryTexts, funnelJourneyOfSummary, siteId, options),
    journeyDigestsAsOf,
    // In-process reads cost no round trip: asOf, then the summaries, as the reports ask them apart.
    async journeySummariesAsOf(siteId: string, modelKey: string, options: StreamPersonsOptions = {}) {
      return { asOf: await journeyDigestsAsOf(siteId, modelKey), summaries: streamJourneySummaries(siteId, options) };
    },
  };
}
