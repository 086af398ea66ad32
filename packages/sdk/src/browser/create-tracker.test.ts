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
      context: {
        url: "https://shop.example/",
        path: "/",
        referrer: "",
        title: "Shop",
        locale: "en-US",
        screen: { width: 1024, height: 768 },
      },
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

  it("cookieless: no cookie and no localStorage; one visitor per tab session (sessionStorage)", async () => {
    sessionStorage.clear();
    const tracker = createTracker({ ...options, cookieless: true });
    tracker.page();
    tracker.identify("cust-1");
    await tracker.flush();
    const nextPage = createTracker({ ...options, cookieless: true });
    nextPage.page();
    await nextPage.flush();
    expect(sent()).toHaveLength(3);
    expect([localStorage.length, document.cookie]).toEqual([0, ""]);
    expect(new Set(sent().map((e) => e.anonymousId)).size).toBe(1);
    expect(sessionStorage.getItem("tp_a")).toBe(sent()[0]?.anonymousId);
    sessionStorage.clear();
  });
});

describe("what a page may get wrong", () => {
  const reported = (onError: ReturnType<typeof vi.fn>) => onError.mock.calls.map(([error]) => error);

  it("takes Segment-style names as they are: the collector stores them as snake_case", async () => {
    const tracker = createTracker(options);
    tracker.track("Order Completed", {
      orderId: "o-1",
      value: "20",
      currency: "EUR",
      products: [{ sku: "boots-7", price: 20, quantity: 1 }],
    });
    await tracker.flush();
    expect(sent().map((e) => [e.type === "touchpoint" && e.name, e.properties])).toEqual([
      ["Order Completed", { orderId: "o-1", value: "20", currency: "EUR", products: [{ sku: "boots-7", price: 20, quantity: 1 }] }],
    ]);
    expect(createBatchValidator().validateEvent(sent()[0], 0, "browser")).toMatchObject({ ok: true, event: { name: "order_completed" } });
  });

  it("refuses a missing or impossible name, and says so once on the console", async () => {
    const onError = vi.fn();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const tracker = createTracker({ ...options, onError });
    (tracker.track as (name?: unknown) => void)();
    tracker.track("2 clicks!");
    await tracker.flush();
    expect(sent()).toEqual([]);
    const error = {
      type: "invalid",
      call: "track",
      errors: [
        { path: "name", message: 'must be snake_case or words of letters and digits such as "Order Completed", starting with a letter' },
      ],
    };
    expect(reported(onError)).toEqual([error, error]);
    expect(warn.mock.calls).toEqual([["touchpoint:", error]]);
  });

  it("drops properties the collector would refuse, sends the rest, and never throws", async () => {
    const onError = vi.fn();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tracker = createTracker({ ...options, onError });
    const circular: Record<string, unknown> = { ok: 1 };
    circular.self = circular;
    expect(() => tracker.track("banner_click", circular as never)).not.toThrow();
    expect(() =>
      tracker.track("banner_click", { n: 10n, f: () => 1, nan: Number.NaN, deep: { a: { b: 1 } }, kept: "yes" } as never),
    ).not.toThrow();
    await tracker.flush();
    expect(sent().map((e) => e.properties)).toEqual([
      { ok: 1, self: { ok: 1 } },
      { deep: {}, kept: "yes" },
    ]);
    const rule = "values must be a string, number, boolean or null, an object of those, or an array of at most 100 of either";
    expect(reported(onError).map((e) => e.errors)).toEqual([
      [{ path: "properties.self.self", message: rule }],
      [
        { path: "properties.n", message: rule },
        { path: "properties.f", message: rule },
        { path: "properties.nan", message: "numbers must be finite" },
        { path: "properties.deep.a", message: rule },
      ],
    ]);
  });

  it.each([undefined, null, 0, {}, "", " guest ", "undefined", "[object Object]", "x".repeat(65)])(
    "refuses identify(%j) and keeps the device's events flowing",
    async (id) => {
      const onError = vi.fn();
      vi.spyOn(console, "warn").mockImplementation(() => {});
      const tracker = createTracker({ ...options, onError });
      tracker.identify(id as never);
      tracker.track("banner_click");
      await tracker.flush();
      expect(sent().map((e) => [e.type, e.customerId])).toEqual([["touchpoint", undefined]]);
      expect(localStorage.getItem("tp_c")).toBeNull();
      expect(reported(onError)).toEqual([
        { type: "invalid", call: "identify", errors: [{ path: "customerId", message: expect.any(String) }] },
      ]);
    },
  );

  it("forgets a placeholder customer id stored by an earlier version", async () => {
    localStorage.setItem("tp_c", "undefined");
    const tracker = createTracker(options);
    tracker.track("banner_click");
    await tracker.flush();
    expect(sent()[0]?.customerId).toBeUndefined();
    expect(localStorage.getItem("tp_c")).toBeNull();
  });

  it("refuses consent values other than granted, pending and denied", async () => {
    const onError = vi.fn();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tracker = createTracker({ ...options, onError });
    tracker.consent("yes" as never);
    tracker.track("banner_click");
    await tracker.flush();
    expect(sent()).toHaveLength(1);
    expect(reported(onError)).toEqual([
      { type: "invalid", call: "consent", errors: [{ path: "state", message: 'must be "granted", "pending" or "denied"' }] },
    ]);
  });

  it("reports a missing write key at once and a refused one when the collector answers 401", async () => {
    const onError = vi.fn();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const tracker = createTracker({ ...options, writeKey: "", onError });
    network.collector.answers.push({ status: 401 });
    tracker.track("banner_click");
    await tracker.flush();
    expect(reported(onError)).toEqual([
      { type: "invalid", call: "init", errors: [{ path: "writeKey", message: "is required (tp_pub_...)" }] },
      { type: "dropped", status: 401, count: 1 },
    ]);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe("who and what else", () => {
  it("page(name) names the page view; register adds properties to every later event", async () => {
    const tracker = createTracker(options);
    tracker.page("Home", { section: "top" });
    tracker.register({ plan: "pro" });
    tracker.track("banner_click", { slot: 1 });
    tracker.page();
    await tracker.flush();
    expect(sent().map((e) => [e.type, e.properties])).toEqual([
      ["page", { section: "top", name: "Home" }],
      ["touchpoint", { plan: "pro", slot: 1 }],
      ["page", { plan: "pro" }],
    ]);
  });

  it("getAnonymousId, user and ready tell who this browser is", async () => {
    const tracker = createTracker(options);
    const anonymousId = tracker.getAnonymousId();
    expect(anonymousId).toMatch(UUID_V7);
    tracker.identify("cust-9");
    expect(tracker.user()).toEqual({ anonymousId, customerId: "cust-9" });
    const ready = vi.fn();
    tracker.ready(ready);
    expect(ready).toHaveBeenCalledWith(tracker);
    await tracker.flush();
    expect(sent()[0]?.anonymousId).toBe(anonymousId);
  });

  it("strips the query parameters named, or all but the campaign's, from the stored URLs", async () => {
    setUrl("https://shop.example/reset?token=secret&utm_source=mail&page=2");
    createTracker({ ...options, stripQuery: ["token"] }).page();
    createTracker({ ...options, stripQuery: [] }).page();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent().map((e) => e.context?.url)).toEqual([
      "https://shop.example/reset?utm_source=mail&page=2",
      "https://shop.example/reset?utm_source=mail",
    ]);
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
    expect([localStorage.getItem("tp_a"), localStorage.getItem("tp_o")]).toEqual([null, "denied"]);

    const nextPage = createTracker(options);
    nextPage.page();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(network.fetches).toEqual([]);

    nextPage.consent("granted");
    nextPage.page();
    await nextPage.flush();
    expect(sent().map((e) => e.type)).toEqual(["page"]);
    expect(localStorage.getItem("tp_o")).toBe("granted");
  });

  it("reads an opt-out stored by earlier versions as denied", async () => {
    localStorage.setItem("tp_o", "1");
    createTracker(options).page();
    await vi.advanceTimersByTimeAsync(5000);
    expect(network.fetches).toEqual([]);
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

  it("remembers consent granted under Global Privacy Control for the next page", async () => {
    const restore = override(navigator, "globalPrivacyControl", true);
    try {
      createTracker(options).consent("granted");
      const nextPage = createTracker(options);
      nextPage.page();
      await nextPage.flush();
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
    // The beaconed event stays queued until a fetch is answered: the collector keeps one copy.
    await vi.advanceTimersByTimeAsync(5000);
    expect(network.collector.deliveries.map((d) => d.via)).toEqual(["beacon", "fetch"]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith("tp_q_"))).toEqual([]);
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
    await vi.advanceTimersByTimeAsync(1000);
    expect(Object.keys(localStorage).filter((key) => key.startsWith("tp_q_"))).toEqual([]);

    tracker.track("review_read");
    window.dispatchEvent(new Event("pagehide"));
    expect(network.collector.deliveries.map((d) => d.via)).toEqual(["fetch", "fetch", "beacon"]);
  });

  it("names this page the tab's current one again when the back-forward cache restores it", () => {
    createTracker(options);
    const tab = sessionStorage.getItem("tp_t");
    // The next page in the tab took over, then the visitor came back.
    sessionStorage.setItem("tp_t", "next-page");
    window.dispatchEvent(Object.assign(new Event("pageshow"), { persisted: true }));
    expect(sessionStorage.getItem("tp_t")).toBe(tab);
  });

  it("falls back to a keepalive fetch when the browser refuses the beacon, keeping the events queued", () => {
    const tracker = createTracker(options);
    network.collector.refuseBeacons();
    tracker.track("banner_click");
    window.dispatchEvent(new Event("pagehide"));
    expect(network.fetches.map((f) => f.init.keepalive)).toEqual([true]);
    // (Trackers of earlier tests in this window also write their queues on pagehide.)
    const queued = Object.keys(localStorage)
      .filter((key) => key.startsWith("tp_q_"))
      .flatMap((key) => (JSON.parse(localStorage.getItem(key)!) as { e: TrackEvent[] }).e.map((e) => e.type === "touchpoint" && e.name));
    expect(queued).toContain("banner_click");
  });
});
