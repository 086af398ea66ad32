/**
 * GET /v1/funnel: every journey of the site (anonymous visitors included: most people reach
 * awareness before anyone knows them) streamed through the engine's funnel accumulator, over the
 * site's stage model, overall or one funnel per group: a trait's value, identified customers
 * beside still-anonymous visitors, the device types used, or the channel or campaign of the first
 * touch (as customer value groups customers).
 */
import {
  createFunnel,
  firstTouchKey,
  type FunnelAccumulator,
  isEveryone,
  type FunnelResult,
  type GroupedFunnelResult,
  type Instant,
  type JourneyDigest,
  type JourneySummary,
  type PersonSegment,
} from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { segmentDigests, segmentSummariesAsOf } from "./segment-journeys.js";
import { digestsAsOf, stageModelOf, type AsOf } from "./site-journeys.js";

/**
 * How people are split: `trait` by its value as text (`(not set)` without it), `identified` into
 * `identified` and `anonymous`, `deviceType` by deviceTypeGroup, `channel` and `campaign` by the
 * first touch's (firstTouchKey: `(none)` without a touch).
 */
export type FunnelGroupBy = { trait: string } | "identified" | "deviceType" | "channel" | "campaign";

export interface FunnelQuery {
  from?: Instant;
  to?: Instant;
  /** One funnel per group; one funnel over everyone when absent. */
  groupBy?: FunnelGroupBy;
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

/** FunnelJourney's customerId is null or absent for a visitor nobody identified yet. */
const identityGroup = (customerId: string | null | undefined) =>
  customerId === null || customerId === undefined ? "anonymous" : "identified";

function groupOf(journey: JourneySummary, groupBy: FunnelGroupBy): string | null {
  if (groupBy === "identified") return identityGroup(journey.customerId);
  if (groupBy === "deviceType") return deviceTypeGroup(journey.deviceTypes);
  if (groupBy === "channel" || groupBy === "campaign") return firstTouchKey(journey as JourneyDigest, groupBy);
  const trait = journey.traits[groupBy.trait];
  return trait === undefined ? null : String(trait);
}

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function funnelReport(
  store: JourneyReader,
  site: Site,
  query: FunnelQuery,
): Promise<(FunnelResult | GroupedFunnelResult) & AsOf> {
  const { groupBy } = query;
  const funnel = createFunnel({
    stages: stageModelOf(site).stages,
    from: query.from,
    to: query.to,
    now: query.now,
    stalledDays: query.stalledDays,
  });
  const { asOf } =
    (groupBy === undefined || groupBy === "identified") && isEveryone(query.segment)
      ? await addEveryone(store, site, funnel, groupBy === "identified")
      : await addSegment(store, site, funnel, query.segment, groupBy);
  return { ...(groupBy === undefined ? funnel.result() : funnel.groupedResult()), asOf };
}

/** The funnel of everyone, overall or by identity: only customer ids and stage entries are read. */
async function addEveryone(store: JourneyReader, site: Site, funnel: FunnelAccumulator, byIdentity: boolean): Promise<AsOf> {
  const asOf = await digestsAsOf(store, site);
  for await (const page of store.streamFunnelJourneys(site.id))
    for (const journey of page) funnel.addJourney(journey, byIdentity ? identityGroup(journey.customerId) : null);
  return asOf;
}

/** A segment's people, or a split that needs more than stage entries. */
async function addSegment(
  store: JourneyReader,
  site: Site,
  funnel: FunnelAccumulator,
  segment: PersonSegment,
  groupBy: FunnelGroupBy | undefined,
): Promise<AsOf> {
  // Only the first touch needs a digest's touchpoints; every other split reads the smaller summaries.
  const { asOf, journeys } =
    groupBy === "channel" || groupBy === "campaign"
      ? { ...(await digestsAsOf(store, site)), journeys: segmentDigests(store, site.id, segment) }
      : await segmentSummariesAsOf(store, site, segment);
  for await (const journey of journeys) funnel.addJourney(journey, groupBy === undefined ? null : groupOf(journey, groupBy));
  return { asOf };
}
