/** GET /v1/paths: every journey of the site streamed through the engine's conversion-path report. */
import { createPathReport, type PathReportOptions, type PathReportResult } from "@touchpoint/journeys";
import type { Site, Store } from "../store/store.js";
import { checkConversionStage } from "./attribution-report.js";
import { digestBuilderOf } from "./site-journeys.js";

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function pathReport(store: Store, site: Site, options: PathReportOptions): Promise<PathReportResult> {
  const paths = createPathReport(options);
  checkConversionStage(site, options.conversion);
  for await (const journey of store.streamJourneyDigests(site.id, digestBuilderOf(site))) paths.addJourney(journey);
  return paths.result();
}
