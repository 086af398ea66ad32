/** GET /v1/moments-of-truth: every journey of the site through the engine's moments-of-truth accumulator. */
import { createMomentsOfTruth, type Instant, type MomentsOfTruthResult } from "@touchpoint/journeys";
import type { Site, Store } from "../store/store.js";
import { digestBuilderOf, stageModelOf } from "./site-journeys.js";

export interface MomentsQuery {
  stage: string;
  withinDays?: number;
  from?: Instant;
  to?: Instant;
  now: number;
}

/** Invalid options (an unknown stage among them) throw InvalidOptionError before any journey is read. */
export async function momentsReport(store: Store, site: Site, query: MomentsQuery): Promise<MomentsOfTruthResult> {
  const moments = createMomentsOfTruth({ ...query, stages: stageModelOf(site).stages });
  for await (const journey of store.streamJourneyDigests(site.id, digestBuilderOf(site))) moments.addJourney(journey);
  return moments.result();
}
