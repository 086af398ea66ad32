/**
 * streamPersons on PostgreSQL, by keyset pages: each page is one statement of at most CHUNK_ROWS
 * rows in (person_key, timestamp, seq) order after the last whole person handed out. The page's
 * last person may be cut off: it is left for the next page, or, when it fills the page alone,
 * read by a statement of its own. So each person's events come from one statement, memory stays
 * at a page plus one person, and no cursor or connection is held between pages (a reader that
 * stops early leaves nothing open).
 */
import type pg from "pg";
import type { PersonEvents, StreamPersonsOptions } from "../store.js";
import { toJourneyEvent, type EventColumns } from "../sqlite/event-record.js";
import { EVENT_COLUMNS_SQL } from "./event-columns.js";

const CHUNK_ROWS = 2_000;

/** Exclusive bounds of each kind's person keys: `;` follows `:`. Keys start with `a:` or `c:`. */
const KEY_RANGE = {
  customer: { above: "c:", below: "c;" },
  anonymous: { above: "a:", below: "a;" },
  any: { above: "", below: "d" },
} as const;

type PersonRow = EventColumns & { personKey: string };

const PAGE = {
  name: "touchpoint_person_page",
  text: `SELECT person_key AS "personKey", ${EVENT_COLUMNS_SQL} FROM events
    WHERE site_id = $1 AND person_key > $2 AND person_key < $3
    ORDER BY person_key, timestamp, seq LIMIT $4`,
};

const ONE_PERSON = {
  name: "touchpoint_one_person",
  text: `SELECT person_key AS "personKey", ${EVENT_COLUMNS_SQL} FROM events
    WHERE site_id = $1 AND person_key = $2 ORDER BY timestamp, seq`,
};

function groupByPerson(rows: readonly PersonRow[]): PersonEvents[] {
  const persons: PersonEvents[] = [];
  let current: PersonEvents | undefined;
  for (const row of rows) {
    if (row.personKey !== current?.personKey) {
      current = { personKey: row.personKey, events: [] };
      persons.push(current);
    }
    current.events.push(toJourneyEvent(row));
  }
  return persons;
}

export function createPersonStream(pool: pg.Pool) {
  return async function* streamPersons(siteId: string, { afterPersonKey, kind }: StreamPersonsOptions = {}): AsyncGenerator<PersonEvents> {
    const range = KEY_RANGE[kind ?? "any"];
    let above = afterPersonKey !== undefined && afterPersonKey > range.above ? afterPersonKey : range.above;
    for (;;) {
      const { rows } = await pool.query<PersonRow>({ ...PAGE, values: [siteId, above, range.below, CHUNK_ROWS] });
      if (rows.length < CHUNK_ROWS) {
        yield* groupByPerson(rows);
        return;
      }
      const lastKey = (rows[rows.length - 1] as PersonRow).personKey;
      const whole = rows.slice(0, rows.findIndex((r) => r.personKey === lastKey));
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
