/**
 * GET /v1/funnel: every journey of the site (anonymous visitors included: most people reach
 * awareness before anyone knows them) streamed through the engine's funnel accumulator, over the
 * site's stage model, overall, one funnel per value of a trait, identified customers beside
 * still-anonymous visitors, or one funnel per device type.
 */
import { createFunnel, type FunnelResult, type GroupedFunnelResult, type Instant, type PersonSegment } from "@touchpoint/journeys";
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
  /** One funnel per set of device types a person used (deviceTypeGroup); instead of groupByTrait. */
  groupByDeviceType?: boolean;
  stalledDays?: number;
  segment: PersonSegment;
  now: number;
}

/**
 * The group of a person by device: their device types joined by "+" ("desktop+mobile" for one who
 * used both), so every person is in exactly one group; `(unknown)` when no event had a user agent.
 */
export const deviceTypeGroup = (deviceTypes: readonly string[] | undefined): string =>
  deviceTypes && deviceTypes.length > 0 ? deviceTypes.join("+") : "(unknown)";

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function funnelReport(
  store: JourneyReader,
  site: Site,
  query: FunnelQuery,
): Promise<(FunnelResult | GroupedFunnelResult) & AsOf> {
  const { groupByTrait, groupByIdentity = false, groupByDeviceType = false } = query;
  const funnel = createFunnel({
    stages: stageModelOf(site).stages,
    from: query.from,
    to: query.to,
    now: query.now,
    stalledDays: query.stalledDays,
  });
  const asOf = await digestsAsOf(store, site);
  for await (const journey of segmentSummaries(store, site.id, query.segment)) {
    if (groupByIdentity) {
      funnel.addJourney(journey, journey.customerId === null ? "anonymous" : "identified");
      continue;
    }
    if (groupByDeviceType) {
      funnel.addJourney(journey, deviceTypeGroup(journey.deviceTypes));
      continue;
    }
    const trait = groupByTrait === undefined ? undefined : journey.traits[groupByTrait];
    funnel.addJourney(journey, trait === undefined ? null : String(trait));
  }
  return { ...(groupByTrait === undefined && !groupByIdentity && !groupByDeviceType ? funnel.result() : funnel.groupedResult()), ...asOf };
}
