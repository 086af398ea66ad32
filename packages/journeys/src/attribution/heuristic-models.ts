import { DAY_MS } from "./instant.js";
import type { HeuristicModel } from "./options.js";
import type { PathTouch } from "./path-touch.js";

/**
 * The share of one conversion each touch of its (non-empty) path earns; the shares sum to 1.
 * - first_touch / last_touch: all to the first / last touch.
 * - last_non_direct: all to the last touch whose channel is not direct; to the last touch when all are direct.
 * - linear: 1/n each.
 * - time_decay: weight 2^(-d / halfLifeDays), d = days from the touch to the conversion (fractional),
 *   normalised to sum 1 (so only the days between touches matter).
 * - position_based: 40% first, 40% last, 20% split evenly over the touches between; one touch gets
 *   everything, two touches half each.
 */
export function heuristicShares(model: HeuristicModel, path: readonly PathTouch[], halfLifeDays: number): number[] {
  const n = path.length;
  const shares = new Array<number>(n).fill(0);
  switch (model) {
    case "first_touch":
      shares[0] = 1;
      return shares;
    case "last_touch":
      shares[n - 1] = 1;
      return shares;
    case "last_non_direct": {
      const index = path.findLastIndex((touch) => !touch.direct);
      shares[index < 0 ? n - 1 : index] = 1;
      return shares;
    }
    case "linear":
      return shares.fill(1 / n);
    case "time_decay": {
      // Measured from the latest touch rather than the conversion: the same ratios after
      // normalising, but the latest weight is 1, so a tiny half-life cannot underflow every weight to 0.
      const latest = path.reduce((max, touch) => Math.max(max, touch.time), -Infinity);
      const weights = path.map((touch) => 2 ** (-(latest - touch.time) / DAY_MS / halfLifeDays));
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      return weights.map((weight) => weight / total);
    }
    case "position_based":
      if (n <= 2) return shares.fill(1 / n);
      shares.fill(0.2 / (n - 2));
      shares[0] = 0.4;
      shares[n - 1] = 0.4;
      return shares;
  }
}
