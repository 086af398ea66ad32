import type { CreditTable } from "./credit-table.js";
import type { PathSummary } from "./path-summary.js";

/**
 * Exact Shapley value of the game v(S) = conversions whose set of touched keys is a subset of S.
 *
 * With R_T the conversions whose touched set is exactly T, v = sum over T of R_T u_T, where u_T is
 * the unanimity game of T (worth 1 for a coalition that contains T). The Shapley value is linear
 * and splits u_T equally among the members of T, so
 *   phi_k = sum over sets T containing k of R_T / |T|
 * exactly, without enumerating the 2^n coalitions: each conversion gives 1/|T| to each distinct key
 * it touched. Value and first conversions are split the same way. Non-converting paths do not
 * enter v, so they do not move this model.
 */
export function shapleyCredits(summary: PathSummary, credits: CreditTable): void {
  for (const path of summary.values()) {
    if (path.conversions === 0) continue;
    const touched = new Set(path.keys);
    const size = touched.size;
    for (const key of touched) credits.add(key, path.conversions / size, path.value / size, path.firstConversions / size);
  }
}
