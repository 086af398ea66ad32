/**
 * Reading journey digests on PostgreSQL, by keyset pages in person-key order: each page is one
 * statement, no cursor or connection is held between pages, and nothing here writes (digests are
 * made by upkeep, journey-digest-upkeep.ts).
 */
import type { AttributionJourney, FunnelJourney, JourneyDigest, JourneySummary } from "@touchpoint/journeys";
import type pg from "pg";
import {
  attributionJourneyOfRecord,
  DIGEST_RECORD_VERSION,
  digestDecoder,
  funnelJourneyOfSummary,
  journeySummaryOfRecord,
} from "../journey-digest-record.js";
import { personKeyRange } from "../person-key-range.js";
import type { StreamDigestsOptions, StreamPersonsOptions, StreamTouchesOptions } from "../store.js";

// Pages grow from a customer-list page to a full one: a list of 100 reads 128 rows, not 1,000,
// and a whole-site report pays three more statements among hundreds.
const FIRST_PAGE_ROWS = 128;
const PAGE_ROWS = 1_000;

/** The row limit of each page in turn: doubling from FIRST_PAGE_ROWS up to PAGE_ROWS. */
export const nextPageRows = (rows: number) => Math.min(rows * 2, PAGE_ROWS);

/** What a site's digests were made with: the builder's model key, in this store's record encoding. */
export const digestMarkKey = (modelKey: string) => `${DIGEST_RECORD_VERSION}:${modelKey}`;

const SUMMARIES = {
  name: "touchpoint_digest_summaries",
  text: "SELECT person_key, summary FROM journey_digests WHERE site_id = $1 AND person_key > $2 AND person_key < $3 ORDER BY person_key LIMIT $4",
  rowMode: "array",
};

const DIGESTS = {
  name: "touchpoint_digests",
  text: "SELECT person_key, summary, touches FROM journey_digests WHERE site_id = $1 AND person_key > $2 AND person_key < $3 ORDER BY person_key LIMIT $4",
  rowMode: "array",
};

const TOUCHES = {
  name: "touchpoint_digest_touches",
  text: "SELECT person_key, touches FROM journey_digests WHERE site_id = $1 AND person_key > $2 AND person_key < $3 ORDER BY person_key LIMIT $4",
  rowMode: "array",
};

// The oldest pending change of the site and the database's clock, in one snapshot.
const AS_OF = {
  name: "touchpoint_digests_as_of",
  text: `SELECT (SELECT model_key FROM journey_digest_marks WHERE site_id = $1) AS "modelKey",
      (SELECT min(queued_at) FROM journey_changed_persons WHERE site_id = $1) AS "oldest",
      journey_changed_now() AS "now"`,
};

// AS_OF and the first page of SUMMARIES in one statement: one round trip instead of two, and one
// snapshot, so the page holds exactly what asOf says. Every row carries whether the site's mark
// is $5 and the time; with no summary in the page, one row of nulls still carries them.
const SUMMARIES_AS_OF = {
  name: "touchpoint_digest_summaries_as_of",
  text: `WITH as_of AS (
      SELECT (SELECT model_key = $5 FROM journey_digest_marks WHERE site_id = $1) AS made_with,
        coalesce((SELECT min(queued_at) FROM journey_changed_persons WHERE site_id = $1), journey_changed_now()) AS through),
    page AS (${SUMMARIES.text})
    SELECT page.person_key, page.summary, as_of.made_with, as_of.through FROM as_of LEFT JOIN page ON true ORDER BY page.person_key`,
  rowMode: "array",
};

type SummaryRow = [string, string];
type SummaryAsOfRow = [string | null, string | null, boolean | null, number];
const summaryOfRow = ([, summary]: SummaryRow) => journeySummaryOfRecord(summary);

