import type { Conversion, JourneyTouchpoint, StageEntry } from "../types.js";

/**
 * The part of a Journey that attribution reads, so the engine's Journey can grow without
 * touching the models: touchpoints in time order (ISO timestamps), stage entries, conversions.
 */
export type AttributionTouchpoint = Pick<JourneyTouchpoint, "type" | "name" | "stage" | "channel" | "timestamp" | "properties"> & {
  context: { utm?: { campaign?: string | undefined } | undefined };
};

export interface AttributionJourney {
  touchpoints: readonly AttributionTouchpoint[];
  stages: readonly Pick<StageEntry, "stage" | "enteredAt">[];
  conversions: readonly Pick<Conversion, "id" | "name" | "timestamp" | "value">[];
}
