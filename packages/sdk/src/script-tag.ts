/**
 * The script-tag build (dist/touchpoint.js): reads its settings from the tag's data attributes,
 * replays what the snippet's stub queued, tracks page views and data attributes, and becomes the
 * global `touchpoint`.
 *
 *   <script async src="https://COLLECTOR/sdk/touchpoint.js" data-write-key="..."
 *     data-endpoint="https://COLLECTOR"></script>
 * Optional: data-consent="pending", data-cookieless, data-debug, data-strip-query="token,email".
 * Loaded by the snippet, the write key comes from the stub.
 */
import { autocapture } from "./browser/autocapture.js";
import { createTracker, type Misusable } from "./browser/create-tracker.js";
import { trackPageviews } from "./browser/pageviews.js";
import { replay, type QueuedCall } from "./replay.js";
import { withTouchpoints } from "./touchpoints.js";
import type { Consent, Tracker } from "./types.js";

/** The snippet's stub: the calls it queued and the write key. */
const global = window as unknown as { touchpoint?: { q?: QueuedCall[]; k?: string } };
const stub = global.touchpoint;

// A second copy of the script finds the tracker in place and leaves it alone.
if (!stub || "q" in stub) {
  const script = (document.currentScript ?? document.querySelector('script[src$="/sdk/touchpoint.js"]')) as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const strip = data.stripQuery;
  const tracker = withTouchpoints(
    createTracker({
      writeKey: (data.writeKey ?? stub?.k)!,
      // Else where the script came from: the collector, also under a path (https://site/tp/sdk/touchpoint.js).
      endpoint: data.endpoint ?? script!.src.replace(/\/sdk\/touchpoint\.js.*/, ""),
      consent: data.consent as Consent | undefined,
      cookieless: "cookieless" in data,
      debug: "debug" in data,
      stripQuery: strip == null ? undefined : strip.split(",").filter(Boolean),
    }),
  ) as Tracker & Misusable;
  // Calls made before the script loaded come first, with their own times, then the first page view.
  replay(tracker, stub?.q ?? []);
  trackPageviews(tracker);
  autocapture(tracker);
  // A method the tracker does not have is reported, as the stub's replay does, instead of throwing.
  global.touchpoint = new Proxy(tracker, {
    get: (target, method) =>
      (target as never)[method] ?? (typeof method === "string" && method !== "then" ? () => target.misuse(method) : undefined),
  }) as never;
}
