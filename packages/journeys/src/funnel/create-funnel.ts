import { DAY_MS, inPeriod, positiveNumber, toEpochMs, toPeriod, type Instant, type Period } from "../attribution/instant.js";
import { InvalidOptionError } from "../attribution/invalid-option.js";
import { stalledSince } from "../journey/customer-summary.js";
import type { DigestStage } from "../journey/journey-digest.js";
import { percentile } from "./percentile.js";

/** The part of a Journey the funnel reads: its stage entries (first entry per stage), and whether anyone knows who it is. */
export interface FunnelJourney {
  stages: readonly DigestStage[];
  /** The customer's id; null or absent for a visitor nobody identified yet. */
  customerId?: string | null;
}

export interface FunnelOptions {
  /** The stage model's stages, in order. */
  stages: readonly string[];
  /** The period [from, to); open when absent. */
  from?: Instant;
  to?: Instant;
  /** The moment "stalled" is judged at (the engine reads no clock). */
  now: Instant;
  /** Default 14. */
  stalledDays?: number;
}

export const DEFAULT_STALLED_DAYS = 14;
/** The group of a journey given no group key (e.g. a customer without the trait). */
export const NO_GROUP_KEY = "(not set)";

/**
 * One row of the funnel. With e_i a customer's entry into stage i. Entries dated after `now` are
 * ignored (they have not happened yet), and reaching a stage implies the earlier ones: a stage
 * skipped is entered when the next stage entered was (e_i = min over j >= i of e_j), so it shows
 * no drop-off and 0 days to the next stage, and, over an open period, no stage has more customers
 * than the one before.
 * - `customers`: customers whose e_i is in [from, to).
 * - `identified`, `anonymous`: of `customers`, those known by a customer id now and the visitors
 *   nobody has identified yet (a visitor who identifies later moves to `identified` in every stage).
 * - `conversionFromPrevious`: of the previous stage's `customers`, the share who went on to this
 *   stage: e_i before `to`. null for the first stage or when the previous stage has no customers.
 *   Always between 0 and 1 (a customer who entered the previous stage before `from` is not in its
 *   `customers`, so is not counted here either).
 * - `dropOff`: 1 - conversionFromPrevious (null with it).
 * - `medianDaysToNext`, `p90DaysToNext`: over this stage's `customers` who went on to the next
 *   stage (as above), days from e_i to e_(i+1), fractional; linear interpolation between ranks.
 *   null for the last stage or when nobody went on. Exact: one number per such customer is kept,
 *   8 bytes each (about 5 MB for 100k customers over six stages).
 * - `stalled`: people, whatever the period, whose current stage as of `now` (the furthest stage
 *   entered at or before `now`) is this one, entered more than `stalledDays` before `now`
 *   (`stalledSince`, the customer list's definition too).
 */
export interface FunnelStage {
  stage: string;
  customers: number;
  identified: number;
  anonymous: number;
  conversionFromPrevious: number | null;
  dropOff: number | null;
  medianDaysToNext: number | null;
  p90DaysToNext: number | null;
  stalled: number;
}

export interface FunnelResult {
  stages: FunnelStage[];
}

export interface GroupedFunnelResult {
  /** One funnel per group key, sorted by key. */
  groups: { key: string; stages: FunnelStage[] }[];
}

export interface FunnelAccumulator {
  /** Counts one customer's journey, into its group when a key is given. */
  addJourney(journey: FunnelJourney, groupKey?: string | null): void;
  /** The funnel over every journey added. */
  result(): FunnelResult;
  /** One funnel per group key; journeys added without a key form the `(not set)` group. */
  groupedResult(): GroupedFunnelResult;
}

interface Tally {
  customers: number[];
  identified: number[];
  /** advanced[i]: customers of stage i - 1 who went on to stage i. */
  advanced: number[];
  daysToNext: number[][];
  stalled: number[];
}

