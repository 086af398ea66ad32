import type { CreditTable } from "./credit-table.js";
import { conversionProbability, type PathSummary } from "./path-summary.js";

/**
 * Google's fractribution: the share of a converting path's conversions that each of its touches
 * earns. p(path) = conversions / (conversions + non-conversions) of that exact path (0 for a path
 * never seen). A one-touch path's touch gets p; otherwise touch i gets
 * max(0, p(path) - p(path without touch i)). The contributions are normalised to sum to 1; when they
 * are all 0, the last touch gets everything.
 */
export function fractributionShares(summary: PathSummary, labels: readonly string[]): number[] {
  const p = conversionProbability(summary.get(labels));
  const contributions =
    labels.length === 1 ? [p] : labels.map((_, i) => Math.max(0, p - conversionProbability(summary.get(labels.toSpliced(i, 1)))));
  const total = contributions.reduce((sum, contribution) => sum + contribution, 0);
  if (total === 0) return contributions.map((_, i) => (i === contributions.length - 1 ? 1 : 0));
  return contributions.map((contribution) => contribution / total);
}

/** Each converting path's conversions, value and first conversions, split by fractributionShares; a key met twice adds up. */
export function fractributionCredits(summary: PathSummary, credits: CreditTable): void {
  for (const path of summary.values()) {
    if (path.conversions === 0) continue;
    fractributionShares(summary, path.labels).forEach((share, i) => {
      credits.add(path.keys[i] as string, share * path.conversions, share * path.value, share * path.firstConversions);
    });
  }
}
