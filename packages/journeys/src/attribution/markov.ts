import type { CreditTable } from "./credit-table.js";
import { solveLinearSystem } from "./linear-system.js";
import type { PathSummary } from "./path-summary.js";

const START = 0;

/**
 * First-order Markov removal effects, solved exactly as an absorbing chain.
 *
 * States: start, one per touch label, and the absorbing conversion and null. Each path, with
 * consecutive repeats collapsed, adds its conversions and non-conversions as transitions
 * start -> l1 -> ... -> ln -> conversion (or -> null); transition probabilities are the counts
 * out of each state normalised.
 *
 * With Q the transient-to-transient probabilities, r the one-step probabilities of conversion and
 * N = (I - Q)^-1 (expected visits), B = N r is the probability of ending in conversion from each
 * state, and P = B[start]. Removing key k turns every transition into k's states T into null, so
 * P_k = P(conversion without ever visiting T). By the strong Markov property
 *   P = P_k + sum over i in T of f_i B_i,
 * f_i being the probability that the first visit to T is at i, and f solves the |T| x |T| system
 *   N[start][j] = sum over i in T of f_i N[i][j]   for j in T.
 * So one elimination (for B and N) plus one small system per key gives every removal effect
 * exactly; no simulation. RE_k = 1 - P_k / P (floored at 0 against rounding: P_k <= P).
 *
 * Returns RE per key; empty when nothing converted.
 */
export function markovRemovalEffects(summary: PathSummary): Map<string, number> {
  const stateOf = new Map<string, number>();
  const keyStates = new Map<string, number[]>();
  const transitions = new Map<number, Map<number, number>>();
  const conversions: number[] = [0];
  const nulls: number[] = [0];
  const count = (from: number, to: number, weight: number) => {
    const row = transitions.get(from) ?? new Map<number, number>();
    row.set(to, (row.get(to) ?? 0) + weight);
    transitions.set(from, row);
  };
  for (const path of summary.values()) {
    const total = path.conversions + path.nonConversions;
    if (total === 0) continue;
    let previous = START;
    let previousLabel: string | undefined;
    path.labels.forEach((label, i) => {
      if (label === previousLabel) return;
      previousLabel = label;
      let state = stateOf.get(label);
      if (state === undefined) {
        state = stateOf.size + 1;
        stateOf.set(label, state);
        const key = path.keys[i] as string;
        keyStates.set(key, [...(keyStates.get(key) ?? []), state]);
        conversions.push(0);
        nulls.push(0);
      }
      count(previous, state, total);
      previous = state;
    });
    conversions[previous] = (conversions[previous] as number) + path.conversions;
    nulls[previous] = (nulls[previous] as number) + path.nonConversions;
  }
  const n = stateOf.size + 1;
  // (I - Q) X = [r | I]: column 0 of X is B, the other n columns are N.
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const b = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (j === i + 1 ? 1 : 0)));
  for (let i = 0; i < n; i++) {
    const row = transitions.get(i);
    let out = (conversions[i] as number) + (nulls[i] as number);
    for (const weight of row?.values() ?? []) out += weight;
    if (out === 0) continue;
    for (const [j, weight] of row ?? []) (a[i] as number[])[j] = ((a[i] as number[])[j] as number) - weight / out;
    (b[i] as number[])[0] = (conversions[i] as number) / out;
  }
  const x = solveLinearSystem(a, b);
  const absorption = x.map((row) => row[0] as number);
  const visits = (from: number, to: number) => (x[from] as number[])[to + 1] as number;
  const p = absorption[START] as number;
  const effects = new Map<string, number>();
  if (!(p > 0)) return effects;
  for (const [key, states] of keyStates) {
    const firstVisit = solveLinearSystem(
      states.map((j) => states.map((i) => visits(i, j))),
      states.map((j) => [visits(START, j)]),
    );
    const throughKey = states.reduce((sum, i, index) => sum + ((firstVisit[index] as number[])[0] as number) * (absorption[i] as number), 0);
    effects.set(key, Math.max(0, throughKey / p));
  }
  return effects;
}

/**
 * credit_k = RE_k / sum(RE) x the conversions (and value, and first conversions) of all converting
 * paths. Keys met only on non-converting paths have RE 0 and are left out.
 */
export function markovCredits(summary: PathSummary, credits: CreditTable): void {
  const effects = markovRemovalEffects(summary);
  const totalEffect = [...effects.values()].reduce((sum, effect) => sum + effect, 0);
  if (totalEffect === 0) return;
  const totals = summary.conversionTotals();
  const converting = new Set<string>();
  for (const path of summary.values()) if (path.conversions > 0) for (const key of path.keys) converting.add(key);
  for (const key of converting) {
    const share = (effects.get(key) ?? 0) / totalEffect;
    credits.add(key, share * totals.conversions, share * totals.value, share * totals.firstConversions);
  }
}
