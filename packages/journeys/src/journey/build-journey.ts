/**
 * One person's journey from their events, in any order: sorted once by time (ties by id), cut
 * into sessions, every touchpoint placed in a stage and given its session's channel. Identify
 * events are not touchpoints; they bring the person's anonymous ids and traits. One pass after
 * the sort, so a journey of thousands of events costs well under a millisecond.
 */
import { mergeTraits } from "../identity/merge-traits.js";
import { numericValue } from "./numeric-value.js";
import { sortEvents } from "../order.js";
import { groupSessions } from "../sessions/group-sessions.js";
import type { StageModel } from "../stages/stage-model.js";
import { compileStageModel, stageOf } from "../stages/stage-of.js";
import { stageProgress } from "../stages/stage-progress.js";
import type { Conversion, Journey, JourneyEvent, JourneyTouchpoint, Session } from "../types.js";

export interface BuildJourneyInput {
  /** null for an anonymous visitor's journey. */
  customerId: string | null;
  /** Every event of the person (the store selects them by person key), in any order. */
  events: readonly JourneyEvent[];
  model: StageModel;
  /** The site's own host: a referrer from it is navigation inside the site, not a source. */
  siteHost?: string | null;
}

export function buildJourney(input: BuildJourneyInput): Journey {
  const { model } = input;
  const conversionNames = compileStageModel(model).conversions;
  const events = sortEvents(input.events);
  const { sessions, sessionOf, continued } = groupSessions(events, { siteHost: input.siteHost ?? null });
  const anonymousIds: string[] = [];
  const seenAnonymousIds = new Set<string>();
  const identifies: JourneyEvent[] = [];
  const touchpoints: JourneyTouchpoint[] = [];
  const staged: { stage: string | null; timestamp: number }[] = [];
  const conversions: Conversion[] = [];
  const occurrences = new Map<string, number>();
  const landed = new Uint8Array(sessions.length);
  let lifetimeValue = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as JourneyEvent;
    if (event.anonymousId !== null && !seenAnonymousIds.has(event.anonymousId)) {
      seenAnonymousIds.add(event.anonymousId);
      anonymousIds.push(event.anonymousId);
    }
    if (event.type === "identify") {
      identifies.push(event);
      continue;
    }
    const sessionIndex = sessionOf[i] as number;
    const session = sessions[sessionIndex] as Session;
    const landing = landed[sessionIndex] === 0 && !continued[sessionIndex];
    landed[sessionIndex] = 1;
    const occurrence = (occurrences.get(event.name) ?? 0) + 1;
    occurrences.set(event.name, occurrence);
    const stage = stageOf(event, model, { channel: session.channel, landing, occurrence });
    const { timestamp } = event;
    touchpoints.push({
      id: event.id,
      type: event.type,
      name: event.name,
      stage,
      channel: session.channel,
      timestamp,
      sessionId: session.id,
      properties: event.properties,
      context: event.context,
    });
    staged.push({ stage, timestamp });
    if (conversionNames.has(event.name)) {
      const value = numericValue(event.properties.value) ?? 0;
      const currency = event.properties.currency;
      conversions.push({ id: event.id, name: event.name, timestamp, value, currency: typeof currency === "string" ? currency : null });
      lifetimeValue += value;
    }
  }
  const progress = stageProgress(staged, model);
  const first = events[0];
  const last = events[events.length - 1];
  return {
    customerId: input.customerId,
    anonymousIds,
    traits: mergeTraits(identifies),
    currentStage: progress.currentStage,
    stages: progress.stages,
    sessions,
    touchpoints,
    conversions,
    lifetimeValue,
    firstSeen: first === undefined ? null : first.timestamp,
    lastSeen: last === undefined ? null : last.timestamp,
  };
}
