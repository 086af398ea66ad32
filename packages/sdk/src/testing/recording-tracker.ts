import type { Properties } from "@touchpoint/protocol/types";
import type { CoreTracker } from "../types.js";

/** A tracker that only records what it was asked to track, with the URL at that moment. */
export function recordingTracker() {
  const calls: { method: "track" | "page"; name?: string; properties?: Properties; url: string }[] = [];
  const tracker: CoreTracker = {
    track: (name, properties) => void calls.push({ method: "track", name, properties, url: location.href }),
    page: () => void calls.push({ method: "page", url: location.href }),
    identify() {},
    reset() {},
    flush: () => Promise.resolve(),
    consent() {},
    register() {},
    getAnonymousId: () => "anon",
    user: () => ({ anonymousId: "anon", customerId: null }),
    ready: (callback) => callback(tracker),
  };
  return { tracker, calls };
}
