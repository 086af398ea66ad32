import type { CreditTable } from "./credit-table.js";
import { solveLinearSystem } from "./linear-system.js";
import type { PathSummary, SummarisedPath } from "./path-summary.js";
import { OTHER_KEY } from "./touch-key.js";

const START = 0;
/**
 * The most label states the chain keeps. Solving costs (states)^3: 300 states take a few tens of
 * milliseconds, 3,000 (say 300 campaigns under the frequency transform) would take minutes. Beyond
 * the cap, the least-visited labels (ties by label) share one `(other)` state, credited as the key
 * `(other)`; the kept states are the ones carrying most of the traffic.
 */
export const MAX_MARKOV_STATES = 300;

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
 * Returns RE per key (merged labels under `(other)`, see MAX_MARKOV_STATES) and the labels merged;
 * no effects when nothing converted.
 */
export function markovRemovalEffects(
  summary: PathSummary,
  maxStates = MAX_MARKOV_STATES,
): { effects: Map<string, number>; merged: Set<string> } {
  return removalEffectsOf([...summary.values()], maxStates);
}

function removalEffectsOf(paths: readonly SummarisedPath[], maxStates: number): { effects: Map<string, number>; merged: Set<string> } {
  const merged = leastVisitedLabels(paths, maxStates);
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
  for (const path of paths) {
    const total = path.conversions + path.nonConversions;
    if (total === 0) continue;
    let previous = START;
    let previousLabel: string | undefined;
    path.labels.forEach((original, i) => {
      const label = merged.has(original) ? OTHER_KEY : original;
      if (label === previousLabel) return;
      previousLabel = label;
      let state = stateOf.get(label);
      if (state === undefined) {
        state = stateOf.size + 1;
        stateOf.set(label, state);
        const key = label === OTHER_KEY ? OTHER_KEY : (path.keys[i] as string);
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
  if (!(p > 0)) return { effects, merged };
  for (const [key, states] of keyStates) {
    const firstVisit = solveLinearSystem(
      states.map((j) => states.map((i) => visits(i, j))),
      states.map((j) => [visits(START, j)]),
    );
    const throughKey = states.reduce(
      (sum, i, index) => sum + ((firstVisit[index] as number[])[0] as number) * (absorption[i] as number),
      0,
    );
    effects.set(key, Math.max(0, throughKey / p));
  }
  return { effects, merged };
}

/** Labels beyond the `maxStates` most visited (visits = journeys through the label). */
function leastVisitedLabels(paths: readonly SummarisedPath[], maxStates: number): Set<string> {
  const visits = new Map<string, number>();
  for (const path of paths) {
    const journeys = path.conversions + path.nonConversions;
    for (const label of new Set(path.labels)) visits.set(label, (visits.get(label) ?? 0) + journeys);
  }
  if (visits.size <= maxStates) return new Set();
  const ranked = [...visits].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return new Set(ranked.slice(maxStates - 1).map(([label]) => label));
}

/**
 * credit_k = RE_k / sum(RE) x the conversions (and value, and first conversions) of all converting
 * paths. Every key with a removal effect is credited, also one met only on non-converting paths:
 * it can lead into a key that converts (display -> email, then email -> conversion), and leaving
 * it out would lose its share of the conversions. Keys of converting paths are listed even at 0.
 */
export function markovCredits(summary: PathSummary, credits: CreditTable): void {
  // The paths decoded once for both passes: there are tens of thousands at a million persons.
  const paths = [...summary.values()];
  const { effects, merged } = removalEffectsOf(paths, MAX_MARKOV_STATES);
  const totalEffect = [...effects.values()].reduce((sum, effect) => sum + effect, 0);
  if (totalEffect === 0) return;
  const totals = summary.conversionTotals();
  const credited = new Set<string>();
  for (const path of paths) if (path.conversions > 0) for (const key of creditedKeys(path, merged)) credited.add(key);
  for (const [key, effect] of effects) if (effect > 0) credited.add(key);
  for (const key of credited) {
    const share = (effects.get(key) ?? 0) / totalEffect;
    credits.add(key, share * totals.conversions, share * totals.value, share * totals.firstConversions);
  }
}

function creditedKeys(path: SummarisedPath, merged: Set<string>): string[] {
  return path.keys.map((key, i) => (merged.has(path.labels[i] as string) ? OTHER_KEY : key));
}
