/**
 * GET /v1/attribution: every journey of the site streamed through the engine's attribution
 * accumulator (bounded memory: a total per key, or counters per distinct path), then priced with
 * the site's spend. Journeys of visitors nobody identified count too: their touches make the
 * non-converting paths of markov, shapley and fractribution, and a guest checkout converts.
 */
import {
  createAttribution,
  InvalidOptionError,
  withSpend,
  type AttributionOptions,
  type AttributionWithSpend,
  type PersonSegment,
} from "@touchpoint/journeys";
import type { JourneyReader, Site, SpendLedger } from "../store/store.js";
import { segmentAttributionPages, spendOfSegment } from "./segment-journeys.js";
import { digestsAsOf, stageModelOf, type AsOf } from "./site-journeys.js";

/** A `stage:<name>` conversion must name a stage of the site's model. */
export function checkConversionStage(site: Site, conversion: string | undefined): void {
  if (!conversion?.startsWith("stage:")) return;
  const { stages } = stageModelOf(site);
  const stage = conversion.slice("stage:".length);
  if (!stages.includes(stage))
    throw new InvalidOptionError("conversion", `unknown stage ${JSON.stringify(stage)}; this site's stages are ${stages.join(", ")}`);
}

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function attributionReport(
  store: JourneyReader & Pick<SpendLedger, "listSpend">,
  site: Site,
  options: AttributionOptions,
  segment: PersonSegment,
): Promise<AttributionWithSpend & AsOf> {
  const attribution = createAttribution(options);
  checkConversionStage(site, options.conversion);
  const asOf = await digestsAsOf(store, site);
  for await (const page of segmentAttributionPages(store, site.id, segment, options.conversion)) {
    for (const journey of page) attribution.addJourney(journey);
  }
  const spend = spendOfSegment(segment, await store.listSpend(site.id));
  return { ...withSpend(attribution.result(), spend, { from: options.from, to: options.to }), ...asOf };
}
