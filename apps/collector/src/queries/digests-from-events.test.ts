/**
 * digestsFromEvents, given the builder upkeep uses, must answer every digest stream exactly as the
 * store's kept digests do: then a report read through another stage model differs from the
 * site's only by the model. Checked on a seeded shop (customers, anonymous visitors, identities).
 */
import { createBatchValidator } from "@touchpoint/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createGroupCommitWriter } from "../ingest/group-commit.js";
import { createEventIngest } from "../ingest/ingest-batch.js";
import { seedSite } from "../seed/seed-site.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Site, Store } from "../store/store.js";
import { digestsFromEvents } from "./digests-from-events.js";
import { digestBuilderOf, modelKeyOf } from "./site-journeys.js";

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

describe("digestsFromEvents with the site's own builder", () => {
  let store: Store;
  let site: Site;
  let fromEvents: Store;

  beforeAll(async () => {
    store = await openSqliteStore(":memory:");
    site = await store.createSite({ name: "shop", origins: [] });
    const writer = createGroupCommitWriter(store, { windowMs: 0, maxRows: 5_000 });
    await seedSite({
      site,
      ingestEvents: createEventIngest({ writer, validator: createBatchValidator() }),
      customers: 60,
      days: 30,
      seed: 11,
      until: Date.parse("2026-11-23T12:00:00.000Z"),
    });
    await writer.close();
    await store.upkeepJourneyDigests(site.id, digestBuilderOf(site));
    fromEvents = digestsFromEvents(store, digestBuilderOf(site));
  });
  afterAll(() => store.close());

  it("streams the same digests, summaries, funnel and touch pages as the kept digests, with every option", async () => {
    const kept = await all(store.streamJourneyDigests(site.id));
    expect(kept.length).toBeGreaterThan(64);
    expect(await all(fromEvents.streamJourneyDigests(site.id))).toEqual(kept);
    for (const options of [{}, { kind: "customer" as const }, { kind: "anonymous" as const }, { afterPersonKey: "c:" }]) {
      expect(await all(fromEvents.streamJourneySummaries(site.id, options))).toEqual(
        await all(store.streamJourneySummaries(site.id, options)),
      );
      expect((await all(fromEvents.streamFunnelJourneys(site.id, options))).flat()).toEqual(
        (await all(store.streamFunnelJourneys(site.id, options))).flat(),
      );
      for (const withStages of [false, true]) {
        const touches = (s: Store) => all(s.streamJourneyTouches(site.id, { ...options, withStages }));
        expect((await touches(fromEvents)).flat()).toEqual((await touches(store)).flat());
      }
    }
  });

  it("pages funnel and touch streams 64 persons at a time", async () => {
    const persons = (await all(store.streamJourneySummaries(site.id))).length;
    for (const pages of [await all(fromEvents.streamFunnelJourneys(site.id)), await all(fromEvents.streamJourneyTouches(site.id))]) {
      expect(pages.map((page) => page.length)).toEqual([64, persons - 64]);
    }
  });

  it("shares one build among reads while the events stay as they were, and builds again once they change or 30 s pass", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    const builds = vi.spyOn(store, "streamPersons");
    try {
      // A key of its own: the earlier tests' build (on the real clock) is not this one.
      const reader = digestsFromEvents(store, { ...digestBuilderOf(site), modelKey: "fresh" });
      const asked = Date.now();
      expect(await reader.journeyDigestsAsOf(site.id, modelKeyOf(site))).toBeGreaterThanOrEqual(asked);
      const before = await all(reader.streamJourneySummaries(site.id));
      expect(await all(reader.streamJourneySummaries(site.id))).toEqual(before);
      expect(builds).toHaveBeenCalledTimes(1);

      const newcomer = {
        id: "late-1",
        type: "page",
        anonymousId: "late-visitor",
        timestamp: new Date().toISOString(),
        context: { path: "/" },
      };
      const writer = createGroupCommitWriter(store, { windowMs: 0, maxRows: 5_000 });
      const ingest = createEventIngest({ writer, validator: createBatchValidator() });
      expect(
        await ingest({ site, source: "browser", events: [newcomer], skewMs: 0, userAgent: null, receivedAt: Date.now() }),
      ).toMatchObject({
        ok: true,
      });
      await writer.close();
      const afterNewcomer = await all(reader.streamJourneySummaries(site.id));
      expect(builds).toHaveBeenCalledTimes(2);
      expect(afterNewcomer.length).toBe(before.length + 1);
      expect(afterNewcomer.filter((summary) => summary.anonymousId === "late-visitor").length).toBe(1);

      // An erased customer is gone from the next read, though 30 s have not passed.
      const erased = before.find((summary) => summary.customerId !== null)!.customerId!;
      await store.eraseCustomer(site.id, erased);
      const afterErasure = await all(reader.streamJourneySummaries(site.id));
      expect(builds).toHaveBeenCalledTimes(3);
      expect(afterErasure.map((summary) => summary.customerId)).not.toContain(erased);

      vi.advanceTimersByTime(29_000);
      await all(reader.streamJourneySummaries(site.id));
      expect(builds).toHaveBeenCalledTimes(3);
      vi.advanceTimersByTime(2_000);
      expect(await all(reader.streamJourneySummaries(site.id))).toEqual(afterErasure);
      expect(builds).toHaveBeenCalledTimes(4);
    } finally {
      builds.mockRestore();
      vi.useRealTimers();
    }
  });

  it("keeps no build during which the events changed, even when they are back to what they were", async () => {
    const builds = vi.spyOn(store, "streamPersons");
    // At the start of the build, at its end (an event came), at the next read (it was erased again).
    const markers = vi.spyOn(store, "eventsMarker").mockResolvedValueOnce("m1").mockResolvedValueOnce("m2").mockResolvedValueOnce("m1");
    try {
      const reader = digestsFromEvents(store, { ...digestBuilderOf(site), modelKey: "changed-during-build" });
      await all(reader.streamJourneyDigests(site.id));
      await new Promise((resolve) => setImmediate(resolve));
      await all(reader.streamJourneyDigests(site.id));
      expect(builds).toHaveBeenCalledTimes(2);
      expect(markers).toHaveBeenCalledTimes(4);
    } finally {
      builds.mockRestore();
      markers.mockRestore();
    }
  });

  it("reads asOf and the journeys of one report from one look at the events", async () => {
    const markers = vi.spyOn(store, "eventsMarker");
    try {
      const reader = digestsFromEvents(store, { ...digestBuilderOf(site), modelKey: "one-look" });
      await reader.journeyDigestsAsOf(site.id, modelKeyOf(site));
      await all(reader.streamFunnelJourneys(site.id));
      await new Promise((resolve) => setImmediate(resolve));
      // The look, and the build's check at its end.
      expect(markers).toHaveBeenCalledTimes(2);
    } finally {
      markers.mockRestore();
    }
  });

  it("streams a site too large to hold per read, as of the read, without counting its events again", async () => {
    await store.upkeepJourneyDigests(site.id, digestBuilderOf(site));
    const reader = digestsFromEvents(store, { ...digestBuilderOf(site), modelKey: "large" }, { memoEvents: 100 });
    const before = Date.now();
    expect(await reader.journeyDigestsAsOf(site.id, modelKeyOf(site))).toBeGreaterThanOrEqual(before);
    expect(await all(reader.streamJourneyDigests(site.id))).toEqual(await all(store.streamJourneyDigests(site.id)));
    const options = { kind: "customer" as const, afterPersonKey: "c:m" };
    expect(await all(reader.streamJourneySummaries(site.id, options))).toEqual(await all(store.streamJourneySummaries(site.id, options)));

    const markers = vi.spyOn(store, "eventsMarker");
    try {
      const latecomer = {
        id: "late-2",
        type: "page",
        anonymousId: "later-visitor",
        timestamp: new Date().toISOString(),
        context: { path: "/" },
      };
      const writer = createGroupCommitWriter(store, { windowMs: 0, maxRows: 5_000 });
      await createEventIngest({ writer, validator: createBatchValidator() })({
        site,
        source: "browser",
        events: [latecomer],
        skewMs: 0,
        userAgent: null,
        receivedAt: Date.now(),
      });
      await writer.close();
      const summaries = await all(reader.streamJourneySummaries(site.id));
      expect(summaries.filter((summary) => summary.anonymousId === "later-visitor").length).toBe(1);
      expect(markers).not.toHaveBeenCalled();
    } finally {
      markers.mockRestore();
    }
  });

  it("leaves everything else to the store itself", async () => {
    const [person] = await all(store.streamPersons(site.id));
    expect(await fromEvents.readEvents(site.id, { personKey: person!.personKey })).toEqual(person!.events);
    expect(await fromEvents.listSpend(site.id)).toEqual([]);
  });
});
