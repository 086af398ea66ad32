import type { TrackEvent } from "@touchpoint/protocol/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recordingCollector, sharedStore, testEvent } from "../testing/recording-collector.js";
import type { Consent, TrackerError } from "../types.js";
import { createQueue, type QueueOptions } from "./queue.js";

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

function setup(options: Partial<QueueOptions> & { consent?: Consent } = {}) {
  const store = options.store ?? sharedStore();
  const collector = recordingCollector();
  const errors: TrackerError[] = [];
  let consent: Consent = options.consent ?? "granted";
  const queue = createQueue({
    store,
    tab: "tab-a",
    writeKey: "tp_pub_test",
    consentState: () => consent,
    post: (body) => collector.post(body),
    beacon: (body) => collector.beacon(body),
    report: (error) => errors.push(error),
    ...options,
  });
  return {
    store,
    collector,
    errors,
    queue,
    setConsent(next: Consent) {
      consent = next;
      queue.decide(next);
    },
    stored: (tab = "tab-a"): TrackEvent[] => JSON.parse(store.read(`tp_q_${tab}`) ?? '{"e":[]}').e,
  };
}

const admitAll = (queue: { admit(e: TrackEvent): void }, from: number, to: number) => {
  for (let n = from; n <= to; n++) queue.admit(testEvent(n));
};

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  vi.spyOn(Math, "random").mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("batching", () => {
  it("sends a batch one second after its first event, with the write key and sentAt", async () => {
    const { queue, collector, stored } = setup();
    queue.admit(testEvent(1));
    queue.admit(testEvent(2));
    await vi.advanceTimersByTimeAsync(999);
    expect(collector.deliveries).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.deliveries.map((d) => d.envelope)).toEqual([
      { writeKey: "tp_pub_test", sentAt: "2026-01-01T12:00:01.000Z", events: [testEvent(1), testEvent(2)] },
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored()).toEqual([]);
  });

  it("sends at once when 20 events wait, and the 21st a second later", async () => {
    const { queue, collector } = setup();
    admitAll(queue, 1, 21);
    expect(collector.deliveries.map((d) => d.envelope.events.length)).toEqual([20]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(collector.sentIds()).toEqual(Array.from({ length: 21 }, (_, i) => `e${i + 1}`));
  });

  it("drain() sends now and resolves once the queue is empty; a backlog leaves in big requests", async () => {
    const { queue, collector, stored } = setup();
    admitAll(queue, 1, 245);
    await queue.drain();
    expect(collector.deliveries.map((d) => d.envelope.events.length)).toEqual([20, 225]);
    expect(stored()).toEqual([]);
  });

  it("writes the queue to storage a second after it changed, once however many events came", async () => {
    const { queue, store, collector, stored } = setup();
    collector.answers.push("network-error");
    const write = vi.spyOn(store, "write");
    admitAll(queue, 1, 150);
    await vi.advanceTimersByTimeAsync(500);
    admitAll(queue, 151, 300);
    await vi.advanceTimersByTimeAsync(499);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(write.mock.calls.map(([key]) => key)).toEqual(["tp_q_tab-a"]);
    expect(stored()).toHaveLength(300);
  });
});

describe("retries", () => {
  it("retries a 5xx and a network error with exponential backoff and full jitter", async () => {
    const { queue, collector, stored } = setup();
    collector.answers.push({ status: 503 }, "network-error");
    queue.admit(testEvent(1));
    await vi.advanceTimersByTimeAsync(1000);
    // Math.random() is 0.5: retry n waits 0.5 * 1000 * 2^n ms.
    await vi.advanceTimersByTimeAsync(999);
    expect(collector.deliveries).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.deliveries).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(collector.deliveries).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.sentIds()).toEqual(["e1", "e1", "e1"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored()).toEqual([]);
  });

  it.each([429, 503])("honours Retry-After on %i", async (status) => {
    const { queue, collector } = setup();
    collector.answers.push({ status, headers: { "Retry-After": "7" } });
    queue.admit(testEvent(1));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(6999);
    expect(collector.deliveries).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.sentIds()).toEqual(["e1", "e1"]);
  });

  it("retries a 408 with backoff", async () => {
    const { queue, collector } = setup();
    collector.answers.push({ status: 408 });
    queue.admit(testEvent(1));
    await vi.advanceTimersByTimeAsync(1000 + 1000);
    expect(collector.sentIds()).toEqual(["e1", "e1"]);
  });

  it("caps the backoff at a minute", async () => {
    const { queue, collector } = setup();
    collector.answers.push(...Array.from({ length: 8 }, () => ({ status: 500 })));
    queue.admit(testEvent(1));
    // Waits of 1, 2, 4, 8, 16, 30, 30, 30 s (half of min(60 s, 2^n s)), then success.
    await vi.advanceTimersByTimeAsync(1000 + 1000 + 2000 + 4000 + 8000 + 16000 + 30000 + 30000 + 29_999);
    expect(collector.deliveries).toHaveLength(8);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.deliveries).toHaveLength(9);
  });

  it.each([400, 401, 403, 413])("drops the batch on %i and reports it, without retrying", async (status) => {
    const { queue, collector, errors, stored } = setup();
    collector.answers.push({ status, body: { error: { code: "x", message: "y" } } });
    queue.admit(testEvent(1));
    queue.admit(testEvent(2));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(collector.deliveries).toHaveLength(1);
    expect(errors).toEqual([{ type: "dropped", status, count: 2 }]);
    expect(stored()).toEqual([]);
  });

  it("reports events the collector rejected and does not send them again", async () => {
    const { queue, collector, errors } = setup();
    const rejected = [{ index: 1, id: "e2", errors: [{ path: "name", message: "must be snake_case" }] }];
    collector.answers.push({ status: 200, body: { accepted: 1, duplicates: 0, bots: 0, rejected } });
    queue.admit(testEvent(1));
    queue.admit(testEvent(2));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(collector.sentIds()).toEqual(["e1", "e2"]);
    expect(errors).toEqual([{ type: "rejected", rejected }]);
  });
});

