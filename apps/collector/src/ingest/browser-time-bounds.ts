/**
 * Where a browser event's time may fall. A browser's timestamp is shifted by receivedAt - sentAt
 * (clock-skew correction), and both come from the page, which anyone can forge with the public
 * write key: without a bound, a sentAt 20 years ahead dates an identify 20 years back, and that
 * identify wins "first identify" over a victim's real one. An SDK sends an event within seconds,
 * or from its persistent retry queue when an offline visitor comes back, so a browser event is
 * placed no earlier than 31 days before its receipt and no later than a minute after it.
 * Server-side sources (secret key) import history and are never bounded.
 */

/** How far before its receipt a browser event may be dated. */
export const BROWSER_PAST_MS = 31 * 24 * 60 * 60 * 1000;
/** How far after its receipt a browser event may be dated (clocks a little ahead of ours). */
export const BROWSER_FUTURE_MS = 60 * 1000;

export interface TimeBounds {
  earliest: number;
  latest: number;
}

/** The bounds of a browser event received at `receivedAt` (ms since the epoch). */
export function browserTimeBounds(receivedAt: number): TimeBounds {
  return { earliest: receivedAt - BROWSER_PAST_MS, latest: receivedAt + BROWSER_FUTURE_MS };
}

/** `time` moved into the bounds, unchanged without any. */
export function clampTime(time: number, bounds: TimeBounds | null): number {
  if (bounds === null) return time;
  return Math.min(Math.max(time, bounds.earliest), bounds.latest);
}
