import type { AttributionTouchpoint } from "./attribution-journey.js";
import type { AttributionGroupBy } from "./options.js";

/** Key of a touch whose groupBy field is empty: a touch outside any stage, or without utm_campaign. */
export const NOT_SET_KEY = "(not set)";
/** Key that takes the credit of a conversion with no touch in its window. */
export const NO_TOUCH_KEY = "(none)";
/** Markov's state for the least-visited labels when there are more than it solves exactly (see markov.ts). */
export const OTHER_KEY = "(other)";
export const DIRECT_CHANNEL = "direct";

/**
 * The key a touch is credited under:
 * - `touchpoint`: the event name (a page view's name, `page_view` unless the page was named);
 * - `channel`: the channel of the touch's session;
 * - `stage`: the stage the model places the touch in;
 * - `campaign`: the session's utm_campaign.
 * A missing stage or campaign is the key `(not set)`, so those touches stay visible and can be
 * dropped on purpose with `remove_if_not_all:(not set)`.
 */
export function touchKey(touch: AttributionTouchpoint, groupBy: AttributionGroupBy): string {
  switch (groupBy) {
    case "touchpoint":
      return touch.name;
    case "channel":
      return touch.channel;
    case "stage":
      return touch.stage ?? NOT_SET_KEY;
    case "campaign":
      return touch.campaign || NOT_SET_KEY;
  }
}
