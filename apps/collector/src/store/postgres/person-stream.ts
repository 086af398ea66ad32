/**
 * streamPersons on PostgreSQL, by keyset pages: each page is one statement of at most CHUNK_ROWS
 * rows in (person_key, timestamp, seq) order after the last whole person handed out. The page's
 * last person may be cut off: it is left for the next page, or, when it fills the page alone,
 * read by a statement of its own. So each person's events come from one statement, memory stays
 * at a page plus one person, and no cursor or connection is held between pages (a reader that
 * stops early leaves nothing open).
 */
import type pg from "pg";
import { personKeyRange } from "../person-key-range.js";
import type { JourneyEvent } from "@touchpoint/journeys";
import { personMarkerOf } from "../person-marker.js";
import type { MarkedPersonEvents, PersonEvents, StreamPersonsOptions } from "../store.js";
import { AFTER_EVENT_VALUES, journeyEventOfValues, type EventValues } from "../event-record.js";
import { EVENT_VALUES_SQL, EVENT_VALUES_TEXT_ARRAY_SQL, NUMBER_VALUE_POSITIONS } from "./event-columns.js";

const CHUNK_ROWS = 2_000;

/** Rows come as arrays (cheaper than an object per row): the event's values, then its person key. */
type PersonRow = readonly [...EventValues];
const PERSON_KEY = AFTER_EVENT_VALUES;
const personKeyOf = (row: PersonRow) => row[PERSON_KEY] as string;

const PAGE = {
  name: "touchpoint_person_page",
  text: `SELECT ${EVENT_VALUES_SQL}, person_key FROM events
    WHERE site_id = $1 AND person_key > $2 AND person_key < $3
    ORDER BY person_key, timestamp, seq LIMIT $4`,
  rowMode: "array",
};

const ONE_PERSON = {
  name: "touchpoint_one_person",
  text: `SELECT ${EVENT_VALUES_SQL}, person_key FROM events
    WHERE site_id = $1 AND person_key = $2 ORDER BY timestamp, seq`,
  rowMode: "array",
};

function groupByPerson(rows: readonly PersonRow[]): PersonEvents[] {
  const persons: PersonEvents[] = [];
  let current: PersonEvents | undefined;
  for (const row of rows) {
    const personKey = personKeyOf(row);
    if (personKey !== current?.personKey) {
      current = { personKey, events: [] };
      persons.push(current);
    }
    current.events.push(journeyEventOfValues(row));
  }
  return persons;
}

/**
 * The journey endpoint's read: the person's rows as one JSON array of their values, built by the
 * server. Read row by row, a thousand events cost the collector 2.5 ms of CPU on average and
 * young collections put p95 at 7 ms (node-postgres makes an object per field); as one JSON text
 * they cost it 0.8 ms, with p95 at 3 ms (scratch runs of both statements, 200 reads each).
 */
const personEventsJson = (name: string, rows: string, alsoSelected = "") => ({
  name,
  text: `SELECT coalesce(json_agg(${EVENT_VALUES_TEXT_ARRAY_SQL} ORDER BY timestamp, seq), '[]')::text${alsoSelected} FROM ${rows}`,
  rowMode: "array",
});
const PERSON_ROWS = "events WHERE site_id = $1 AND person_key = $2";
const PERSON_EVENTS = personEventsJson("touchpoint_person_events_json", PERSON_ROWS);
// The first $3 by time: a subquery, as json_agg's own ORDER BY cannot take a LIMIT.
const PERSON_EVENTS_LIMITED = personEventsJson(
  "touchpoint_person_events_json_limited",
  "(SELECT * FROM events WHERE site_id = $1 AND person_key = $2 ORDER BY timestamp, seq LIMIT $3) AS events",
);
/**
 * Store.personEventsMarker's count, sum and greatest seq, as text (node-postgres's bigint and
 * numeric): the marker read alone and the one read with the events are then the same text.
 */
const PERSON_MARKER_SQL = "count(*)::text, coalesce(sum(seq), 0)::text, coalesce(max(seq), 0)::text";
const PERSON_MARKER = {
  name: "touchpoint_person_events_marker",
  text: `SELECT ${PERSON_MARKER_SQL} FROM ${PERSON_ROWS}`,
  rowMode: "array",
};
// One statement, one snapshot: the marker is of exactly these events.
const MARKED_PERSON_EVENTS = personEventsJson("touchpoint_marked_person_events_json", PERSON_ROWS, `, ${PERSON_MARKER_SQL}`);

function journeyEventsOfJson(json: string): JourneyEvent[] {
  const values = JSON.parse(json) as unknown[][];
  for (const row of values) for (const at of NUMBER_VALUE_POSITIONS) row[at] = Number(row[at]);
  return (values as unknown as EventValues[]).map(journeyEventOfValues);
}

/** One person's events in time order, by the person index. */
export async function readPersonEvents(pool: pg.Pool, siteId: string, personKey: string, limit?: number): Promise<JourneyEvent[]> {
  const query =
    limit === undefined
      ? { ...PERSON_EVENTS, values: [siteId, personKey] }
      : { ...PERSON_EVENTS_LIMITED, values: [siteId, personKey, limit] };
  const { rows } = await pool.query<[string]>(query);
  return journeyEventsOfJson(rows[0]?.[0] ?? "[]");
}

/** Store.personEventsMarker on PostgreSQL. */
export async function readPersonEventsMarker(pool: pg.Pool, siteId: string, personKey: string): Promise<string | null> {
  const { rows } = await pool.query<[string, string, string]>({ ...PERSON_MARKER, values: [siteId, personKey] });
  // An aggregate answers one row, with a count of 0 when the person has no event.
  const [count, seqSum, greatestSeq] = rows[0] as [string, string, string];
  return personMarkerOf(count, seqSum, greatestSeq);
}

/** Store.readMarkedPersonEvents on PostgreSQL: the journey endpoint's read when it builds an answer. */
export async function readMarkedPersonEvents(pool: pg.Pool, siteId: string, personKey: string): Promise<MarkedPersonEvents | null> {
  const { rows } = await pool.query<[string, string, string, string]>({ ...MARKED_PERSON_EVENTS, values: [siteId, personKey] });
  const [json, count, seqSum, greatestSeq] = rows[0] as [string, string, string, string];
  const marker = personMarkerOf(count, seqSum, greatestSeq);
  return marker === null ? null : { marker, events: journeyEventsOfJson(json) };
}

export function createPersonStream(pool: pg.Pool) {
  return async function* streamPersons(siteId: string, options: StreamPersonsOptions = {}): AsyncGenerator<PersonEvents> {
    const range = personKeyRange(options);
    let above = range.above;
    for (;;) {
      const { rows } = await pool.query<PersonRow>({ ...PAGE, values: [siteId, above, range.below, CHUNK_ROWS] });
      if (rows.length < CHUNK_ROWS) {
        yield* groupByPerson(rows);
        return;
      }
      const lastKey = personKeyOf(rows[rows.length - 1] as PersonRow);
      const whole = rows.slice(
        0,
        rows.findIndex((r) => personKeyOf(r) === lastKey),
      );
      if (whole.length === 0) {
        const { rows: all } = await pool.query<PersonRow>({ ...ONE_PERSON, values: [siteId, lastKey] });
        yield* groupByPerson(all);
        above = lastKey;
      } else {
        const persons = groupByPerson(whole);
        yield* persons;
        above = (persons[persons.length - 1] as PersonEvents).personKey;
      }
    }
  };
}