describe("the persistent queue", () => {
  it("drops the oldest events beyond 1,000 and reports how many, once per overflow", async () => {
    const { queue, collector, errors, stored } = setup();
    collector.answers.push("network-error");
    admitAll(queue, 1, 1002);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored()).toHaveLength(1000);
    expect(stored()[0]?.id).toBe("e3");
    expect(errors).toEqual([{ type: "overflow", count: 2 }]);
  });

  it("drops the oldest events beyond a million characters", async () => {
    const { queue, collector, errors, stored } = setup();
    collector.answers.push("network-error");
    for (let n = 1; n <= 34; n++) queue.admit(testEvent(n, { properties: { text: "x".repeat(30_000) } }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored().map((e) => e.id)).toEqual(Array.from({ length: 33 }, (_, i) => `e${i + 2}`));
    expect(errors).toEqual([{ type: "overflow", count: 1 }]);
  });

  it("drops an event over the protocol's 32 KiB and reports it", () => {
    const { queue, errors, stored } = setup();
    queue.admit(testEvent(1, { properties: { text: "é".repeat(17_000) } }));
    expect(stored()).toEqual([]);
    expect(errors).toEqual([
      {
        type: "invalid",
        call: "touchpoint",
        errors: [{ path: "", message: expect.stringMatching(/^an event is at most 32768 bytes; this one is 34\d{3}$/) }],
      },
    ]);
  });

  it("serialises events and bodies without the page's toJSON (Prototype.js)", async () => {
    const prototypes = [Array.prototype, String.prototype, Object.prototype] as { toJSON?: () => string }[];
    for (const prototype of prototypes)
      Object.defineProperty(prototype, "toJSON", { value: () => "HOSTILE", configurable: true, writable: true });
    try {
      const { queue, collector, stored } = setup();
      queue.admit(testEvent(1, { properties: { tags: ["a", "b"] } as never }));
      await vi.advanceTimersByTimeAsync(1000);
      expect(stored()).toEqual([testEvent(1, { properties: { tags: ["a", "b"] } as never })]);
      expect(collector.deliveries[0]?.envelope.events).toEqual([testEvent(1, { properties: { tags: ["a", "b"] } as never })]);
      expect(prototypes.map((prototype) => prototype.toJSON?.())).toEqual(["HOSTILE", "HOSTILE", "HOSTILE"]);
    } finally {
      for (const prototype of prototypes) delete prototype.toJSON;
    }
  });
});

