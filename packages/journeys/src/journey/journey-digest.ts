/**
 * The part of a journey that the reports read (funnel, attribution, moments of truth, the
 * customer list), small enough for a store to keep one per person and stream a million events'
 * worth in a second. A JourneyDigest is itself a valid input of every accumulator, and a full
 * Journey is a valid JourneyDigest, so reports give the same answer from either.
 */
import type { Properties } from "@touchpoint/protocol";
import type { AttributionJourney } from "../attribution/attribution-journey.js";
import type { Conversion, Journey, JourneyTouchpoint, StageEntry } from "../types.js";

/** A touchpoint as reports see it: what it was, where it stood, and the two fields a report reads from its payload. */
export interface DigestTouchpoint extends Pick<JourneyTouchpoint, "type" | "name" | "stage" | "channel" | "timestamp"> {
  /** Only `value`, when the touchpoint carried a finite number (a conversion's worth). */
  properties: { value?: number };
  /** Only utm.campaign, when the session had one. */
  context: { utm?: { campaign: string } };
}

/**
 * Bump when a change to the engine (channels, sessions, stages, digests) makes the same events
 * give a different journey: stores that keep digests rebuild those made by another version.
 */
export const JOURNEY_ENGINE_VERSION = 1;

/** What the funnel and the customer list read. */
export interface JourneySummary {
  customerId: string | null;
  traits: Properties;
  currentStage: string | null;
  stages: StageEntry[];
  /** ISO-8601: the journey's latest event, identify events included; null when empty. */
  lastSeen: string | null;
}

/** What every report reads: the summary, and for attribution and moments of truth the touchpoints and conversions. */
export interface JourneyDigest extends JourneySummary, AttributionJourney {
  stages: StageEntry[];
  touchpoints: DigestTouchpoint[];
  conversions: Pick<Conversion, "id" | "name" | "timestamp" | "value">[];
}

function digestTouchpoint(touchpoint: JourneyTouchpoint): DigestTouchpoint {
  const value = touchpoint.properties["value"];
  const campaign = touchpoint.context.utm?.campaign;
  return {
    type: touchpoint.type,
    name: touchpoint.name,
    stage: touchpoint.stage,
    channel: touchpoint.channel,
    timestamp: touchpoint.timestamp,
    properties: typeof value === "number" && Number.isFinite(value) ? { value } : {},
    context: typeof campaign === "string" && campaign !== "" ? { utm: { campaign } } : {},
  };
}

export function digestJourney(journey: Journey): JourneyDigest {
  return {
    customerId: journey.customerId,
    traits: journey.traits,
    currentStage: journey.currentStage,
    stages: journey.stages,
    touchpoints: journey.touchpoints.map(digestTouchpoint),
    conversions: journey.conversions.map(({ id, name, timestamp, value }) => ({ id, name, timestamp, value })),
    lastSeen: journey.lastSeen,
  };
}
