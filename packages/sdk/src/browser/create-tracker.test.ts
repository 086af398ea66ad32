import { createBatchValidator } from "@touchpoint/protocol";
import type { TrackEvent } from "@touchpoint/protocol/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearDeviceStorage, override, setUrl, stubNetwork } from "../testing/browser.js";
import type { TrackerOptions } from "../types.js";
import { createTracker } from "./create-tracker.js";

const START = Date.UTC(2026, 5, 1, 9, 0, 0);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/;
const options: TrackerOptions = { writeKey: "tp_pub_test", endpoint: "https://collector.example/" };

let network: ReturnType<typeof stubNetwork>;
const sent = (): TrackEvent[] => network.collector.deliveries.flatMap((d) => d.envelope.events);

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  clearDeviceStorage();
  setUrl("https://shop.example/");
  document.title = "Shop";
  network = stubNetwork();
});
afterEach(() => {
  vi.useRealTimers();
  clearDeviceStorage();
});

describe("createTracker", () => {
  it("posts text/plain batches the collector's own validator accepts", async () => {
    const tracker = createTracker(options);
    tracker.page();
    tracker.track("banner_click", { campaign: "winter", position: 1 });
    tracker.identify("cust-42", { plan: "pro" });
    await tracker.flush();

    expect(network.fetches.map((f) => [f.url, f.init.method, typeof f.init.body])).toEqual([
      ["https://collector.example/v1/batch", "POST", "string"],
    ]);
    const [delivery] = network.collector.deliveries;
    const validator = createBatchValidator();
    expect(validator.parseEnvelope(delivery!.envelope).ok).toBe(true);
    expect(delivery!.envelope.events.map((e, i) => validator.validateEvent(e, i, "browser").ok)).toEqual([true, true, true]);

    const [page, touchpoint, identify] = sent();
    expect(page).toEqual({
      id: expect.stringMatching(UUID_V7),
      type: "page",
      anonymousId: expect.stringMatching(UUID_V7),
      sessionId: expect.stringMatching(UUID_V7),
      timestamp: "2026-06-01T09:00:00.000Z",
      context: { url: "https://shop.example/", path: "/", referrer: "", title: "Shop", locale: "en-US", screen: { width: 1024, height: 768 } },
    });
    expect(touchpoint).toMatchObject({ type: "touchpoint", name: "banner_click", properties: { campaign: "winter", position: 1 } });
    expect(identify).toMatchObject({ type: "identify", customerId: "cust-42", traits: { plan: "pro" } });
    expect(new Set(sent().map((e) => e.anonymousId)).size).toBe(1);
    expect(new Set(sent().map((e) => e.id)).size).toBe(3);
  });

  it("sends the session's campaign on every event of the session", async () => {
    setUrl("https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=winter&gclid=G-1");
    const tracker = createTracker(options);
    tracker.page();
    history.pushState({}, "", "/product/7");
    vi.setSystemTime(START + 60_000);
    tracker.track("catalog_view");
    await tracker.flush();
    const campaign = { utm: { source: "google", medium: "cpc", campaign: "winter" }, clickId: { gclid: "G-1" } };
    expect(sent().map((e) => ({ path: e.context?.path, utm: e.context?.utm, clickId: e.context?.clickId }))).toEqual([
      { path: "/", ...campaign },
      { path: "/product/7", ...campaign },
    ]);
    expect(sent()[0]?.sessionId).toBe(sent()[1]?.sessionId);
  });

  it("identify links later events to the customer; reset starts a new anonymous id and session", async () => {
    const tracker = createTracker(options);
    tracker.track("banner_click");
    tracker.identify(42 as unknown as string);
    tracker.track("review_read");
    tracker.reset();
    tracker.track("banner_click");
    await tracker.flush();
    const [before, identify, after, stranger] = sent();
    expect([before?.customerId, identify?.customerId, after?.customerId, stranger?.customerId]).toEqual([undefined, "42", "42", undefined]);
    expect(after?.anonymousId).toBe(before?.anonymousId);
    expect(stranger?.anonymousId).not.toBe(before?.anonymousId);
    expect(stranger?.sessionId).not.toBe(before?.sessionId);
  });

  it("keeps the anonymous id and session for the next page", async () => {
    const firstPage = createTracker(options);
    firstPage.page();
    await firstPage.flush();
    vi.setSystemTime(START + 5 * 60_000);
    const nextPage = createTracker(options);
    nextPage.page();
    await nextPage.flush();
    const [first, second] = sent();
    expect(second?.anonymousId).toBe(first?.anonymousId);
    expect(second?.sessionId).toBe(first?.sessionId);
  });

  it("still delivers when localStorage throws, keeping the ids in a cookie", async () => {
    const real = Object.getOwnPropertyDescriptor(globalThis, "localStorage")!;
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get: () => {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
    try {
      const tracker = createTracker(options);
      tracker.track("banner_click");
      await tracker.flush();
      expect(sent()).toHaveLength(1);
      expect(document.cookie).toContain(`tp_a=${sent()[0]?.anonymousId}`);
    } finally {
      Object.defineProperty(globalThis, "localStorage", real);
    }
  });

  it("cookieless: delivers without writing anything to the device", async () => {
    const tracker = createTracker({ ...options, cookieless: true });
    tracker.page();
    tracker.identify("cust-1");
    await tracker.flush();
    expect(sent()).toHaveLength(2);
    expect([localStorage.length, document.cookie]).toEqual([0, ""]);
  });
});

describe("consent", () => {
  it("pending: nothing is sent or stored; granted replays the events with their own timestamps", async () => {
    const tracker = createTracker({ ...options, consent: "pending" });
    tracker.page();
    vi.setSystemTime(START + 30_000);
    tracker.track("banner_click");
    await vi.advanceTimersByTimeAsync(10_000);
    expect([network.fetches.length, localStorage.length, document.cookie]).toEqual([0, 0, ""]);
    tracker.consent("granted");
    await tracker.flush();
    expect(sent().map((e) => [e.type, e.timestamp])).toEqual([
      ["page", "2026-06-01T09:00:00.000Z"],
      ["touchpoint", "2026-06-01T09:00:30.000Z"],
    ]);
    expect(localStorage.getItem("tp_a")).toBe(sent()[0]?.anonymousId);
  });

  it("denied: drops events, forgets the ids and remembers the opt-out on the next page", async () => {
    const tracker = createTracker(options);
    tracker.track("banner_click");
    tracker.consent("denied");
    tracker.track("review_read");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(network.fetches).toEqual([]);
    expect([localStorage.getItem("tp_a"), localStorage.getItem("tp_o")]).toEqual([null, "1"]);

    const nextPage = createTracker(options);
    nextPage.page();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(network.fetches).toEqual([]);

    nextPage.consent("granted");
    nextPage.page();
    await nextPage.flush();
    expect(sent().map((e) => e.type)).toEqual(["page"]);
    expect(localStorage.getItem("tp_o")).toBeNull();
  });

  it.each([
    ["Global Privacy Control", "globalPrivacyControl", true],
    ["Do Not Track", "doNotTrack", "1"],
  ])("honours %s unless told not to", async (_, property, value) => {
    const restore = override(navigator, property, value);
    try {
      createTracker(options).page();
      await vi.advanceTimersByTimeAsync(5000);
      expect(network.fetches).toEqual([]);
      const told = createTracker({ ...options, honorPrivacySignals: false });
      told.page();
      await told.flush();
      expect(sent()).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it("beforeSend scrubs or drops events before they are queued", async () => {
    const tracker = createTracker({
      ...options,
      beforeSend: (event) => (event.type === "page" ? null : { ...event, properties: { ...event.properties, email: "[redacted]" } }),
    });
    tracker.page();
    tracker.track("chatbot_question", { email: "ada@example.com" });
    await tracker.flush();
    expect(sent().map((e) => [e.type, e.properties])).toEqual([["touchpoint", { email: "[redacted]" }]]);
  });
});

describe("leaving the page", () => {
  it("beacons the queue when the page is hidden, and never listens to unload", async () => {
    const windowEvents = vi.spyOn(window, "addEventListener");
    const documentEvents = vi.spyOn(document, "addEventListener");
    const tracker = createTracker(options);
    tracker.track("banner_click");
    const restore = override(document, "hidden", true);
    document.dispatchEvent(new Event("visibilitychange"));
    restore();
    expect(network.beacons).toEqual(["https://collector.example/v1/batch"]);
    expect(network.collector.deliveries.map((d) => d.via)).toEqual(["beacon"]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(network.fetches).toEqual([]);
    const listened = [...windowEvents.mock.calls, ...documentEvents.mock.calls].map((call) => call[0]);
    expect(listened).toEqual(expect.arrayContaining(["pagehide", "visibilitychange", "online"]));
    expect(listened).not.toContain("unload");
    expect(listened).not.toContain("beforeunload");
  });

  it("beacons on pagehide, but keeps the queue while offline and retries when back online", async () => {
    const tracker = createTracker(options);
    network.collector.answers.push("network-error");
    tracker.track("banner_click");
    await vi.advanceTimersByTimeAsync(1000);
    const offline = override(navigator, "onLine", false);
    window.dispatchEvent(new Event("pagehide"));
    expect(network.beacons).toEqual([]);
    offline();
    window.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);
    expect(network.collector.deliveries.map((d) => d.via)).toEqual(["fetch", "fetch"]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith("tp_q_"))).toEqual([]);

    tracker.track("review_read");
    window.dispatchEvent(new Event("pagehide"));
    expect(network.collector.deliveries.map((d) => d.via)).toEqual(["fetch", "fetch", "beacon"]);
  });

  it("falls back to a keepalive fetch when the browser refuses the beacon, keeping the events queued", () => {
    const tracker = createTracker(options);
    network.collector.refuseBeacons();
    tracker.track("banner_click");
    window.dispatchEvent(new Event("pagehide"));
    expect(network.fetches.map((f) => f.init.keepalive)).toEqual([true]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith("tp_q_"))).toHaveLength(1);
  });
});
