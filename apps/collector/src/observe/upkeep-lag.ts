/**
 * How far journey upkeep lags, for /metrics: for each site, the time since the digests' asOf
 * (now when upkeep has caught up), the most of any site, in seconds.
 */
import { modelKeyOf } from "../queries/site-journeys.js";
import type { JourneyReader, SiteDirectory } from "../store/store.js";

export async function upkeepLagSeconds(store: JourneyReader & Pick<SiteDirectory, "listSites">, now = Date.now()): Promise<number> {
  let lagMs = 0;
  for (const site of await store.listSites()) {
    const asOf = (await store.journeyDigestsAsOf(site.id, modelKeyOf(site))) ?? site.createdAt;
    lagMs = Math.max(lagMs, now - asOf);
  }
  return lagMs / 1000;
}
