/**
 * The one-line view of a customer that `GET /v1/customers` lists: where they are, since when,
 * and when they were last seen; and whether they are stuck there.
 */
import type { Properties } from "@touchpoint/protocol";
import { isoTime } from "../iso-time.js";
import type { JourneySummary } from "./journey-digest.js";
import { DAY_MS } from "../time/day-ms.js";

export interface CustomerSummary {
  customerId: string | null;
  /** An anonymous visitor's id (listed with identified=false); null for a known customer. */
  anonymousId: string | null;
  currentStage: string | null;
  /** ISO-8601: when the current stage was first entered. */
  stageEnteredAt: string | null;
  /** ISO-8601: the journey's latest event. */
  lastSeen: string | null;
  traits: Properties;
}

/**
 * The customer as of `now`: the current stage is the furthest one (in model order) entered at or
 * before `now`. An entry dated after `now` (a clock ahead, a scheduled import) does not exist yet,
 * here as in the funnel, so the list and the funnel agree on where everyone stands.
 */
export function summarizeCustomer(journey: JourneySummary, now: number): CustomerSummary {
  const current = stageAsOf(journey.stages, now);
  return {
    customerId: journey.customerId,
    anonymousId: journey.anonymousId,
    currentStage: current?.stage ?? null,
    stageEnteredAt: current === null ? null : isoTime(current.time),
    lastSeen: journey.lastSeenTime === null ? null : isoTime(journey.lastSeenTime),
    traits: journey.traits,
  };
}

/** The furthest of `stages` (in model order, as journeys list them) entered at or before `now`; null before any. */
export function stageAsOf<T extends { time: number }>(stages: readonly T[], now: number): T | null {
  for (let i = stages.length - 1; i >= 0; i--) if ((stages[i] as T).time <= now) return stages[i] as T;
  return null;
}

/**
 * Stalled: in the current stage for more than `stalledDays` days, i.e. entered it longer ago than
 * that and has not moved further since. A person in no stage is not stalled. The funnel's
 * `stalled` and the customer list's `stalledDays` filter both use this definition.
 */
export function stalledSince(enteredAt: number, stalledDays: number, now: number): boolean {
  checkStalledDays(stalledDays);
  return now - enteredAt > stalledDays * DAY_MS;
}

export function isStalled(summary: Pick<CustomerSummary, "stageEnteredAt">, stalledDays: number, now: number | Date): boolean {
  checkStalledDays(stalledDays);
  if (summary.stageEnteredAt === null) return false;
  return stalledSince(Date.parse(summary.stageEnteredAt), stalledDays, typeof now === "number" ? now : now.getTime());
}

function checkStalledDays(stalledDays: number): void {
  if (!Number.isFinite(stalledDays) || stalledDays < 0) {
    throw new RangeError(`stalledDays must be a number of days >= 0, got ${stalledDays}`);
  }
}
