/** The notice journey upkeep publishes for each person it rebuilt: who, what their journey is now, and what changed. */
import { journeyChange, parsePersonKey, type JourneyChange, type JourneyDigest } from "@touchpoint/journeys";
import type { AddedEvent, DigestChange } from "../store/store.js";

export interface PersonChanged extends JourneyChange {
  siteId: string;
  /** `c:<customerId>` or `a:<anonymousId>`. */
  personKey: string;
  /** Null for a visitor nobody identified. */
  customerId: string | null;
  /**
   * `events`: their events changed; `model`: the site's stage model changed (or its digests were
   * made for the first time) and every digest was rebuilt: stages entered may then be history
   * seen anew, while eventsAdded still lists only events stored since the previous pass.
   */
  cause: DigestChange["cause"];
  /** The person's journey digest now; null when no event of theirs is left (erased, expired, or moved to a customer). */
  digest: JourneyDigest | null;
  /** Events stored since the previous upkeep of this person, in time order. */
  eventsAdded: AddedEvent[];
  /** How many events left the journey (deleted or moved to another person), net of events moved in. */
  eventsRemoved: number;
}

export function personChangedOf(siteId: string, change: DigestChange): PersonChanged {
  const key = parsePersonKey(change.personKey);
  const net = change.afterEventCount - change.beforeEventCount - change.added.length;
  return {
    siteId,
    personKey: change.personKey,
    customerId: key.kind === "customer" ? key.customerId : null,
    cause: change.cause,
    digest: change.after,
    ...journeyChange(change.before, change.after),
    eventsAdded: change.added,
    eventsRemoved: Math.max(0, -net),
  };
}
