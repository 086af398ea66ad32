/**
 * Every stored event of a period, for loading into a warehouse: read person by person through
 * the store's bounded stream (a chunk of rows plus one person's events in memory, whatever the
 * table's size), in person-key order, so a download broken off resumes after the last person it
 * completed (`afterPersonKey`). Within a person, events are in time order.
 */
import { inPeriod, isoTime, type JourneyEvent, type Period } from "@touchpoint/journeys";
import type { Store } from "../store/store.js";
import { csvLine } from "../http/csv.js";

export const EVENT_EXPORT_COLUMNS = [
  "person_key",
  "id",
  "type",
  "name",
  "customer_id",
  "anonymous_id",
  "session_id",
  "timestamp",
  "properties",
  "traits",
  "context",
  "browser",
  "os",
  "device_type",
] as const;

export type ExportFormat = "csv" | "ndjson";

/** Lines are handed on in chunks of about this many characters: one write per line would cost more than the line. */
const CHUNK_CHARS = 64 * 1024;

function values(personKey: string, event: JourneyEvent) {
  return [
    personKey,
    event.id,
    event.type,
    event.name,
    event.customerId,
    event.anonymousId,
    event.sessionId,
    isoTime(event.timestamp),
    event.properties,
    event.traits,
    event.context,
    event.device?.browser ?? null,
    event.device?.os ?? null,
    event.device?.type ?? null,
  ] as const;
}

/** `"column":` for each column, in order: NDJSON lines are built as text (an object per row cost half the export's time). */
const NDJSON_KEYS = EVENT_EXPORT_COLUMNS.map((column) => `${JSON.stringify(column)}:`);

/** One event as a line: CSV with properties, traits and context as JSON text; NDJSON with them as objects. */
export function eventLine(personKey: string, event: JourneyEvent, format: ExportFormat): string {
  const row = values(personKey, event);
  if (format === "ndjson") return `{${row.map((value, i) => NDJSON_KEYS[i] + JSON.stringify(value)).join(",")}}\n`;
  return csvLine(row.map((value) => (value !== null && typeof value === "object" ? JSON.stringify(value) : value)));
}

export interface EventExportProgress {
  persons: number;
  /** Events written. */
  events: number;
  /** Events read, those outside the period included: against countEvents, how far the export is. */
  scanned: number;
  /** The last person completed: where a broken-off export resumes. */
  lastPersonKey: string | null;
}

/**
 * The export as text chunks (CSV: header line first). `onPerson` is told after each person's
 * lines were handed on.
 */
export async function* eventExportChunks(
  store: Store,
  siteId: string,
  options: {
    period: Period;
    afterPersonKey?: string;
    format: ExportFormat;
    header?: boolean;
    onPerson?: (progress: EventExportProgress) => void;
  },
): AsyncGenerator<string> {
  const { period, format } = options;
  let chunk = format === "csv" && options.header !== false ? csvLine([...EVENT_EXPORT_COLUMNS]) : "";
  const progress: EventExportProgress = { persons: 0, events: 0, scanned: 0, lastPersonKey: null };
  for await (const person of store.streamPersons(
    siteId,
    options.afterPersonKey === undefined ? {} : { afterPersonKey: options.afterPersonKey },
  )) {
    progress.scanned += person.events.length;
    for (const event of person.events) {
      if (!inPeriod(event.timestamp, period)) continue;
      chunk += eventLine(person.personKey, event, format);
      progress.events++;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    progress.persons++;
    progress.lastPersonKey = person.personKey;
    options.onPerson?.(progress);
  }
  if (chunk) yield chunk;
}
