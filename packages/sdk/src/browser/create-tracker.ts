import type { Properties, TrackEvent } from "@touchpoint/protocol/types";
import { iso, now } from "../core/clock.js";
import { createQueue } from "../core/queue.js";
import { ANONYMOUS_KEY, CUSTOMER_KEY, OPT_OUT_KEY, SESSION_KEY } from "../core/settings.js";
import { uuidv7 } from "../core/uuid.js";
import { adoptDefault } from "../default-tracker.js";
import type { Consent, CoreTracker, TrackerOptions } from "../types.js";
import { pageContext } from "./context.js";
import { watchLifecycle } from "./lifecycle.js";
import { privacySignal } from "./privacy.js";
import { touchSession } from "./session.js";
import { browserStore } from "./storage.js";
import { beaconBatch, postBatch } from "./transport.js";

/**
 * A tracker: identity, sessions, consent and reliable delivery. The journey's one-liners, page
 * views and data attributes are separate (`withTouchpoints`, `trackPageviews`, `autocapture`, or
 * `init` for all of it) so bundlers can leave out what a site does not use.
 */
export function createTracker(options: TrackerOptions): CoreTracker {
  // The opt-out itself is kept even though consent is denied: it is what the visitor asked for.
  const store = browserStore((key) => key === OPT_OUT_KEY || state === "granted", options.cookieless);
  let state: Consent =
    store.read(OPT_OUT_KEY) || (options.honorPrivacySignals !== false && privacySignal()) ? "denied" : (options.consent ?? "granted");
  const url = options.endpoint.replace(/\/+$/, "") + "/v1/batch";
  const queue = createQueue({
    ...options,
    store,
    tab: uuidv7(now()),
    consentState: () => state,
    post: postBatch(url),
    beacon: beaconBatch(url),
  });

  const emit = (type: TrackEvent["type"], fields: Partial<TrackEvent>) => {
    if (state === "denied") return;
    const ms = now();
    const session = touchSession(store, ms, location.search);
    let anonymousId = store.read(ANONYMOUS_KEY);
    // UUIDv7, made on first use; reset() and opt-out forget it.
    if (!anonymousId) store.write(ANONYMOUS_KEY, (anonymousId = uuidv7(ms)));
    queue.admit({
      id: uuidv7(ms),
      type,
      anonymousId,
      customerId: store.read(CUSTOMER_KEY) ?? undefined,
      sessionId: session.id,
      timestamp: iso(ms),
      ...fields,
      context: { ...pageContext(), utm: session.utm, clickId: session.clickId },
    } as TrackEvent);
  };

  const tracker: CoreTracker = {
    track: (name: string, properties?: Properties) => emit("touchpoint", { name, properties }),
    page: (properties) => emit("page", { properties }),
    identify(id, traits) {
      const customerId = String(id);
      store.write(CUSTOMER_KEY, customerId);
      emit("identify", { customerId, traits });
    },
    // Logout: a new anonymous id and session, so a shared device does not merge two people.
    reset() {
      store.erase(ANONYMOUS_KEY);
      store.erase(CUSTOMER_KEY);
      store.erase(SESSION_KEY);
    },
    flush: queue.drain,
    consent(next) {
      state = next;
      if (next === "denied") {
        store.write(OPT_OUT_KEY, "1");
        tracker.reset();
      } else {
        store.erase(OPT_OUT_KEY);
        store.sync();
      }
      queue.decide(next);
    },
  };
  watchLifecycle(queue);
  adoptDefault(tracker);
  return tracker;
}
