/**
 * Store.personEventsMarker's text, the same on every store: the count, the sum and the greatest
 * seq of a person's events (numbers, or PostgreSQL's bigint text); null when there is none.
 */
export function personMarkerOf(count: number | string, seqSum: number | string, greatestSeq: number | string): string | null {
  return Number(count) === 0 ? null : `${count}:${seqSum}:${greatestSeq}`;
}
