/**
 * GET /v1/attribution/rows: each journey's attributed conversions, produced as the site's
 * journeys stream by, so an export of any size is written without holding it.
 */
import {
  createAttributionRows,
  type AttributedConversion,
  type AttributionRowsOptions,
  type PersonSegment,
  type RowModel,
} from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { checkConversionStage } from "./attribution-report.js";
import { segmentDigests } from "./segment-journeys.js";

export interface AttributionRowsQuery {
  models: RowModel[];
  /** The conversion asked for, default filled in. */
  conversion: string;
  /** Each journey's conversions in the period, in the order the store streams journeys; journeys without one yield nothing. */
  conversions(): AsyncIterable<AttributedConversion[]>;
}

/** Checks the options at once (InvalidOptionError) and reads no journey until rows() is iterated. */
export function attributionRowsQuery(
  store: JourneyReader,
  site: Site,
  options: AttributionRowsOptions,
  segment: PersonSegment,
): AttributionRowsQuery {
  const writer = createAttributionRows(options);
  checkConversionStage(site, options.conversion);
  return {
    models: writer.models,
    conversion: writer.conversion,
    async *conversions() {
      // Most persons never convert: the store skips the digests that cannot hold a conversion.
      for await (const journey of segmentDigests(store, site.id, segment, { holding: writer.convertingName })) {
        const conversions = writer.conversionsOf(journey);
        if (conversions.length > 0) yield conversions;
      }
    },
  };
}