export function createJourneyDigestReader(pool: pg.Pool) {
  /** The decoded rows a page at a time; `first`: the first page's rows when a statement of its own read them. */
  async function* streamPagesWhole<Row extends [string, ...string[]], T>(
    query: typeof SUMMARIES,
    decode: (row: Row) => T,
    siteId: string,
    options: StreamPersonsOptions,
    first?: Row[],
  ): AsyncGenerator<T[]> {
    const range = personKeyRange(options);
    let above = range.above;
    let given = first;
    for (let limit = FIRST_PAGE_ROWS; ; limit = nextPageRows(limit)) {
      const rows = given ?? (await pool.query<Row>({ ...query, values: [siteId, above, range.below, limit] })).rows;
      given = undefined;
      const last = rows[rows.length - 1];
      if (last === undefined) return;
      yield rows.map(decode);
      if (rows.length < limit) return;
      above = last[0];
    }
  }

  /** streamPagesWhole a row at a time, leaving out the rows `decode` has nothing for. */
  async function* streamPages<Row extends [string, ...string[]], T>(
    query: typeof SUMMARIES,
    decode: (row: Row) => T | undefined,
    siteId: string,
    options: StreamPersonsOptions,
    first?: Row[],
  ): AsyncGenerator<T> {
    for await (const page of streamPagesWhole(query, decode, siteId, options, first))
      for (const item of page) if (item !== undefined) yield item;
  }

  return {
    streamJourneyDigests: (siteId: string, options: StreamDigestsOptions = {}) => {
      const decode = digestDecoder(options.holding);
      return streamPages<[string, string, string], JourneyDigest>(
        DIGESTS,
        ([, summary, touches]) => decode({ summary, touches }),
        siteId,
        options,
      );
    },
    streamJourneyTouches: (siteId: string, options: StreamTouchesOptions = {}) =>
      options.withStages
        ? streamPagesWhole<[string, string, string], AttributionJourney>(
            DIGESTS,
            ([, summary, touches]) => attributionJourneyOfRecord(touches, summary),
            siteId,
            options,
          )
        : streamPagesWhole<[string, string], AttributionJourney>(
            TOUCHES,
            ([, touches]) => attributionJourneyOfRecord(touches),
            siteId,
            options,
          ),
    streamJourneySummaries: (siteId: string, options: StreamPersonsOptions = {}) =>
      streamPages<SummaryRow, JourneySummary>(SUMMARIES, summaryOfRow, siteId, options),

    async journeySummariesAsOf(siteId: string, modelKey: string, options: StreamPersonsOptions = {}) {
      const range = personKeyRange(options);
      const { rows } = await pool.query<SummaryAsOfRow>({
        ...SUMMARIES_AS_OF,
        values: [siteId, range.above, range.below, FIRST_PAGE_ROWS, digestMarkKey(modelKey)],
      });
      const [, , madeWith, through] = rows[0] as SummaryAsOfRow;
      const first = rows.flatMap(([personKey, summary]): SummaryRow[] => (personKey === null ? [] : [[personKey, summary as string]]));
      return {
        asOf: madeWith === true ? through : null,
        summaries: streamPages<SummaryRow, JourneySummary>(SUMMARIES, summaryOfRow, siteId, options, first),
      };
    },
    streamFunnelJourneys: (siteId: string, options: StreamPersonsOptions = {}) =>
      streamPagesWhole<[string, string], FunnelJourney>(SUMMARIES, ([, summary]) => funnelJourneyOfSummary(summary), siteId, options),

    /** Now (the database's clock) when no change of the site waits, else when the oldest waiting one was queued. */
    async journeyDigestsAsOf(siteId: string, modelKey: string): Promise<number | null> {
      const { rows } = await pool.query<{ modelKey: string | null; oldest: number | null; now: number }>({ ...AS_OF, values: [siteId] });
      const row = rows[0];
      if (row === undefined || row.modelKey !== digestMarkKey(modelKey)) return null;
      return row.oldest ?? row.now;
    },
  };
}
