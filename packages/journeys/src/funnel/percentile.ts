/**
 * The q-quantile (0 <= q <= 1) of numbers already sorted ascending, by linear interpolation between
 * the two nearest ranks (numpy's default, Excel's PERCENTILE.INC): position (n - 1) x q. The median
 * of an even count is the mean of the middle two. null for no numbers.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const below = sorted[lower] as number;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return below + (position - lower) * (above - below);
}
