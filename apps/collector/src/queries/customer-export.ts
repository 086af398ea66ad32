/**
 * GET /v1/customers/:id/export: everything stored about a customer, as the API shows it: every
 * event (linked devices' anonymous events included), every identity link, and the merged traits.
 */
import { isoTime, mergeTraits } from "@touchpoint/journeys";
import type { CustomerRecordStore } from "../store/store.js";

/** null when nothing is stored about the customer. */
export async function customerExport(store: Pick<CustomerRecordStore, "exportCustomer">, siteId: string, customerId: string) {
  const { events, links } = await store.exportCustomer(siteId, customerId);
  if (events.length === 0 && links.length === 0) return null;
  return {
    customerId,
    traits: mergeTraits(events.filter((event) => event.type === "identify")),
    events: events.map((event) => ({ ...event, timestamp: isoTime(event.timestamp), receivedAt: isoTime(event.receivedAt) })),
    links: links.map((link) => ({ ...link, linkedAt: isoTime(link.linkedAt) })),
  };
}
