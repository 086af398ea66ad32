/**
 * Identity links: which customer an anonymous id belongs to. The first identify of an anonymous
 * id wins for good, "first" meaning the identify event's own time (ties by event id), never its
 * arrival: a late-delivered older identify takes the link over, so any arrival order ends in the
 * same links. A later identify of the same device by someone else (a shared device without
 * reset()) does not move the device's anonymous events to that person.
 */
import { compareEvents } from "../order.js";
import type { JourneyEvent } from "../types.js";

export interface IdentityLink {
  anonymousId: string;
  customerId: string;
  /** The identify event that made the link, and its time: together they decide which link wins. */
  eventId: string;
  timestamp: number;
}

/** The link an identify event proposes, or null for any other event or one without an anonymous id. */
export function identityLinkOf(event: Pick<JourneyEvent, "id" | "type" | "anonymousId" | "customerId" | "timestamp">): IdentityLink | null {
  if (event.type !== "identify" || event.anonymousId === null || event.customerId === null) return null;
  return { anonymousId: event.anonymousId, customerId: event.customerId, eventId: event.id, timestamp: event.timestamp };
}

/**
 * Which of two links of the same anonymous id stands: the one from the earlier identify.
 * Returns one of its arguments unchanged, so a store can test `preferredLink(old, next) === next`
 * to know whether to rewrite the person keys of that anonymous id's events.
 */
export function preferredLink(existing: IdentityLink | null | undefined, candidate: IdentityLink): IdentityLink {
  if (existing == null) return candidate;
  if (existing.anonymousId !== candidate.anonymousId) {
    throw new Error(`cannot compare links of two anonymous ids ("${existing.anonymousId}", "${candidate.anonymousId}")`);
  }
  const order = compareEvents(
    { id: existing.eventId, timestamp: existing.timestamp },
    { id: candidate.eventId, timestamp: candidate.timestamp },
  );
  return order <= 0 ? existing : candidate;
}
