/**
 * GET /v1/funnel: every journey of the site (anonymous visitors included: most people reach
 * awareness before anyone knows them) streamed through the engine's funnel accumulator, over the
 * site's stage model, overall, one funnel per value of a trait, or identified customers beside
 * still-anonymous visitors.
 */
import {
  createFunnel,
  isEveryone,
  type FunnelResult,
  type GroupedFunnelResult,
  type Instant,
  type PersonSegment,
} from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { segmentSummaries } from "./segment-journeys.js";
import { digestsAsOf, stageModelOf, type AsOf } from "./site-journeys.js";

export interface FunnelQuery {
  from?: Instant;
  to?: Instant;
  /** One funnel per value of this trait (as text); customers without it form `(not set)`. */
  groupByTrait?: string;
  /** Two funnels: `identified` (a customer id is known) and `anonymous`; instead of groupByTrait. */
  groupByIdentity?: boolean;
  stalledDays?: number;
  segment: PersonSegment;
  now: number;
}

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function funnelReport(
  store: JourneyReader,
  site: Site,
  query: FunnelQuery,
): Promise<(FunnelResult | GroupedFunnelResult) & AsOf> {
  const { groupByTrait, groupByIdentity = false } = query;
  const funnel = createFunnel({
    stages: stageModelOf(site).stages,
    from: query.from,
    to: query.to,
    now: query.now,
    stalledDays: query.stalledDays,
  });
  const asOf = await digestsAsOf(store, site);
  // The funnel of everyone, at most by identity, reads only customer ids and stage entries.
  if (groupByTrait === undefined && isEveryone(query.segment)) {
    for await (const page of store.streamFunnelJourneys(site.id)) {
      for (const journey of page)
        funnel.addJourney(journey, groupByIdentity ? (journey.customerId === null ? "anonymous" : "identified") : null);
    }
    return { ...(groupByIdentity ? funnel.groupedResult() : funnel.result()), ...asOf };
  }
  for await (const journey of segmentSummaries(store, site.id, query.segment)) {
    if (groupByIdentity) {
      funnel.addJourney(journey, journey.customerId === null ? "anonymous" : "identified");
      continue;
    }
    const trait = groupByTrait === undefined ? undefined : journey.traits[groupByTrait];
    funnel.addJourney(journey, trait === undefined ? null : String(trait));
  }
  return { ...(groupByTrait === undefined && !groupByIdentity ? funnel.result() : funnel.groupedResult()), ...asOf };
}
