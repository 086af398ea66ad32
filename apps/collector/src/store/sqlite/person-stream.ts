/**
 * streamPersons on SQLite. better-sqlite3 blocks the connection while an iterator is open (no
 * other statement may run on it, and ingest shares it), so the rows are read in chunks: each
 * chunk iterates from where the last one ended, stops at the first person boundary after
 * CHUNK_ROWS rows, and closes its iterator before any person is handed out. Memory stays at a
 * chunk plus one person's events, and between chunks the event loop serves other requests.
 * The ORDER BY follows the (site_id, person_key, timestamp) index, rowid (seq) included, so
 * SQLite never sorts.
 */
import type Database from "better-sqlite3";
import { personKeyRange } from "../person-key-range.js";
import type { PersonEvents, StreamPersonsOptions } from "../store.js";
import { AFTER_EVENT_VALUES, EVENT_COLUMNS_SQL, journeyEventOfValues, type EventValues } from "../event-record.js";

const CHUNK_ROWS = 2_000;

/** Raw rows hold the event columns, then the person key. */
const PERSON_KEY = AFTER_EVENT_VALUES;

export interface PersonChunk {
  persons: PersonEvents[];
  /** True when the key range has no person after these. */
  done: boolean;
}

/** Reads whole persons with keys in (above, below), at least CHUNK_ROWS rows unless the range ends first. */
export type ReadPersonChunk = (siteId: string, above: string, below: string) => PersonChunk;

export function createPersonChunks(client: Database.Database): ReadPersonChunk {
  const select = client
    .prepare<[string, string, string], EventValues>(
      `SELECT ${EVENT_COLUMNS_SQL}, person_key FROM events
       WHERE site_id = ? AND person_key > ? AND person_key < ?
       ORDER BY person_key, timestamp, seq`,
    )
    .raw(true);

  return function readChunk(siteId, above, below) {
    const persons: PersonEvents[] = [];
    let current: PersonEvents | undefined;
    let rows = 0;
    // Leaving the loop early closes the iterator, and with it the statement.
    for (const row of select.iterate(siteId, above, below)) {
      const personKey = row[PERSON_KEY] as string;
      if (personKey !== current?.personKey) {
        if (rows >= CHUNK_ROWS) return { persons, done: false };
        current = { personKey, events: [] };
        persons.push(current);
      }
      current.events.push(journeyEventOfValues(row));
      rows++;
    }
    return { persons, done: true };
  };
}

export function createPersonStream(readChunk: ReadPersonChunk) {
  return async function* streamPersons(siteId: string, options: StreamPersonsOptions = {}): AsyncGenerator<PersonEvents> {
    const range = personKeyRange(options);
    let above = range.above;
    for (;;) {
      const { persons, done } = readChunk(siteId, above, range.below);
      yield* persons;
      const last = persons[persons.length - 1];
      if (done || last === undefined) return;
      above = last.personKey;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
}
