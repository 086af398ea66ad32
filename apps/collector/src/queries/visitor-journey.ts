/**
 * GET /v1/journeys?anonymousId=: a visitor's journey, or, once an identify linked the anonymous
 * id to a customer, that customer's whole journey, since the visitor's events belong to it.
 */
import { anonymousKey, customerKey, type Journey } from "@touchpoint/journeys";
import type { CustomerRecordStore, JourneyReader, Site } from "../store/store.js";
import { readJourney } from "./site-journeys.js";

/** null when no event of the anonymous id is stored. */
export async function visitorJourney(
  store: JourneyReader & Pick<CustomerRecordStore, "findIdentityLink">,
  site: Site,
  anonymousId: string,
): Promise<Journey | null> {
  const link = await store.findIdentityLink(site.id, anonymousId);
  return readJourney(store, site, link === null ? anonymousKey(anonymousId) : customerKey(link.customerId));
}
