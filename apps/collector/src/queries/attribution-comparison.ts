/**
 * GET /v1/attribution with several models: one pass over the site's journeys feeds one
 * accumulator per model, each priced with the site's spend, then set side by side per key.
 */
import { compareAttributionModels, createAttribution, InvalidOptionError, withSpend, type AttributionComparison, type AttributionModel, type AttributionOptions } from "@touchpoint/journeys";
import type { Site, Store } from "../store/store.js";
import { checkConversionStage } from "./attribution-report.js";
import { digestBuilderOf } from "./site-journeys.js";

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function attributionComparisonReport(store: Store, site: Site, options: Omit<AttributionOptions, "model">, models: readonly AttributionModel[]): Promise<AttributionComparison> {
  if (new Set(models).size !== models.length) throw new InvalidOptionError("model", "names a model twice");
  const accumulators = models.map((model) => createAttribution({ ...options, model }));
  checkConversionStage(site, options.conversion);
  for await (const journey of store.streamJourneyDigests(site.id, digestBuilderOf(site))) {
    for (const accumulator of accumulators) accumulator.addJourney(journey);
  }
  const spend = await store.listSpend(site.id);
  return compareAttributionModels(accumulators.map((accumulator) => withSpend(accumulator.result(), spend, { from: options.from, to: options.to })));
}
