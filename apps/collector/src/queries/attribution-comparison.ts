/**
 * GET /v1/attribution with several models: one pass over the site's journeys, each journey's
 * paths found once for every model, each model's result priced with the site's spend, then set
 * side by side per key.
 */
import {
  compareAttributionModels,
  createModelComparison,
  withSpend,
  type AttributionComparison,
  type AttributionModel,
  type AttributionOptions,
  type PersonSegment,
} from "@touchpoint/journeys";
import type { JourneyReader, Site, SpendLedger } from "../store/store.js";
import { checkConversionStage } from "./attribution-report.js";
import { segmentAttributionPages, spendOfSegment } from "./segment-journeys.js";
import { digestsAsOf, type AsOf } from "./site-journeys.js";

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function attributionComparisonReport(
  store: JourneyReader & Pick<SpendLedger, "listSpend">,
  site: Site,
  options: Omit<AttributionOptions, "model">,
  models: readonly AttributionModel[],
  segment: PersonSegment,
): Promise<AttributionComparison & AsOf> {
  const comparison = createModelComparison(options, models);
  checkConversionStage(site, options.conversion);
  const asOf = await digestsAsOf(store, site);
  for await (const page of segmentAttributionPages(store, site.id, segment, options.conversion)) {
    for (const journey of page) comparison.addJourney(journey);
  }
  const spend = spendOfSegment(segment, await store.listSpend(site.id));
  return {
    ...compareAttributionModels(comparison.results().map((result) => withSpend(result, spend, { from: options.from, to: options.to }))),
    ...asOf,
  };
}
