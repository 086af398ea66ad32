/** GET /v1/paths: every journey of the site streamed through the engine's conversion-path report. */
import { createPathReport, type PathReportOptions, type PathReportResult, type PersonSegment } from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { checkConversionStage } from "./attribution-report.js";
import { segmentDigests } from "./segment-journeys.js";
import { digestsAsOf, type AsOf } from "./site-journeys.js";

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function pathReport(
  store: JourneyReader,
  site: Site,
  options: PathReportOptions,
  segment: PersonSegment,
): Promise<PathReportResult & AsOf> {
  const paths = createPathReport(options);
  checkConversionStage(site, options.conversion);
  const asOf = await digestsAsOf(store, site);
  for await (const journey of segmentDigests(store, site.id, segment)) paths.addJourney(journey);
  return { ...paths.result(), ...asOf };
}
