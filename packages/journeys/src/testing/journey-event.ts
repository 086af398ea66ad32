/** Test data: JourneyEvents with the defaults a stored event has, and readable times. */
import type { JourneyEvent } from "../types.js";

/** Monday 2 March 2026, 09:00 UTC. */
export const T0 = Date.parse("2026-03-02T09:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function at(offsetMs: number): number {
  return T0 + offsetMs;
}

export function iso(offsetMs: number): string {
  return new Date(T0 + offsetMs).toISOString();
}

export function journeyEvent(fields: Partial<JourneyEvent> & Pick<JourneyEvent, "id" | "timestamp">): JourneyEvent {
  const type = fields.type ?? "touchpoint";
  return {
    type,
    name: type === "identify" ? "identify" : type === "page" ? "page_view" : "custom",
    anonymousId: null,
    customerId: null,
    sessionId: null,
    properties: {},
    traits: null,
    context: {},
    device: null,
    ...fields,
  };
}
