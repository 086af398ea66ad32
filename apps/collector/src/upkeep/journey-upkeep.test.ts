/**
 * Journey upkeep as a collector runs it: woken by ingest commits, reports answering from digests
 * with asOf while it lags, notices of who changed, and work a stopped process left done on start.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";
import { eventRow } from "../store/store-behaviour.js";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { DAY, identify, journeyClient, MINUTE, T0, touch } from "../testing/journey-client.js";
import { useTempDir } from "../testing/temp-dir.js";
import { startJourneyUpkeep } from "./journey-upkeep.js";
import type { PersonChanged } from "./person-changed.js";

const tempDir = useTempDir("touchpoint-upkeep-");

/** A store whose upkeep passes wait at a gate the test opens (or fails, as a process that dies). */
async function gatedStore(path = ":memory:") {
  const store = await openSqliteStore(path);
  let gate = Promise.resolve();
  let open = () => {};
  let fail = (_error: Error) => {};
  const gated: Store = {
    ...store,
    async upkeepJourneyDigests(siteId, builder, onChange) {
      await gate;
      return store.upkeepJourneyDigests(siteId, builder, onChange);
    },
  };
  return {
    store: gated,
    close: () => {
      gate = new Promise<void>((resolve, reject) => {
        open = resolve;
        fail = reject;
      });
      // A failure may come before any pass waits at the gate: not an unhandled rejection.
      gate.catch(() => {});
    },
    open: () => open(),
    fail: (error: Error) => fail(error),
  };
}

const customerIds = (body: { customers: { customerId: string }[] }) => body.customers.map((c) => c.customerId);

let fixtures: CollectorFixture[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const f of fixtures) await f.store.close();
  fixtures = [];
});
async function fixture(options: Parameters<typeof collectorFixture>[0]) {
  const f = await collectorFixture(options);
  fixtures.push(f);
  return f;
}

describe("journey upkeep", () => {
  it("while it lags, reports answer from the digests with asOf before the last commit; once caught up, with everything", async () => {
    const gate = await gatedStore();
    const f = await fixture({ store: gate.store });
    const api = journeyClient(f);
    await api.send([identify("i1", "laptop", "alice", 0)]);
    const first = await api.get("/v1/customers");
    expect(customerIds(first.body)).toEqual(["alice"]);

    gate.close();
    await api.send([identify("i2", "phone", "bob", MINUTE)]);
    const committed = Date.now();
    const lagging = await f.app.request("/v1/customers", { headers: { authorization: `Bearer ${f.site.readKey}` } });
    const behind = (await lagging.json()) as { customers: { customerId: string }[]; asOf: string };
    expect(customerIds(behind)).toEqual(["alice"]);
    expect(Date.parse(behind.asOf)).toBeLessThanOrEqual(committed);

    gate.open();
    const caughtUp = await api.get("/v1/customers");
    expect(customerIds(caughtUp.body)).toEqual(["alice", "bob"]);
    expect(Date.parse(caughtUp.body.asOf)).toBeGreaterThanOrEqual(committed);
  });

  it("tells subscribers who changed: stages entered, conversions, events added", async () => {
    // The events' times as sent: sentAt and receipt at one instant, so no skew correction.
    vi.useFakeTimers({ toFake: ["Date"], now: T0 + DAY });
    const f = await fixture({});
    const api = journeyClient(f);
    const heard: PersonChanged[] = [];
    f.upkeep.subscribe((change) => heard.push(change));
    await api.send([identify("i1", "laptop", "alice", 0), touch("t1", "laptop", "catalog_view", MINUTE)]);
    await f.upkeep.caughtUp();
    await api.send([
      touch("t2", "laptop", "review_read", 2 * MINUTE),
      touch("t3", "laptop", "purchase", 3 * MINUTE, { properties: { value: 40 } }),
    ]);
    await f.upkeep.caughtUp();
    const at = (offset: number) => T0 + offset;
    expect(heard.map(({ digest, ...change }) => ({ ...change, touchpoints: digest?.touchpoints.map((t) => t.name) }))).toEqual([
      {
        siteId: f.site.id,
        personKey: "c:alice",
        customerId: "alice",
        cause: "model",
        previousStage: null,
        currentStage: "consideration",
        stagesEntered: [{ stage: "consideration", time: at(MINUTE) }],
        conversions: [],
        eventsAdded: [
          { id: "i1", type: "identify", name: "identify", time: at(0) },
          { id: "t1", type: "touchpoint", name: "catalog_view", time: at(MINUTE) },
        ],
        eventsRemoved: 0,
        touchpoints: ["catalog_view"],
      },
      {
        siteId: f.site.id,
        personKey: "c:alice",
        customerId: "alice",
        cause: "events",
        previousStage: "consideration",
        currentStage: "purchase",
        stagesEntered: [
          { stage: "evaluation", time: at(2 * MINUTE) },
          { stage: "purchase", time: at(3 * MINUTE) },
        ],
        conversions: [{ id: "t3", name: "purchase", time: at(3 * MINUTE), value: 40 }],
        eventsAdded: [
          { id: "t2", type: "touchpoint", name: "review_read", time: at(2 * MINUTE) },
          { id: "t3", type: "touchpoint", name: "purchase", time: at(3 * MINUTE) },
        ],
        eventsRemoved: 0,
        touchpoints: ["catalog_view", "review_read", "purchase"],
      },
    ]);
  });

  it("runs the pass a caughtUp() waits for at once, not after the gap between passes", async () => {
    const store = await openSqliteStore(":memory:");
    const upkeep = startJourneyUpkeep(store, { pollMs: 60_000, minGapMs: 60_000 });
    try {
      const site = await store.createSite({ name: "shop", origins: [] });
      await upkeep.caughtUp();
      const passed: string[] = [];
      upkeep.subscribe((change) => passed.push(change.personKey));
      await store.insertEvents([eventRow("e1", { siteId: site.id })]);
      // A minute's gap would outlast the test's timeout.
      await upkeep.caughtUp();
      expect(passed).toEqual(["a:anon-1"]);
    } finally {
      await upkeep.stop();
      await store.close();
    }
  });

  it("after a restart, does on start what a process that died before its upkeep left undone", async () => {
    const path = join(tempDir(), "restart.db");
    const gate = await gatedStore(path);
    const before = await fixture({ store: gate.store });
    gate.close();
    await journeyClient(before).send([identify("i1", "laptop", "alice", 0)]);
    gate.fail(new Error("the process died"));
    await expect(before.upkeep.caughtUp()).rejects.toThrow("the process died");
    await before.store.close();
    fixtures = [];

    const store = await openSqliteStore(path);
    const upkeep = startJourneyUpkeep(store, { pollMs: 60_000 });
    const heard = await new Promise<PersonChanged>((resolve) => upkeep.subscribe(resolve));
    await upkeep.stop();
    expect([heard.personKey, heard.currentStage, heard.eventsAdded.map((e) => e.id)]).toEqual(["c:alice", null, ["i1"]]);
    const after = await fixture({ store });
    const { body } = await journeyClient(after).get("/v1/customers", before.site.readKey);
    expect(customerIds(body)).toEqual(["alice"]);
  });
});
