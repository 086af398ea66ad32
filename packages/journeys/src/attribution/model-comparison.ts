import type { AttributionJourney } from "./attribution-journey.js";
import { journeyPaths } from "./conversion-paths.js";
import { createAttribution, type AttributionResult } from "./create-attribution.js";
import { compareCredits } from "./credit-table.js";
import { InvalidOptionError } from "./invalid-option.js";
import { HEURISTIC_MODELS, resolveAttributionOptions, type AttributionModel, type AttributionOptions } from "./options.js";
import type { AttributionWithSpend, SpendCredit } from "./spend.js";

/** One model's credit for a key, beside the others'. */
export type ModelCredit = Pick<SpendCredit, "conversions" | "value" | "share" | "firstConversions" | "roas" | "cac">;

export interface ComparedCredit {
  key: string;
  /** The key's spend in the period: the same under every model. */
  cost: number | null;
  currency: string | null;
  /** Per model asked, in the order asked. */
  models: Record<string, ModelCredit>;
}

export interface AttributionComparison extends Omit<AttributionWithSpend, "model" | "credits"> {
  models: AttributionModel[];
  /** Every key any model lists; sorted by the first model's conversions, then key. */
  credits: ComparedCredit[];
}

/**
 * Several models' answers to the same query (same conversion, groupBy, period and lookback) side by
 * side, one row per key. A key one model does not list (its transformed paths never met it) gets
 * zero credit under that model.
 */
export function compareAttributionModels(results: readonly AttributionWithSpend[]): AttributionComparison {
  const [first] = results;
  if (first === undefined) throw new Error("compareAttributionModels needs at least one result");
  const rows = new Map<string, ComparedCredit>();
  results.forEach((result) => {
    for (const credit of result.credits) {
      let row = rows.get(credit.key);
      if (!row) rows.set(credit.key, (row = { key: credit.key, cost: credit.cost, currency: credit.currency, models: {} }));
      const { conversions, value, share, firstConversions, roas, cac } = credit;
      row.models[result.model] = { conversions, value, share, firstConversions, roas, cac };
    }
  });
  for (const row of rows.values()) {
    for (const { model } of results) {
      row.models[model] ??= {
        conversions: 0,
        value: 0,
        share: 0,
        firstConversions: 0,
        roas: row.cost !== null && row.cost > 0 ? 0 : null,
        cac: null,
      };
    }
    // Models in the order asked, whatever order keys were met in.
    row.models = Object.fromEntries(results.map(({ model }) => [model, row.models[model] as ModelCredit]));
  }
  const leading = (row: ComparedCredit) => ({ key: row.key, conversions: (row.models[first.model] as ModelCredit).conversions });
  const { conversion, groupBy, lookbackDays, totalConversions, totalValue } = first;
  const credits = [...rows.values()].sort((a, b) => compareCredits(leading(a), leading(b)));
  return { models: results.map((result) => result.model), conversion, groupBy, lookbackDays, totalConversions, totalValue, credits };
}

export interface ModelComparisonAccumulator {
  /** Attributes one customer's journey under every model; each customer once, in any order. */
  addJourney(journey: AttributionJourney): void;
  /** One result per model, in the order asked. */
  results(): AttributionResult[];
}

/**
 * Several models over one stream of journeys: each journey's paths are found once and handed to
 * every model (finding them is most of a heuristic model's work), with the non-converting path
 * when any model reads one. Invalid options throw InvalidOptionError, naming `model` for an empty
 * or repeated list.
 */
export function createModelComparison(
  options: Omit<AttributionOptions, "model">,
  models: readonly AttributionModel[],
): ModelComparisonAccumulator {
  const [first] = models;
  if (first === undefined) throw new InvalidOptionError("model", "name at least one model");
  if (new Set(models).size !== models.length) throw new InvalidOptionError("model", "names a model twice");
  const accumulators = models.map((model) => createAttribution({ ...options, model }));
  const resolved = resolveAttributionOptions({ ...options, model: first });
  const withNonConverting = models.some((model) => !(HEURISTIC_MODELS as readonly string[]).includes(model));
  return {
    addJourney(journey) {
      const paths = journeyPaths(journey, resolved, withNonConverting);
      for (const accumulator of accumulators) accumulator.addPaths(paths);
    },
    results() {
      return accumulators.map((accumulator) => accumulator.result());
    },
  };
}
