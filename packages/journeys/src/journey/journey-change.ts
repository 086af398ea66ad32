/**
 * What changed in a person's journey between two digests of it: the stages they entered and the
 * conversions they made that the older digest did not have. Journey upkeep publishes this after
 * each rebuild, and automation decides on it.
 */
import type { DigestConversion, DigestStage, JourneyDigest } from "./journey-digest.js";

export interface JourneyChange {
  /** The current stage before (null: none, or no digest) and after (null: none, or no event left). */
  previousStage: string | null;
  currentStage: string | null;
  /** Stage entries the new digest has and the old one lacks (a stage newly entered, or entered at another time), in the model's order. */
  stagesEntered: DigestStage[];
  /** Conversions (by id) the new digest has and the old one lacks, in time order. */
  conversions: DigestConversion[];
}

export function journeyChange(before: JourneyDigest | null, after: JourneyDigest | null): JourneyChange {
  const knownEntries = new Set(before?.stages.map((s) => `${s.stage}\n${s.time}`));
  const knownConversions = new Set(before?.conversions.map((c) => c.id));
  return {
    previousStage: before?.currentStage ?? null,
    currentStage: after?.currentStage ?? null,
    stagesEntered: (after?.stages ?? []).filter((s) => !knownEntries.has(`${s.stage}\n${s.time}`)),
    conversions: (after?.conversions ?? []).filter((c) => !knownConversions.has(c.id)),
  };
}