describe("leaving the page", () => {
  it("beacons everything in bodies under 16 KiB, once, and keeps it queued until a fetch is answered", async () => {
    const { queue, collector, stored } = setup();
    // 19 events of about 1.1 KB each (under the 20 that would leave at once): two bodies.
    for (let n = 1; n <= 19; n++) queue.admit(testEvent(n, { properties: { text: "é".repeat(500) } }));
    queue.leave(true);
    queue.leave(true);
    expect(collector.deliveries.map((d) => [d.via, d.bytes < 16_384])).toEqual([
      ["beacon", true],
      ["beacon", true],
    ]);
    const ids = Array.from({ length: 19 }, (_, i) => `e${i + 1}`);
    expect(collector.sentIds()).toEqual(ids);
    // The browser took the bodies, which says nothing about their arrival.
    expect(stored().map((e) => e.id)).toEqual(ids);
    await vi.advanceTimersByTimeAsync(1000);
    expect(collector.deliveries.map((d) => d.via)).toEqual(["beacon", "beacon", "fetch"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored()).toEqual([]);
  });

  it("keeps the events queued when the browser refuses the beacon, and when offline", () => {
    const { queue, collector, stored } = setup();
    collector.refuseBeacons();
    queue.admit(testEvent(1));
    queue.leave(true);
    queue.leave(false);
    expect(stored().map((e) => e.id)).toEqual(["e1"]);
  });

  it("does not beacon while the collector is failing: the queue waits for the next retry", async () => {
    const { queue, collector, stored } = setup();
    collector.answers.push({ status: 503 });
    queue.admit(testEvent(1));
    await vi.advanceTimersByTimeAsync(1000);
    queue.leave(true);
    expect(collector.deliveries.map((d) => d.via)).toEqual(["fetch"]);
    expect(stored().map((e) => e.id)).toEqual(["e1"]);
  });
});

describe("tabs", () => {
  it("two tabs sharing storage each send only their own events", async () => {
    const store = sharedStore();
    const a = setup({ store, tab: "tab-a" });
    const b = setup({ store, tab: "tab-b" });
    admitAll(a.queue, 1, 3);
    admitAll(b.queue, 11, 13);
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.collector.sentIds()).toEqual(["e1", "e2", "e3"]);
    expect(b.collector.sentIds()).toEqual(["e11", "e12", "e13"]);
  });

  it("a closed tab's queue is adopted by exactly one tab, after a claim that survives a pass", async () => {
    const store = sharedStore();
    store.write("tp_q_closed", JSON.stringify({ t: START - 61_000, e: [testEvent(90), testEvent(91)] }));
    const a = setup({ store, tab: "tab-a" });
    const b = setup({ store, tab: "tab-b" });
    // a claimed the orphan as it started; b saw a fresh claim and left it alone.
    expect(JSON.parse(store.read("tp_q_closed")!).c).toBe("tab-a");
    await vi.advanceTimersByTimeAsync(1500);
    // Without any new event, a took the events at its second look and sent them at once.
    expect(a.collector.sentIds()).toEqual(["e90", "e91"]);
    expect(b.collector.sentIds()).toEqual([]);
    expect(store.read("tp_q_closed")).toBeNull();
  });

  it("an idle tab adopts a queue orphaned after it started, on its timer", async () => {
    const store = sharedStore();
    const idle = setup({ store, tab: "idle" });
    // Another tab wrote its queue and closed.
    store.write("tp_q_closing", JSON.stringify({ t: START, e: [testEvent(5)] }));
    await vi.advanceTimersByTimeAsync(61_499);
    expect(idle.collector.sentIds()).toEqual([]);
    // Claimed at 60 s, taken 1.5 s later.
    await vi.advanceTimersByTimeAsync(1);
    expect(idle.collector.sentIds()).toEqual(["e5"]);
    expect(store.read("tp_q_closing")).toBeNull();
  });

  it("the next page of the same tab adopts the previous page's queue and claims at once", async () => {
    const store = sharedStore();
    store.write("tp_q_page-1", JSON.stringify({ t: START, e: [testEvent(1), testEvent(2)] }));
    store.write("tp_q_other-tab", JSON.stringify({ t: START, e: [testEvent(7)] }));
    // An orphan the previous page claimed and left before it could take it.
    store.write("tp_q_closed", JSON.stringify({ t: START, c: "page-1", e: [testEvent(9)] }));
    const next = setup({ store, tab: "page-2", previous: "page-1" });
    await vi.advanceTimersByTimeAsync(0);
    expect(next.collector.sentIds().toSorted()).toEqual(["e1", "e2", "e9"]);
    expect([store.read("tp_q_page-1"), store.read("tp_q_closed")]).toEqual([null, null]);
    expect(store.read("tp_q_other-tab")).not.toBeNull();
  });

  it("a tab whose queue was claimed keeps it when it writes again before the claim is taken", async () => {
    const store = sharedStore();
    const sleeper = setup({ store, tab: "sleeper" });
    sleeper.collector.answers.push("network-error");
    sleeper.queue.admit(testEvent(1));
    await vi.advanceTimersByTimeAsync(1000);
    // The sleeper's key goes stale while its retry timer is throttled; another tab claims it.
    vi.setSystemTime(Date.now() + 61_000);
    const other = setup({ store, tab: "other" });
    other.queue.admit(testEvent(11));
    await other.queue.drain();
    expect(JSON.parse(store.read("tp_q_sleeper")!).c).toBe("other");
    // The sleeper wakes up and writes its key: the claim is gone and the event stays its own.
    sleeper.queue.admit(testEvent(2));
    other.queue.admit(testEvent(12));
    await other.queue.drain();
    await sleeper.queue.drain();
    expect(sleeper.collector.sentIds()).toEqual(["e1", "e1", "e2"]);
    expect(other.collector.sentIds()).toEqual(["e11", "e12"]);
  });
});

