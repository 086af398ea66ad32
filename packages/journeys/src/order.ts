/**
 * The one order every result of the engine is built on: time, then event id. Ids are unique per
 * site, so this is a total order and results never depend on the order events arrived in.
 */
export interface Ordered {
  id: string;
  timestamp: number;
}

/** Sort comparator: earlier timestamp first, ties by id in code-unit order (locale-free, fast). */
export function compareEvents(a: Ordered, b: Ordered): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A sorted copy; the input is left untouched. Stores hand events over already in this order (their
 * index is on time and id), so an ordered input is recognised in one pass and only copied.
 */
export function sortEvents<T extends Ordered>(events: readonly T[]): T[] {
  const copy = events.slice();
  for (let i = 1; i < copy.length; i++) {
    if (compareEvents(copy[i - 1] as T, copy[i] as T) > 0) return copy.sort(compareEvents);
  }
  return copy;
}