/** Streams journeys into a funnel over the stage model; see FunnelStage for every definition. */
export function createFunnel(options: FunnelOptions): FunnelAccumulator {
  const stages = validStages(options.stages);
  const period = toPeriod(options.from, options.to);
  const now = toEpochMs(options.now, "now");
  const stalledDays = positiveNumber(options.stalledDays, DEFAULT_STALLED_DAYS, "stalledDays");
  const index = new Map(stages.map((stage, i) => [stage, i]));
  // Each journey is counted into its group only; the overall funnel is the groups merged at
  // result(): every figure is a count or a sorted list of days, so the merge is exact.
  const groups = new Map<string, Tally>();
  // e_i of the journey being added, Infinity for a stage not entered: one array for every journey.
  const entries = new Array<number>(stages.length);

  return {
    addJourney(journey, groupKey) {
      entries.fill(Number.POSITIVE_INFINITY);
      for (const entry of journey.stages) {
        const i = index.get(entry.stage);
        if (i === undefined) continue;
        const time = entry.time;
        // An entry dated after `now` does not exist yet (as in the customer list).
        if (Number.isFinite(time) && time <= now && time < (entries[i] as number)) entries[i] = time;
      }
      // Reaching a stage implies the earlier ones: a skipped stage is entered with the next one
      // entered, so each stage holds everyone who got past it and the funnel never widens.
      for (let i = entries.length - 2; i >= 0; i--) {
        const next = entries[i + 1] as number;
        if (next < (entries[i] as number)) entries[i] = next;
      }
      const key = groupKey ?? NO_GROUP_KEY;
      let group = groups.get(key);
      if (group === undefined) {
        group = emptyTally(stages.length);
        groups.set(key, group);
      }
      const identified = journey.customerId !== undefined && journey.customerId !== null;
      count(group, entries, identified, period, now, stalledDays);
    },
    result() {
      return { stages: funnelStages(stages, mergedTally(groups.values(), stages.length)) };
    },
    groupedResult() {
      return {
        groups: [...groups]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, tally]) => ({ key, stages: funnelStages(stages, tally) })),
      };
    },
  };
}

function count(tally: Tally, entries: readonly number[], identified: boolean, period: Period, now: number, stalledDays: number): void {
  let current = -1;
  for (let i = 0; i < entries.length; i++) {
    const entered = entries[i] as number;
    if (entered === Number.POSITIVE_INFINITY) continue;
    current = i;
    if (!inPeriod(entered, period)) continue;
    tally.customers[i] = (tally.customers[i] as number) + 1;
    if (identified) tally.identified[i] = (tally.identified[i] as number) + 1;
    const next = entries[i + 1];
    if (next !== undefined && next !== Number.POSITIVE_INFINITY && next < period.to) {
      tally.advanced[i + 1] = (tally.advanced[i + 1] as number) + 1;
      (tally.daysToNext[i] as number[]).push((next - entered) / DAY_MS);
    }
  }
  if (current >= 0 && stalledSince(entries[current] as number, stalledDays, now)) {
    tally.stalled[current] = (tally.stalled[current] as number) + 1;
  }
}

/** The tallies summed, their days to the next stage put together (funnelStages sorts them). */
function mergedTally(tallies: Iterable<Tally>, size: number): Tally {
  const merged = emptyTally(size);
  for (const tally of tallies) {
    for (let i = 0; i < size; i++) {
      merged.customers[i] = (merged.customers[i] as number) + (tally.customers[i] as number);
      merged.identified[i] = (merged.identified[i] as number) + (tally.identified[i] as number);
      merged.advanced[i] = (merged.advanced[i] as number) + (tally.advanced[i] as number);
      merged.stalled[i] = (merged.stalled[i] as number) + (tally.stalled[i] as number);
      for (const days of tally.daysToNext[i] as number[]) (merged.daysToNext[i] as number[]).push(days);
    }
  }
  return merged;
}

function funnelStages(stages: readonly string[], tally: Tally): FunnelStage[] {
  return stages.map((stage, i) => {
    const previous = i > 0 ? (tally.customers[i - 1] as number) : 0;
    const conversionFromPrevious = previous > 0 ? (tally.advanced[i] as number) / previous : null;
    // Sorted natively, without a comparator called a million times: the same ascending order.
    const days = Float64Array.from(tally.daysToNext[i] as number[]).sort();
    return {
      stage,
      customers: tally.customers[i] as number,
      identified: tally.identified[i] as number,
      anonymous: (tally.customers[i] as number) - (tally.identified[i] as number),
      conversionFromPrevious,
      dropOff: conversionFromPrevious === null ? null : 1 - conversionFromPrevious,
      medianDaysToNext: percentile(days, 0.5),
      p90DaysToNext: percentile(days, 0.9),
      stalled: tally.stalled[i] as number,
    };
  });
}

function emptyTally(size: number): Tally {
  return {
    customers: new Array<number>(size).fill(0),
    identified: new Array<number>(size).fill(0),
    advanced: new Array<number>(size).fill(0),
    daysToNext: Array.from({ length: size }, () => []),
    stalled: new Array<number>(size).fill(0),
  };
}

function validStages(stages: readonly string[]): readonly string[] {
  if (!Array.isArray(stages) || stages.length === 0) throw new InvalidOptionError("stages", "must list the stage model's stages in order");
  if (new Set(stages).size !== stages.length) throw new InvalidOptionError("stages", "must not repeat a stage");
  return stages;
}