describe("consent and beforeSend", () => {
  it("pending holds events in memory only; granted replays them in order with their own timestamps", async () => {
    const { queue, collector, stored, store, setConsent } = setup({ consent: "pending" });
    admitAll(queue, 1, 2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(collector.deliveries).toEqual([]);
    expect([...(store as ReturnType<typeof sharedStore>).map.keys()]).toEqual([]);
    setConsent("granted");
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored().map((e) => e.id)).toEqual(["e1", "e2"]);
    expect(collector.deliveries[0]?.envelope.events).toEqual([testEvent(1), testEvent(2)]);
  });

  it("denied drops held and queued events", async () => {
    const pending = setup({ consent: "pending" });
    admitAll(pending.queue, 1, 2);
    pending.setConsent("denied");
    pending.setConsent("granted");
    await vi.advanceTimersByTimeAsync(5000);
    expect(pending.collector.deliveries).toEqual([]);

    const granted = setup();
    granted.queue.admit(testEvent(3));
    granted.setConsent("denied");
    granted.queue.admit(testEvent(4));
    await vi.advanceTimersByTimeAsync(5000);
    expect(granted.collector.deliveries).toEqual([]);
    expect(granted.stored()).toEqual([]);
  });

  it("beforeSend can change an event or drop it", async () => {
    const { queue, collector } = setup({
      beforeSend: (event) => (event.id === "e2" ? null : { ...event, properties: { scrubbed: true } }),
    });
    admitAll(queue, 1, 3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(collector.deliveries[0]?.envelope.events).toEqual([
      testEvent(1, { properties: { scrubbed: true } }),
      testEvent(3, { properties: { scrubbed: true } }),
    ]);
  });
});
