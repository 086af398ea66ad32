import type { JourneyDigest } from "../journey/journey-digest.js";
import { journeyPaths } from "./conversion-paths.js";
import { heuristicShares } from "./heuristic-models.js";
import { InvalidOptionError } from "./invalid-option.js";
import {
  ATTRIBUTION_MODELS,
  HEURISTIC_MODELS,
  resolveAttributionOptions,
  type AttributionModel,
  type AttributionOptions,
  type HeuristicModel,
} from "./options.js";
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

export type AttributionRowsJourney = Readonly<Pick<JourneyDigest, "customerId" | "anonymousId" | "touchpoints" | "stages" | "conversions">>;

/** One touch of a conversion's path and what each model gives it: one row of Snowplow's attribution tables. */
export interface AttributedTouch {
  /** 0 for the first touch of the (transformed) path; null on the one row of a conversion with no touch. */
  index: number | null;
  /** Epoch ms; null without a touch. */
  time: number | null;
  /** What the touch is credited under (channel, touchpoint, stage or campaign); `(none)` without a touch. */
  key: string;
  /** Per model, in the order asked: the share of the conversion this touch earns (a conversion's touches sum to 1). */
  credits: number[];
}

/** One conversion in the period and its touches: one row each. */
export interface AttributedConversion {
  /** The conversion event's id; null for a stage entry or a touchpoint named as the conversion. */
  conversionId: string | null;
  /** null for a visitor nobody identified. */
  customerId: string | null;
  /** The anonymous id of a visitor nobody identified (a guest checkout); null for a customer. */
  anonymousId: string | null;
  /** Epoch ms. */
  time: number;
  value: number;
  /** The customer's first conversion of the kind. */
  first: boolean;
  /** The touches of its transformed path in order, or one `(none)` touch with credit 1 when it had none. */
  touches: AttributedTouch[];
}

export interface AttributionRowsWriter {
  models: RowModel[];
  conversion: string;
  /**
   * The event or stage name every journey with a conversion holds (the conversion event's, a
   * touchpoint's, or the stage's): a journey without it has no rows, and a reader may skip it.
   */
  convertingName: string;
  /** The journey's conversions in the period, in time order. */
  conversionsOf(journey: AttributionRowsJourney): AttributedConversion[];
}

/** Each touch's share under shapley: the conversion splits evenly over the keys it touched, and a key's share evenly over its touches. */
function shapleyTouchShares(path: readonly PathTouch[]): number[] {
  const counts = new Map<string, number>();
  for (const touch of path) counts.set(touch.key, (counts.get(touch.key) ?? 0) + 1);
  return path.map((touch) => 1 / (counts.size * (counts.get(touch.key) as number)));
}

/** Each touch of a non-empty path with its share under each model. */
function attributedTouches(path: readonly PathTouch[], models: readonly RowModel[], halfLifeDays: number): AttributedTouch[] {
  const shares = models.map((model) =>
    model === "shapley" ? shapleyTouchShares(path) : heuristicShares(model as HeuristicModel, path, halfLifeDays),
  );
  return path.map((touch, i) => ({
    index: i,
    time: touch.time,
    key: touch.key,
    credits: shares.map((modelShares) => modelShares[i] as number),
  }));
}

/**
 * Attribution as rows: for each conversion in [from, to), one row per touch of its (transformed)
 * path with the credit every model asked for gives that touch, or one `(none)` row with credit 1
 * when it had no touch. The path itself is the conversion's rows in index order (a path column
 * on every row would grow with the square of the path's length). Summing a model's credits by key gives /v1/attribution's credits for
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
    throw new InvalidOptionError(
      "model",
      `${model} fits its credit over every path at once, not per conversion; rows are kept for ${ROW_MODELS.join(", ")}`,
    );
  }
  if (new Set(models).size !== models.length) throw new InvalidOptionError("model", "names a model twice");
  const resolved = resolveAttributionOptions({ ...options, model: models[0] as AttributionModel });
  const rowModels = models as RowModel[];

  return {
    models: rowModels,
    conversion: resolved.conversion,
    convertingName: resolved.conversionKind.kind === "stage" ? resolved.conversionKind.stage : resolved.conversionKind.name,
    conversionsOf(journey) {
      return journeyPaths(journey, resolved, false).converting.map((converting) => {
        const path = transformPath(converting.path, resolved.transforms);
        const touches =
          path.length === 0
            ? [{ index: null, time: null, key: NO_TOUCH_KEY, credits: rowModels.map(() => 1) }]
            : attributedTouches(path, rowModels, resolved.halfLifeDays);
        return {
          conversionId: converting.id,
          customerId: journey.customerId,
          anonymousId: journey.anonymousId,
          time: converting.time,
          value: converting.value,
          first: converting.first,
          touches,
        };
      });
    },
  };
}
