/** The median of a non-empty sample: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty sample");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Summarises repeated measurements of the same shape field by field: every number, nested ones
 * included, becomes its median across the records, so one round disturbed by other work on a
 * shared machine does not set the figure; anything else (and a number some record lacks) is
 * taken from the first record.
 */
export function medianFigures<T>(records: readonly T[]): T {
  const [first] = records;
  if (first === undefined) throw new RangeError("no records to summarise");
  if (records.every((record) => typeof record === "number")) return median(records as readonly number[]) as T;
  if (!records.every(isRecord)) return first;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(first as Record<string, unknown>)) {
    result[key] = medianFigures(records.map((record) => (record as Record<string, unknown>)[key]));
  }
  return result as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
