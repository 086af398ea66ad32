import type { AttributionJourney } from "./attribution-journey.js";
import { journeyPaths, type JourneyPaths } from "./conversion-paths.js";
import { CreditTable, type AttributionCredit } from "./credit-table.js";
import { fractributionCredits } from "./fractribution.js";
import { heuristicShares } from "./heuristic-models.js";
import { markovCredits } from "./markov.js";
import {
  HEURISTIC_MODELS,
  resolveAttributionOptions,
  type AttributionGroupBy,
  type AttributionModel,
  type AttributionOptions,
  type HeuristicModel,
} from "./options.js";
import { PathSummary } from "./path-summary.js";
import { transformPath } from "./path-transforms.js";
import { shapleyCredits } from "./shapley.js";
import { NO_TOUCH_KEY } from "./touch-key.js";

/** The outcome of a non-converting path (PathSummary.add copies it). */
const NON_CONVERSION = { conversions: 0, nonConversions: 1, value: 0, firstConversions: 0 } as const;

export interface AttributionResult {
  model: AttributionModel;
  conversion: string;
  groupBy: AttributionGroupBy;
  lookbackDays: number;
  /** Conversions in [from, to), including those with no touch in their window. */
  totalConversions: number;
  totalValue: number;
  /** Sorted by conversions, most first, then by key. Conversions with no touch in their window are credited to `(none)`. */
  credits: AttributionCredit[];
}

export interface AttributionAccumulator {
  /** Attributes one customer's journey; journeys may come in any order, each customer once. */
  addJourney(journey: AttributionJourney): void;
  /**
   * Attributes one journey's paths, made by journeyPaths with the same options (any model's:
   * paths do not depend on it) and with the non-converting path when the model reads one. Lets
   * several models of one query share the paths of each journey.
   */
  addPaths(paths: JourneyPaths): void;
  result(): AttributionResult;
}

/**
 * Streams journeys into one attribution query (see conversion-paths.ts for what a path is).
 * Heuristic models credit each conversion as its journey arrives and keep only a total per key;
 * markov, shapley and fractribution keep outcomes per distinct transformed path (PathSummary) and
 * fit at result(). No journey is held. Invalid options throw InvalidOptionError.
 */
export function createAttribution(options: AttributionOptions): AttributionAccumulator {
  const resolved = resolveAttributionOptions(options);
  const { model, transforms, halfLifeDays } = resolved;
  const heuristic = (HEURISTIC_MODELS as readonly string[]).includes(model) ? (model as HeuristicModel) : null;
  const credits = new CreditTable();
  const summary = new PathSummary();
  let totalConversions = 0;
  let totalValue = 0;

  const accumulator: AttributionAccumulator = {
    addJourney(journey) {
      accumulator.addPaths(journeyPaths(journey, resolved, !heuristic));
    },

    addPaths({ converting, nonConverting }) {
      for (const conversion of converting) {
        totalConversions += 1;
        totalValue += conversion.value;
        const first = conversion.first ? 1 : 0;
        const path = transformPath(conversion.path, transforms);
        if (path.length === 0) {
          credits.add(NO_TOUCH_KEY, 1, conversion.value, first);
        } else if (heuristic) {
          const shares = heuristicShares(heuristic, path, halfLifeDays);
          path.forEach((touch, i) => {
            const share = shares[i] as number;
            credits.add(touch.key, share, share * conversion.value, share * first);
          });
        } else {
          summary.add(path, { conversions: 1, nonConversions: 0, value: conversion.value, firstConversions: first });
        }
      }
      if (nonConverting && !heuristic) {
        const path = transformPath(nonConverting, transforms);
        if (path.length > 0) summary.add(path, NON_CONVERSION);
      }
    },

    result() {
      // A copy, so result() can be asked again (e.g. for progress) without counting twice.
      const table = credits.copy();
      if (model === "markov") markovCredits(summary, table);
      else if (model === "shapley") shapleyCredits(summary, table);
      else if (model === "fractribution") fractributionCredits(summary, table);
      return {
        model,
        conversion: resolved.conversion,
        groupBy: resolved.groupBy,
        lookbackDays: resolved.lookbackDays,
        totalConversions,
        totalValue,
        credits: table.rows(totalConversions),
      };
    },
  };
  return accumulator;
}
