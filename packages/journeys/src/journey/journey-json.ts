/**
 * A journey as the query API answers it: the engine's epoch milliseconds written as ISO-8601
 * strings, every other field as the engine made it (and in the same key order).
 */
import { isoTime } from "../iso-time.js";
import type { Conversion, Journey, JourneyTouchpoint, Session, StageEntry } from "../types.js";

export interface SessionJson extends Omit<Session, "startedAt" | "endedAt"> {
  /** ISO-8601: the session's first and last touchpoint. */
  startedAt: string;
  endedAt: string;
}

export interface JourneyTouchpointJson extends Omit<JourneyTouchpoint, "timestamp"> {
  /** ISO-8601 */
  timestamp: string;
}

export interface StageEntryJson extends Omit<StageEntry, "enteredAt"> {
  /** ISO-8601: the first time a touchpoint of this stage happened. */
  enteredAt: string;
}

export interface ConversionJson extends Omit<Conversion, "timestamp"> {
  /** ISO-8601 */
  timestamp: string;
}

export interface JourneyJson extends Omit<Journey, "stages" | "sessions" | "touchpoints" | "conversions" | "firstSeen" | "lastSeen"> {
  stages: StageEntryJson[];
  sessions: SessionJson[];
  touchpoints: JourneyTouchpointJson[];
  conversions: ConversionJson[];
  /** ISO-8601: the journey's earliest and latest event, identify events included; null when empty. */
  firstSeen: string | null;
  lastSeen: string | null;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : isoTime(ms));

export function journeyJson(journey: Journey): JourneyJson {
  return {
    ...journey,
    stages: journey.stages.map((entry) => ({ ...entry, enteredAt: isoTime(entry.enteredAt) })),
    sessions: journey.sessions.map((session) => ({ ...session, startedAt: isoTime(session.startedAt), endedAt: isoTime(session.endedAt) })),
    touchpoints: journey.touchpoints.map((touchpoint) => ({ ...touchpoint, timestamp: isoTime(touchpoint.timestamp) })),
    conversions: journey.conversions.map((conversion) => ({ ...conversion, timestamp: isoTime(conversion.timestamp) })),
    firstSeen: isoOrNull(journey.firstSeen),
    lastSeen: isoOrNull(journey.lastSeen),
  };
}
