/**
 * The script-tag build (dist/touchpoint.js): reads its settings from the tag's data attributes,
 * replays what the snippet's stub queued, tracks page views and data attributes, and becomes the
 * global `touchpoint`.
 *
 *   <script async src="https://COLLECTOR/sdk/touchpoint.js" data-write-key="..."
 *     data-endpoint="https://COLLECTOR"></script>
 * Optional: data-consent="pending", data-cookieless, data-debug.
 */
import { autocapture } from "./browser/autocapture.js";
import { createTracker } from "./browser/create-tracker.js";
import { trackPageviews } from "./browser/pageviews.js";
import { replay, type QueuedCall } from "./replay.js";
import { withTouchpoints } from "./touchpoints.js";
import type { Consent } from "./types.js";

const global = window as unknown as { touchpoint?: { q?: QueuedCall[] } };
const stub = global.touchpoint;

// A second copy of the script finds the tracker in place and leaves it alone.
if (!stub || stub.q) {
  const script = (document.currentScript ?? document.querySelector('script[src$="/sdk/touchpoint.js"]')) as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const tracker = withTouchpoints(
    createTracker({
      writeKey: data.writeKey!,
      endpoint: data.endpoint ?? new URL(script!.src).origin,
      consent: data.consent as Consent | undefined,
      cookieless: "cookieless" in data,
      onError: "debug" in data ? (error) => console.warn("touchpoint:", error) : undefined,
    }),
  );
  // Calls made before the script loaded come first, with their own times, then the first page view.
  replay(tracker, stub?.q ?? []);
  trackPageviews(tracker);
  autocapture(tracker);
  global.touchpoint = tracker as never;
}
