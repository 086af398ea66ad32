/**
 * Identity stitching over a whole history at once: for tests, small sites and as the reference
 * the collector's incremental links (preferredLink + personKeyOf per event) must agree with.
 */
import type { JourneyEvent } from "../types.js";
import { identityLinkOf, preferredLink, type IdentityLink } from "./identity-link.js";
import { personKeyOf, type PersonKey } from "./person-key.js";

export interface StitchedIdentities {
  /** anonymousId -> the customer that owns it. */
  links: Map<string, string>;
  personKeyOf(event: Pick<JourneyEvent, "id" | "anonymousId" | "customerId">): PersonKey;
}

export function stitchIdentities(
  events: Iterable<Pick<JourneyEvent, "id" | "type" | "anonymousId" | "customerId" | "timestamp">>,
): StitchedIdentities {
  const winners = new Map<string, IdentityLink>();
  for (const event of events) {
    const link = identityLinkOf(event);
    if (link !== null) winners.set(link.anonymousId, preferredLink(winners.get(link.anonymousId), link));
  }
  const links = new Map<string, string>();
  for (const [anonymousId, link] of winners) links.set(anonymousId, link.customerId);
  return {
    links,
    personKeyOf: (event) => personKeyOf(event, event.anonymousId === null ? null : links.get(event.anonymousId)),
  };
}
