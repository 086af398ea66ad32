/**
 * The p-th percentile (0..100) of a sample by the nearest-rank method: the smallest value with
 * at least p% of the sample at or below it. Nearest rank never invents a value between two
 * measurements, so a reported p95 is a time that was actually observed.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of an empty sample");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}
