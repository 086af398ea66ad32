import type { DeviceInfo } from "@touchpoint/journeys";
import type { ValidEvent } from "@touchpoint/protocol";
import type { EventRow } from "../store/store.js";
import { clampTime, type TimeBounds } from "./browser-time-bounds.js";

/**
 * A validated event as a row. `skewMs` is added to its timestamp (receivedAt - sentAt for
 * browsers, 0 for server-side sources), and the result moved into `timeBounds` when given (browser
 * events posted with the write key). `userAgent` is the event's own (context.userAgent) or else
 * the request's; `device` is what it says, null without one.
 */
export function toEventRow(
  event: ValidEvent,
  siteId: string,
  receivedAt: number,
  skewMs: number,
  userAgent: string | null,
  device: DeviceInfo | null,
  timeBounds: TimeBounds | null = null,
): EventRow {
  const anonymousId = event.anonymousId ?? null;
  const customerId = event.customerId ?? null;
  return {
    siteId,
    id: event.id,
    type: event.type,
    name: event.type === "identify" ? "identify" : event.name,
    anonymousId,
    customerId,
    // validateEvent guarantees one of the two ids.
    personKey: customerId !== null ? `c:${customerId}` : `a:${anonymousId}`,
    sessionId: event.sessionId ?? null,
    timestamp: clampTime(Date.parse(event.timestamp) + skewMs, timeBounds),
    receivedAt,
    properties: event.properties === undefined ? "{}" : JSON.stringify(event.properties),
    traits: event.type === "identify" && event.traits !== undefined ? JSON.stringify(event.traits) : null,
    context: event.context === undefined ? "{}" : JSON.stringify(event.context),
    userAgent,
    browser: device?.browser ?? null,
    os: device?.os ?? null,
    deviceType: device?.type ?? null,
  };
}
