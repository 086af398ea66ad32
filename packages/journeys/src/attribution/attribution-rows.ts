import type { JourneyDigest } from "../journey/journey-digest.js";
import { journeyPaths } from "./conversion-paths.js";
import { heuristicShares } from "./heuristic-models.js";
import { InvalidOptionError } from "./invalid-option.js";
import { ATTRIBUTION_MODELS, HEURISTIC_MODELS, resolveAttributionOptions, type AttributionModel, type AttributionOptions, type HeuristicModel } from "./options.js";
import type { PathTouch } from "./path-touch.js";
import { transformPath } from "./path-transforms.js";
import { NO_TOUCH_KEY } from "./touch-key.js";

/**
 * Models whose credit for a conversion comes from that conversion's path alone, so it can be
 * written down per touch. markov and fractribution fit one chain or table over every path at once.
 */
export const ROW_MODELS = [...HEURISTIC_MODELS, "shapley"] as const;
export type RowModel = (typeof ROW_MODELS)[number];

export interface AttributionRowsOptions extends Omit<AttributionOptions, "model"> {
  /** One or more of ROW_MODELS, each once: each row carries each model's credit. */
  models: readonly AttributionModel[];
}

export type AttributionRowsJourney = Readonly<Pick<JourneyDigest, "customerId" | "touchpoints" | "stages" | "conversions">>;

/** One touch of one conversion's path, as Snowplow's attribution package keeps them (one row per conversion and touch). */
export interface AttributionRow {
  /** The conversion event's id; null for a stage entry or a touchpoint named as the conversion. */
  conversionId: string | null;
  /** null for a visitor nobody identified. */
  customerId: string | null;
  /** Epoch ms. */
  conversionTime: number;
  conversionValue: number;
  /** The customer's first conversion of the kind. */
  firstConversion: boolean;
  /** The transformed path's touch labels, first to last (empty when the conversion had no touch). */
  path: string[];
  /** 0 for the first touch; null on the one row of a conversion with no touch. */
  touchIndex: number | null;
  /** Epoch ms; null without a touch. */
  touchTime: number | null;
  /** What the touch is credited under (channel, touchpoint, stage or campaign); `(none)` without a touch. */
  key: string;
  /** Per model, in the order asked: the share of the conversion this touch earns (a conversion's rows sum to 1). */
  credits: number[];
}

export interface AttributionRowsWriter {
  models: RowModel[];
  conversion: string;
  /** The rows of one journey's conversions in the period, in time order, touches in path order. */
  rowsOf(journey: AttributionRowsJourney): AttributionRow[];
}

/** Each touch's share under shapley: the conversion splits evenly over the keys it touched, and a key's share evenly over its touches. */
function shapleyTouchShares(path: readonly PathTouch[]): number[] {
  const counts = new Map<string, number>();
  for (const touch of path) counts.set(touch.key, (counts.get(touch.key) ?? 0) + 1);
  return path.map((touch) => 1 / (counts.size * (counts.get(touch.key) as number)));
}

/**
 * Attribution as rows: for each conversion in [from, to), one row per touch of its (transformed)
 * path with the credit every model asked for gives that touch, or one `(none)` row with credit 1
 * when it had no touch. Summing a model's credits by key gives /v1/attribution's credits for
 * that model. Invalid options throw InvalidOptionError.
 */
export function createAttributionRows(options: AttributionRowsOptions): AttributionRowsWriter {
  const { models } = options;
  if (models.length === 0) throw new InvalidOptionError("model", "name at least one model");
  for (const model of models) {
    if ((ROW_MODELS as readonly string[]).includes(model)) continue;
    if (!(ATTRIBUTION_MODELS as readonly string[]).includes(model)) {
      throw new InvalidOptionError("model", `unknown model ${JSON.stringify(model)}; expected one of ${ROW_MODELS.join(", ")}`);
    }
    throw new InvalidOptionError("model", `${model} fits its credit over every path at once, not per conversion; rows are kept for ${ROW_MODELS.join(", ")}`);
  }
  if (new Set(models).size !== models.length) throw new InvalidOptionError("model", "names a model twice");
  const resolved = resolveAttributionOptions({ ...options, model: models[0] as AttributionModel });
  const rowModels = models as RowModel[];

  return {
    models: rowModels,
    conversion: resolved.conversion,
    rowsOf(journey) {
      const rows: AttributionRow[] = [];
      for (const converting of journeyPaths(journey, resolved, false).converting) {
        const conversion = {
          conversionId: converting.id,
          customerId: journey.customerId,
          conversionTime: converting.time,
          conversionValue: converting.value,
          firstConversion: converting.first,
        };
        const path = transformPath(converting.path, resolved.transforms);
        if (path.length === 0) {
          rows.push({ ...conversion, path: [], touchIndex: null, touchTime: null, key: NO_TOUCH_KEY, credits: rowModels.map(() => 1) });
          continue;
        }
        const labels = path.map((touch) => touch.label);
        const shares = rowModels.map((model) => (model === "shapley" ? shapleyTouchShares(path) : heuristicShares(model as HeuristicModel, path, resolved.halfLifeDays)));
        path.forEach((touch, i) => {
          rows.push({ ...conversion, path: labels, touchIndex: i, touchTime: touch.time, key: touch.key, credits: shares.map((modelShares) => modelShares[i] as number) });
        });
      }
      return rows;
    },
  };
}
