/**
 * Where a person came from: their first touch, the earliest page view or touchpoint that is not
 * one of their conversions (conversion events are never touches, ATTRIBUTION.md). Customer value
 * groups customers by it, and the funnel people.
 */
import { NO_TOUCH_KEY, touchKey } from "../attribution/touch-key.js";
import type { DigestTouchpoint, JourneyDigest } from "../journey/journey-digest.js";

export function firstTouch(journey: Readonly<Pick<JourneyDigest, "touchpoints" | "conversions">>): DigestTouchpoint | undefined {
  const conversionNames = new Set(journey.conversions.map((conversion) => conversion.name));
  return journey.touchpoints.find((touch) => (touch.type === "page" || touch.type === "touchpoint") && !conversionNames.has(touch.name));
}

/** The channel or campaign (`(not set)` without utm_campaign) of the first touch; `(none)` without one. */
export function firstTouchKey(
  journey: Readonly<Pick<JourneyDigest, "touchpoints" | "conversions">>,
  groupBy: "channel" | "campaign",
): string {
  const touch = firstTouch(journey);
  return touch ? touchKey(touch, groupBy) : NO_TOUCH_KEY;
}
