import { TOUCHPOINT_NAMES } from "@touchpoint/protocol/names";
import type { CoreTracker, Tracker } from "./types.js";

/** Adds the journey's one-liners (bannerClick, catalogView, reviewRead, chatbotQuestion, purchase) to a tracker. */
export function withTouchpoints(tracker: CoreTracker): Tracker {
  for (const [method, name] of Object.entries(TOUCHPOINT_NAMES)) {
    (tracker as unknown as Record<string, unknown>)[method] = (properties?: Properties) => tracker.track(name, properties);
  }
  return tracker as Tracker;
}

type Properties = Parameters<CoreTracker["track"]>[1];
