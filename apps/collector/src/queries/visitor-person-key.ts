/**
 * GET /v1/journeys?anonymousId=: whose journey a visitor's is. Once an identify linked the
 * anonymous id to a customer, it is that customer's whole journey, since the visitor's events
 * belong to it; before, the visitor's own.
 */
import { anonymousKey, customerKey } from "@touchpoint/journeys";
import type { CustomerRecordStore, Site } from "../store/store.js";

export async function visitorPersonKey(
  store: Pick<CustomerRecordStore, "findIdentityLink">,
  site: Site,
  anonymousId: string,
): Promise<string> {
  const link = await store.findIdentityLink(site.id, anonymousId);
  return link === null ? anonymousKey(anonymousId) : customerKey(link.customerId);
}
