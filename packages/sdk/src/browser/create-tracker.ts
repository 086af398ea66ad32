import { customerIdProblem } from "@touchpoint/protocol/customer-id";
import { DEFAULT_LIMITS } from "@touchpoint/protocol/limits";
import { EVENT_NAME_RULE, snakeCaseName } from "@touchpoint/protocol/names";
import { readProperties } from "@touchpoint/protocol/properties";
import type { FieldError, Properties, TrackEvent } from "@touchpoint/protocol/types";
import { iso, now } from "../core/clock.js";
import { guard } from "../core/guard.js";
import { createQueue } from "../core/queue.js";
import { ANONYMOUS_KEY, CONSENT_KEY, CUSTOMER_KEY, SESSION_KEY, TAB_KEY } from "../core/settings.js";
import { uuidv7 } from "../core/uuid.js";
import { adoptDefault } from "../default-tracker.js";
import type { Consent, CoreTracker, TrackerError, TrackerOptions } from "../types.js";
import { pageContext } from "./context.js";
import { watchLifecycle } from "./lifecycle.js";
import { privacySignal } from "./privacy.js";
import { touchSession } from "./session.js";
import { browserStore } from "./storage.js";
import { beaconBatch, postBatch } from "./transport.js";

/** A tracker that can report a call of a method it does not have (the script tag's global, the snippet's replay). */
export type Misusable = CoreTracker & { misuse(method: string): void };

/** Why a customer id would be refused by the collector (the same rules, from the protocol), "" when it is fine. */
const customerIdRule = (id: unknown): string =>
  typeof id !== "string"
    ? "must be a string or a number"
    : (customerIdProblem(id) ??
      (id.length > DEFAULT_LIMITS.maxIdLength || /[\u0000-\u001f\u007f]/.test(id)
        ? "must be at most 64 characters, no control characters"
        : ""));

/**
 * A tracker: identity, sessions, consent and reliable delivery. The journey's one-liners, page
 * views and data attributes are separate (`withTouchpoints`, `trackPageviews`, `autocapture`, or
 * `init` for all of it) so bundlers can leave out what a site does not use.
 *
 * Nothing here throws into the page: every method checks what it is given as the collector would
 * (names, properties, customer ids, consent values), drops what would be refused, and reports it
 * through `onError` and, once per kind, console.warn.
 */
