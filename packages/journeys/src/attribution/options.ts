import { DAY_MS, positiveNumber, toPeriod, type Instant, type Period } from "./instant.js";
import { InvalidOptionError } from "./invalid-option.js";
import { validatePathTransform, type PathTransform } from "./path-transforms.js";

export const ATTRIBUTION_MODELS = [
  "first_touch",
  "last_touch",
  "last_non_direct",
  "linear",
  "time_decay",
  "position_based",
  "markov",
  "shapley",
  "fractribution",
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** Models that credit each conversion from its own path alone, while journeys stream in. */
export const HEURISTIC_MODELS = ["first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based"] as const;
export type HeuristicModel = (typeof HEURISTIC_MODELS)[number];

export const ATTRIBUTION_GROUP_BY = ["touchpoint", "channel", "stage", "campaign"] as const;
export type AttributionGroupBy = (typeof ATTRIBUTION_GROUP_BY)[number];

export const DEFAULT_CONVERSION = "purchase";
export const DEFAULT_GROUP_BY: AttributionGroupBy = "channel";
export const DEFAULT_LOOKBACK_DAYS = 30;
export const DEFAULT_HALF_LIFE_DAYS = 7;

/**
 * What counts as a conversion: `{ kind: "event" }` for a conversion event by name (`purchase`),
 * `{ kind: "stage" }` for entering a stage (`stage:evaluation`).
 */
export type ConversionKind = { kind: "event"; name: string } | { kind: "stage"; stage: string };

export interface AttributionOptions {
  model: AttributionModel;
  /** A conversion event name, or `stage:<stage>`. Default `purchase`. */
  conversion?: string;
  /** Default `channel`. */
  groupBy?: AttributionGroupBy;
  /** Conversions (and non-converting customers' last touches) count when in [from, to). Open when absent. */
  from?: Instant;
  to?: Instant;
  /** Default 30. */
  lookbackDays?: number;
  /** time_decay only. Default 7. */
  halfLifeDays?: number;
  /** Applied in order before the model. Default none. */
  transforms?: readonly PathTransform[];
}

export interface ResolvedAttributionOptions {
  model: AttributionModel;
  conversion: string;
  conversionKind: ConversionKind;
  groupBy: AttributionGroupBy;
  period: Period;
  lookbackDays: number;
  lookbackMs: number;
  halfLifeDays: number;
  transforms: PathTransform[];
}

export function parseConversion(conversion: string): ConversionKind {
  if (conversion.startsWith("stage:")) {
    const stage = conversion.slice("stage:".length);
    if (!stage) throw new InvalidOptionError("conversion", "stage: must be followed by a stage name, e.g. stage:evaluation");
    return { kind: "stage", stage };
  }
  if (!conversion.trim()) throw new InvalidOptionError("conversion", "must be a conversion event name or stage:<name>");
  return { kind: "event", name: conversion };
}

/** Checks every option (they may come straight from a query string) and fills the defaults. */
export function resolveAttributionOptions(options: AttributionOptions): ResolvedAttributionOptions {
  if (!(ATTRIBUTION_MODELS as readonly string[]).includes(options.model)) {
    throw new InvalidOptionError(
      "model",
      `unknown model ${JSON.stringify(options.model)}; expected one of ${ATTRIBUTION_MODELS.join(", ")}`,
    );
  }
  const groupBy = options.groupBy ?? DEFAULT_GROUP_BY;
  if (!(ATTRIBUTION_GROUP_BY as readonly string[]).includes(groupBy)) {
    throw new InvalidOptionError(
      "groupBy",
      `unknown groupBy ${JSON.stringify(groupBy)}; expected one of ${ATTRIBUTION_GROUP_BY.join(", ")}`,
    );
  }
  const conversion = options.conversion ?? DEFAULT_CONVERSION;
  const lookbackDays = positiveNumber(options.lookbackDays, DEFAULT_LOOKBACK_DAYS, "lookbackDays");
  return {
    model: options.model,
    conversion,
    conversionKind: parseConversion(conversion),
    groupBy,
    period: toPeriod(options.from, options.to),
    lookbackDays,
    lookbackMs: lookbackDays * DAY_MS,
    halfLifeDays: positiveNumber(options.halfLifeDays, DEFAULT_HALF_LIFE_DAYS, "halfLifeDays"),
    transforms: (options.transforms ?? []).map(validatePathTransform),
  };
}
