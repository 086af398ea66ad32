/** GET /v1/moments-of-truth: every journey of the site through the engine's moments-of-truth accumulator. */
import { createMomentsOfTruth, type Instant, type MomentsOfTruthResult, type PersonSegment } from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { segmentDigests } from "./segment-journeys.js";
import { digestsAsOf, stageModelOf, type AsOf } from "./site-journeys.js";

export interface MomentsQuery {
  stage: string;
  withinDays?: number;
  from?: Instant;
  to?: Instant;
  now: number;
}

/** Invalid options (an unknown stage among them) throw InvalidOptionError before any journey is read. */
export async function momentsReport(
  store: JourneyReader,
  site: Site,
  query: MomentsQuery,
  segment: PersonSegment,
): Promise<MomentsOfTruthResult & AsOf> {
  const moments = createMomentsOfTruth({ ...query, stages: stageModelOf(site).stages });
  const asOf = await digestsAsOf(store, site);
  for await (const journey of segmentDigests(store, site.id, segment)) moments.addJourney(journey);
  return { ...moments.result(), ...asOf };
}