export function createTracker(options: TrackerOptions): CoreTracker {
  const warned: Record<string, 1> = {};
  const report = (error: TrackerError) => {
    guard(() => options.onError?.(error));
    const kind = error.type + ((error as { call?: string }).call ?? "");
    if (options.debug || !warned[kind]) guard(() => console.warn("touchpoint:", error));
    warned[kind] = 1;
  };
  const invalid = (call: string, errors: FieldError[]) => errors.length && report({ type: "invalid", call, errors });
  /** Properties as the protocol takes them; what breaks a rule is left out and reported. */
  const clean = (call: string, properties: unknown, path = "properties") => {
    if (properties == null) return undefined;
    const errors: FieldError[] = [];
    const out = readProperties(properties, DEFAULT_LIMITS, errors, path);
    invalid(call, errors);
    return out;
  };

  // The decision itself is kept even without consent: it is what the visitor asked for.
  const store = browserStore((key) => key === CONSENT_KEY || state === "granted", options.cookieless);
  const decided = store.read(CONSENT_KEY);
  let state: Consent =
    decided === "granted"
      ? decided
      : decided || (options.honorPrivacySignals !== false && privacySignal())
        ? "denied"
        : (options.consent ?? "granted");
  // A customer id that the collector refuses (stored by an older version) would lose every event.
  if (customerIdRule(store.read(CUSTOMER_KEY) ?? "x")) store.erase(CUSTOMER_KEY);
  let registered: Properties | undefined;
  if (!options.writeKey) invalid("init", [{ path: "writeKey", message: "is required (tp_pub_...)" }]);

  const url = `${String(options.endpoint).replace(/\/+$/, "")}/v1/batch`;
  const tab = uuidv7(now());
  const previous = guard(() => sessionStorage.getItem(TAB_KEY));
  // This page is the tab's current one, also again after a back-forward cache restore: the next page adopts its queue.
  const current = () => guard(() => sessionStorage.setItem(TAB_KEY, tab));
  current();
  addEventListener("pageshow", current);
  const queue = createQueue({
    ...options,
    store,
    tab,
    previous,
    consentState: () => state,
    post: postBatch(url),
    beacon: beaconBatch(url),
    report,
  });

  const anonymousId = () => {
    let id = store.read(ANONYMOUS_KEY);
    // UUIDv7, made on first use; reset() and opt-out forget it.
    if (!id) store.write(ANONYMOUS_KEY, (id = uuidv7(now())));
    return id;
  };
  const emit = (type: TrackEvent["type"], fields: Partial<TrackEvent>) => {
    if (state === "denied") return;
    const ms = now();
    const session = touchSession(store, ms, location.search);
    queue.admit({
      id: uuidv7(ms),
      type,
      anonymousId: anonymousId(),
      customerId: store.read(CUSTOMER_KEY) ?? undefined,
      sessionId: session.id,
      timestamp: iso(ms),
      ...fields,
      context: { ...pageContext(options.stripQuery), utm: session.utm, clickId: session.clickId },
    } as TrackEvent);
  };
  const withRegistered = (properties?: Properties) => (registered ? { ...registered, ...properties } : properties);

  const tracker: CoreTracker = {
    track(name, properties) {
      const snake = snakeCaseName(name);
      if (!snake || snake.length > DEFAULT_LIMITS.maxNameLength) return void invalid("track", [{ path: "name", message: EVENT_NAME_RULE }]);
      emit("touchpoint", { name, properties: withRegistered(clean("track", properties)) });
    },
    page(name, properties) {
      if (typeof name !== "string") [name, properties] = [undefined, name];
      const cleaned = clean("page", properties);
      emit("page", { properties: withRegistered(name ? { ...cleaned, name } : cleaned) });
    },
    identify(id, traits) {
      const customerId = typeof id === "number" && isFinite(id) ? String(id) : id;
      const problem = customerIdRule(customerId);
      if (problem) return void invalid("identify", [{ path: "customerId", message: problem }]);
      store.write(CUSTOMER_KEY, customerId as string);
      emit("identify", { customerId: customerId as string, traits: clean("identify", traits, "traits") });
    },
    register(properties) {
      registered = { ...registered, ...clean("register", properties) };
    },
    getAnonymousId: anonymousId,
    user: () => ({ anonymousId: anonymousId(), customerId: store.read(CUSTOMER_KEY) }),
    ready(callback) {
      guard(() => callback(tracker));
    },
    // Logout: a new anonymous id and session, so a shared device does not merge two people.
    reset() {
      store.erase(ANONYMOUS_KEY);
      store.erase(CUSTOMER_KEY);
      store.erase(SESSION_KEY);
    },
    flush: queue.drain,
    consent(next) {
      if (!["granted", "pending", "denied"].includes(next)) {
        return void invalid("consent", [{ path: "state", message: 'must be "granted", "pending" or "denied"' }]);
      }
      state = next;
      if (next === "denied") tracker.reset();
      // A decision is remembered, also a "granted" under Global Privacy Control or Do Not Track.
      if (next === "pending") store.erase(CONSENT_KEY);
      else store.write(CONSENT_KEY, next);
      if (next === "granted") store.sync();
      queue.decide(next);
    },
  };
  // Nothing the tracker does may throw into the page: a method that fails anyway reports it.
  (tracker as Misusable).misuse = (method) => invalid(method, [{ path: "", message: "is not a touchpoint method" }]);
  for (const [method, fn] of Object.entries(tracker)) {
    (tracker as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      try {
        return (fn as (...args: unknown[]) => unknown)(...args);
      } catch (error) {
        invalid(method, [{ path: "", message: String(error) }]);
      }
    };
  }
  watchLifecycle(queue);
  adoptDefault(tracker);
  return tracker;
}
