import type { DigestTouchpoint, JourneyDigest } from "../journey/journey-digest.js";

/** The part of a journey that attribution reads: touchpoints in time order, stage entries, conversions. */
export type AttributionTouchpoint = DigestTouchpoint;

export type AttributionJourney = Readonly<Pick<JourneyDigest, "touchpoints" | "stages" | "conversions">>;
