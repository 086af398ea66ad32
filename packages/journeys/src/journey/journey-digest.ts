/**
 * The part of a journey that the reports read (funnel, attribution, moments of truth, the
 * customer list), small enough for a store to keep one per person and stream a million events'
 * worth in a second. Times are epoch milliseconds, as in a Journey. Every accumulator reads
 * JourneyDigests.
 */
import type { Properties } from "@touchpoint/protocol";
import type { EventKind, Journey, JourneyEvent, JourneyTouchpoint } from "../types.js";
import { numericValue } from "./numeric-value.js";

/**
 * Bump when a change to the engine (channels, sessions, stages, digests, journeyJson) makes the
 * same events give a different journey: stores that keep digests rebuild those made by another
 * version, and the collector's journey ETags, which name it, change.
 */
export const JOURNEY_ENGINE_VERSION = 2;

export interface DigestStage {
  stage: string;
  /** Epoch ms of the first touchpoint of the stage. */
  time: number;
}

/** A touchpoint as reports see it: what it was, where it stood, and the two fields a report reads from its payload. */
export interface DigestTouchpoint {
  /** "page" or "touchpoint" (an identify is never a touchpoint). */
  type: EventKind;
  name: string;
  stage: string | null;
  channel: string;
  /** Epoch ms. */
  time: number;
  /** properties.value, when it is a finite number or a numeric string (a conversion's worth). */
  value?: number;
  /** The utm_campaign of the touchpoint's session (from its landing, as the channel), when not empty. */
  campaign?: string;
}

export interface DigestConversion {
  id: string;
  name: string;
  /** Epoch ms. */
  time: number;
  value: number;
}

/** What the funnel and the customer list read. */
export interface JourneySummary {
  customerId: string | null;
  /** The visitor's anonymous id when no customer is known (their person key is `a:` it); null for a customer. */
  anonymousId: string | null;
  traits: Properties;
  currentStage: string | null;
  /** In the stage model's order; only stages actually entered. */
  stages: DigestStage[];
  /** Epoch ms of the journey's latest event, identify events included; null when empty. */
  lastSeenTime: number | null;
  /** The device types (desktop, mobile, tablet, ...) of the person's events, sorted; absent when unknown. */
  deviceTypes?: string[];
}

/** What every report reads: the summary, and for attribution and moments of truth the touchpoints (in time order) and conversions. */
export interface JourneyDigest extends JourneySummary {
  touchpoints: DigestTouchpoint[];
  conversions: DigestConversion[];
}

function digestTouchpoint(touchpoint: JourneyTouchpoint, campaignOf: ReadonlyMap<string, string>): DigestTouchpoint {
  const digest: DigestTouchpoint = {
    type: touchpoint.type,
    name: touchpoint.name,
    stage: touchpoint.stage,
    channel: touchpoint.channel,
    time: touchpoint.timestamp,
  };
  const value = numericValue(touchpoint.properties.value);
  if (value !== undefined) digest.value = value;
  const campaign = campaignOf.get(touchpoint.sessionId);
  if (campaign !== undefined) digest.campaign = campaign;
  return digest;
}

/** `events`, the ones the journey was built from, give the device types (a journey keeps no device). */
export function digestJourney(journey: Journey, events: readonly JourneyEvent[] = []): JourneyDigest {
  // A touch's campaign is its session's, as its channel is: a banner click after a landing tagged
  // utm_campaign=spring belongs to spring even when the click itself carries no tags.
  const campaignOf = new Map<string, string>();
  for (const session of journey.sessions) {
    const campaign = session.utm?.campaign;
    if (typeof campaign === "string" && campaign !== "") campaignOf.set(session.id, campaign);
  }
  return {
    customerId: journey.customerId,
    anonymousId: journey.customerId === null ? (journey.anonymousIds[0] ?? null) : null,
    traits: journey.traits,
    currentStage: journey.currentStage,
    stages: journey.stages.map((entry) => ({ stage: entry.stage, time: entry.enteredAt })),
    lastSeenTime: journey.lastSeen,
    deviceTypes: deviceTypesOf(events),
    touchpoints: journey.touchpoints.map((touchpoint) => digestTouchpoint(touchpoint, campaignOf)),
    conversions: journey.conversions.map(({ id, name, timestamp, value }) => ({ id, name, time: timestamp, value })),
  };
}

function deviceTypesOf(events: readonly JourneyEvent[]): string[] {
  const types = new Set<string>();
  for (const event of events) if (event.device !== null) types.add(event.device.type);
  return [...types].sort();
}
