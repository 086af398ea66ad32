import { DAY_MS, inPeriod, positiveNumber, toEpochMs, toPeriod, type Instant } from "../attribution/instant.js";
import { firstIndexFrom } from "../attribution/first-index-from.js";
import { InvalidOptionError } from "../attribution/invalid-option.js";
import type { DigestStage, DigestTouchpoint } from "../journey/journey-digest.js";

/** The part of a Journey moments of truth read. */
export interface MomentsJourney {
  touchpoints: readonly Pick<DigestTouchpoint, "type" | "name" | "stage" | "time">[];
  stages: readonly DigestStage[];
}

export interface MomentsOfTruthOptions {
  /** The stage whose touchpoints are examined. */
  stage: string;
  /** The stage model's stages, in order: "advanced" means entering a stage after `stage`. */
  stages: readonly string[];
  /** Default 7. */
  withinDays?: number;
  /** Only a window that has fully passed by `now` can show someone went quiet. */
  now: Instant;
  /** Occurrences count when in [from, to); open when absent. */
  from?: Instant;
  to?: Instant;
}

export const DEFAULT_WITHIN_DAYS = 7;

/**
 * One touchpoint name seen in the stage. An occurrence is a touchpoint or page view of that name
 * that the stage model placed in the stage, at a time t in [from, to).
 * - `customers`: customers with at least one occurrence.
 * - `advanced`: share of them who entered a later stage of the model within (t, t + withinDays]
 *   of some occurrence.
 * - `quiet`: share of them who did not advance and had no event at all (touchpoint or page view,
 *   any stage) within (t, t + withinDays] after their last occurrence, that window having ended
 *   by `now`. The rest were still active without advancing, or are too recent to tell.
 */
export interface MomentOfTruth {
  name: string;
  customers: number;
  advanced: number;
  quiet: number;
}

export interface MomentsOfTruthResult {
  stage: string;
  withinDays: number;
  /** Most customers first, then by name. */
  touchpoints: MomentOfTruth[];
}

export interface MomentsOfTruthAccumulator {
  addJourney(journey: MomentsJourney): void;
  result(): MomentsOfTruthResult;
}

/** Streams journeys and keeps three counters per touchpoint name: the touchpoints where people decide. */
export function createMomentsOfTruth(options: MomentsOfTruthOptions): MomentsOfTruthAccumulator {
  const { stage, stages } = options;
  const stageIndex = stages.indexOf(stage);
  if (stageIndex < 0) throw new InvalidOptionError("stage", `unknown stage ${JSON.stringify(stage)}; expected one of ${stages.join(", ")}`);
  const laterStages = new Set(stages.slice(stageIndex + 1));
  const withinDays = positiveNumber(options.withinDays, DEFAULT_WITHIN_DAYS, "withinDays");
  const withinMs = withinDays * DAY_MS;
  const now = toEpochMs(options.now, "now");
  const period = toPeriod(options.from, options.to);
  const tallies = new Map<string, { customers: number; advanced: number; quiet: number }>();

  return {
    addJourney(journey) {
      const eventTimes: number[] = [];
      const occurrences = new Map<string, number[]>();
      for (const touchpoint of journey.touchpoints) {
        if (touchpoint.type === "identify") continue;
        const time = touchpoint.time;
        eventTimes.push(time);
        if (touchpoint.stage !== stage || !inPeriod(time, period)) continue;
        const times = occurrences.get(touchpoint.name);
        if (times) times.push(time);
        else occurrences.set(touchpoint.name, [time]);
      }
      eventTimes.sort((a, b) => a - b);
      const laterEntries = journey.stages.filter((entry) => laterStages.has(entry.stage)).map((entry) => entry.time);
      for (const [name, times] of occurrences) {
        const tally = tallies.get(name) ?? { customers: 0, advanced: 0, quiet: 0 };
        tallies.set(name, tally);
        tally.customers += 1;
        if (times.some((t) => laterEntries.some((entered) => entered > t && entered <= t + withinMs))) {
          tally.advanced += 1;
          continue;
        }
        const last = times.reduce((latest, t) => Math.max(latest, t), -Infinity);
        if (last + withinMs <= now && !hasEventWithin(eventTimes, last, last + withinMs)) tally.quiet += 1;
      }
    },
    result() {
      return {
        stage,
        withinDays,
        touchpoints: [...tallies]
          .map(([name, tally]) => ({
            name,
            customers: tally.customers,
            advanced: tally.advanced / tally.customers,
            quiet: tally.quiet / tally.customers,
          }))
          .sort((a, b) => b.customers - a.customers || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      };
    },
  };
}

/** Whether any time in the ascending list falls in (after, until]. */
function hasEventWithin(sortedTimes: readonly number[], after: number, until: number): boolean {
  const next = sortedTimes[firstIndexFrom(sortedTimes, after, true)];
  return next !== undefined && next <= until;
}
