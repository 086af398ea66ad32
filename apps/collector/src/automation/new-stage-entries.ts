import type { DigestStage } from "@touchpoint/journeys";
import type { PersonChanged } from "../upkeep/person-changed.js";

/**
 * The stage entries of an upkeep notice that a person made just now: those whose first touchpoint
 * is an event stored since the previous pass. A digest also gains entries that are history seen
 * anew (the first build on upgrade, a stage model rebuilt with cause `model`, an anonymous
 * journey moved into its customer's on identify, an entry shifted by another event): none of
 * those is something the person just did, so none of them starts a run. A model rebuild thus
 * starts runs only for entries made by events that arrived since the previous pass.
 */
export function newStageEntries(notice: Pick<PersonChanged, "stagesEntered" | "eventsAdded">): DigestStage[] {
  if (notice.eventsAdded.length === 0) return [];
  const addedTimes = new Set(notice.eventsAdded.filter((e) => e.type !== "identify").map((e) => e.time));
  return notice.stagesEntered.filter((entry) => addedTimes.has(entry.time));
}

/** The trigger id of a stage entry: the same entry seen again (a restart, a rebuild) never starts a second run. */
export function stageTriggerId(stage: string, personKey: string, enteredAt: number): string {
  return `stage:${stage}:${personKey}:${enteredAt}`;
}

/** The trigger id of a stalled rule's check of a stage entry: one per entry, like stageTriggerId. */
export function stalledTriggerId(stage: string, personKey: string, enteredAt: number): string {
  return `stalled:${stage}:${personKey}:${enteredAt}`;
}
