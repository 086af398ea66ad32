import { TOUCHPOINT_NAMES } from "@touchpoint/protocol/names";
import { autocapture } from "./browser/autocapture.js";
import { createTracker } from "./browser/create-tracker.js";
import { trackPageviews } from "./browser/pageviews.js";
import { defaultTracker } from "./default-tracker.js";
import { withTouchpoints } from "./touchpoints.js";
import type { CoreTracker, InitOptions, Tracker } from "./types.js";

export { autocapture, createTracker, trackPageviews, withTouchpoints };
export { snippet } from "./snippet.js";
export type * from "./types.js";

let initialized: Tracker | undefined;

/**
 * Everything the script tag does: a tracker with the one-liners, page views and data-attribute
 * capture (each of the last two can be turned off). Calling it again returns the same tracker.
 */
export function init(options: InitOptions): Tracker {
  if (initialized) return initialized;
  const tracker = (initialized = withTouchpoints(createTracker(options)));
  if (options.pageviews !== false) trackPageviews(tracker);
  if (options.autocapture !== false) autocapture(tracker);
  return tracker;
}

/*
 * The default tracker's methods as functions: the first tracker created (by `init` or
 * `createTracker`) is the default. Calls made before it exists do nothing.
 */
export const track: CoreTracker["track"] = (name, properties) => defaultTracker?.track(name, properties);
export const page: CoreTracker["page"] = (name, properties) => defaultTracker?.page(name, properties);
export const identify: CoreTracker["identify"] = (customerId, traits) => defaultTracker?.identify(customerId, traits);
export const reset: CoreTracker["reset"] = () => defaultTracker?.reset();
export const consent: CoreTracker["consent"] = (state) => defaultTracker?.consent(state);
export const flush = (): Promise<void> => defaultTracker?.flush() ?? Promise.resolve();
export const bannerClick: Tracker["bannerClick"] = (properties) => track(TOUCHPOINT_NAMES.bannerClick, properties);
export const catalogView: Tracker["catalogView"] = (properties) => track(TOUCHPOINT_NAMES.catalogView, properties);
export const reviewRead: Tracker["reviewRead"] = (properties) => track(TOUCHPOINT_NAMES.reviewRead, properties);
export const chatbotQuestion: Tracker["chatbotQuestion"] = (properties) => track(TOUCHPOINT_NAMES.chatbotQuestion, properties);
export const purchase: Tracker["purchase"] = (properties) => track(TOUCHPOINT_NAMES.purchase, properties);
