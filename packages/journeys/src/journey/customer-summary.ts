/**
 * The one-line view of a customer that `GET /v1/customers` lists: where they are, since when,
 * and when they were last seen; and whether they are stuck there.
 */
import type { Properties } from "@touchpoint/protocol";
import { isoTime } from "../iso-time.js";
import type { JourneySummary } from "./journey-digest.js";

const DAY_MS = 86_400_000;

export interface CustomerSummary {
  customerId: string | null;
  currentStage: string | null;
  /** ISO-8601: when the current stage was first entered. */
  stageEnteredAt: string | null;
  /** ISO-8601: the journey's latest event. */
  lastSeen: string | null;
  traits: Properties;
}

export function summarizeCustomer(journey: JourneySummary): CustomerSummary {
  const entry = journey.stages.find((stage) => stage.stage === journey.currentStage);
  return {
    customerId: journey.customerId,
    currentStage: journey.currentStage,
    stageEnteredAt: entry === undefined ? null : isoTime(entry.time),
    lastSeen: journey.lastSeenTime === null ? null : isoTime(journey.lastSeenTime),
    traits: journey.traits,
  };
}

/**
 * Stalled: in a stage for more than `stalledDays` days, i.e. it entered its current stage
 * longer ago than that and has not moved further since. A customer in no stage is not stalled.
 */
export function isStalled(summary: Pick<CustomerSummary, "stageEnteredAt">, stalledDays: number, now: number | Date): boolean {
  if (!Number.isFinite(stalledDays) || stalledDays < 0) {
    throw new RangeError(`stalledDays must be a number of days >= 0, got ${stalledDays}`);
  }
  if (summary.stageEnteredAt === null) return false;
  const nowMs = typeof now === "number" ? now : now.getTime();
  return nowMs - Date.parse(summary.stageEnteredAt) > stalledDays * DAY_MS;
}
