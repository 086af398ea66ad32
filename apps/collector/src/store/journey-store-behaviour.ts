/**
 * The Store's journey contract (identity stitching, person streams, export, erasure, stage
 * models, spend) as one suite for every implementation, beside describeStoreBehaviour: a store's
 * behaviour test calls both.
 */
import { DEFAULT_STAGE_MODEL } from "@touchpoint/journeys";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventRow, type StoreFactory } from "./store-behaviour.js";
import type { DigestBuilder, DigestChange, EventRow, Store, StreamDigestsOptions, StreamPersonsOptions } from "./store.js";

const SITE = "site_a";

/** An anonymous visitor's event. */
const visit = (id: string, anonymousId: string, timestamp: number, overrides: Partial<EventRow> = {}) =>
  eventRow(id, { anonymousId, personKey: `a:${anonymousId}`, timestamp, ...overrides });

/** An event carrying a customer id, from a browser (with an anonymous id) or a server (without). */
const known = (id: string, customerId: string, timestamp: number, anonymousId: string | null = null) =>
  eventRow(id, { anonymousId, customerId, personKey: `c:${customerId}`, timestamp });

const identify = (id: string, anonymousId: string, customerId: string, timestamp: number, traits: Record<string, string> | null = null) =>
  eventRow(id, {
    type: "identify",
    name: "identify",
    anonymousId,
    customerId,
    personKey: `c:${customerId}`,
    timestamp,
    traits: traits && JSON.stringify(traits),
  });

/** Every person of the site as [person key, event ids]. */
async function persons(store: Store, options?: Parameters<Store["streamPersons"]>[1]): Promise<[string, string[]][]> {
  const found: [string, string[]][] = [];
  for await (const person of store.streamPersons(SITE, options)) found.push([person.personKey, person.events.map((e) => e.id)]);
  return found;
}

/**
 * A builder whose digests say whose they are and what made them: the person key as customerId,
 * the model key as current stage, each event as a touchpoint named by its id. `built` lists
 * every person it was asked to build.
 */
export function idDigestBuilder(modelKey = "ids"): DigestBuilder & { built: string[] } {
  const built: string[] = [];
  return {
    modelKey,
    built,
    digestOf(person) {
      built.push(person.personKey);
      return {
        customerId: person.personKey,
        anonymousId: null,
        traits: {},
        currentStage: modelKey,
        stages: [],
        touchpoints: person.events.map((e) => ({ type: "touchpoint", name: e.id, stage: null, channel: "direct", time: e.timestamp })),
        conversions: [],
        lastSeenTime: null,
      };
    },
  };
}

/** Every digest of the site as [person key, event ids], as the reports read them: no upkeep. */
export async function readDigests(store: Store, options?: StreamDigestsOptions, siteId = SITE): Promise<[string | null, string[]][]> {
  const found: [string | null, string[]][] = [];
  for await (const digest of store.streamJourneyDigests(siteId, options))
    found.push([digest.customerId, digest.touchpoints.map((t) => t.name)]);
  return found;
}

/** Every digest of the site as [person key, event ids], after upkeep with `builder`. */
export async function digests(
  store: Store,
  builder: DigestBuilder = idDigestBuilder(),
  options?: StreamPersonsOptions,
  siteId = SITE,
): Promise<[string | null, string[]][]> {
  await store.upkeepJourneyDigests(siteId, builder);
  return readDigests(store, options, siteId);
}

/** A change as [person key, cause, event ids before, event ids after, added event ids, counts before and after]. */
const changeSummary = (change: DigestChange) => [
  change.personKey,
  change.cause,
  change.before?.touchpoints.map((t) => t.name) ?? null,
  change.after?.touchpoints.map((t) => t.name) ?? null,
  change.added.map((e) => e.id),
  change.beforeEventCount,
  change.afterEventCount,
];

/** Upkeep of the site, and what it reported, in person-key order. */
async function upkeepChanges(store: Store, builder: DigestBuilder = idDigestBuilder(), siteId = SITE) {
  const changes: DigestChange[] = [];
  await store.upkeepJourneyDigests(siteId, builder, (change) => changes.push(change));
  return changes.sort((a, b) => (a.personKey < b.personKey ? -1 : 1)).map(changeSummary);
}

export function describeJourneyStoreBehaviour(name: string, factory: StoreFactory): void {
  describe(`${name} store journey behaviour`, () => {
    let store: Store;
    let location = "";
    beforeEach(async () => {
      location = await factory.newDatabase();
      store = await factory.open(location);
    });
    afterEach(async () => {
      await store.close();
    });

    describe("identity stitching", () => {
      it("moves an anonymous id's earlier events to the customer who identifies it, and stores its later ones there", async () => {
        await store.insertEvents([visit("v1", "laptop", 100), visit("v2", "laptop", 200)]);
        await store.insertEvents([identify("i1", "laptop", "alice", 300)]);
        await store.insertEvents([visit("v3", "laptop", 400)]);
        expect(await persons(store)).toEqual([["c:alice", ["v1", "v2", "i1", "v3"]]]);
        expect(await store.findIdentityLink(SITE, "laptop")).toEqual({
          anonymousId: "laptop",
          customerId: "alice",
          eventId: "i1",
          linkedAt: 300,
        });
        expect(await store.findIdentityLink(SITE, "phone")).toBeNull();
      });

      it("stitches in row order inside one call", async () => {
        await store.insertEvents([visit("v1", "laptop", 100), identify("i1", "laptop", "alice", 200), visit("v2", "laptop", 300)]);
        expect(await persons(store)).toEqual([["c:alice", ["v1", "i1", "v2"]]]);
      });

      it("keeps an anonymous id with the customer of its earliest identify, even when that identify arrives last", async () => {
        await store.insertEvents([visit("v1", "shared", 100), identify("i-ivan", "shared", "ivan", 500), visit("v2", "shared", 600)]);
        expect(await persons(store)).toEqual([["c:ivan", ["v1", "i-ivan", "v2"]]]);
        await store.insertEvents([identify("i-judy", "shared", "judy", 200)]);
        expect(await persons(store)).toEqual([
          ["c:ivan", ["i-ivan"]],
          ["c:judy", ["v1", "i-judy", "v2"]],
        ]);
        // A later identify by someone else, or a repeat of the one that lost, changes nothing.
        await store.insertEvents([identify("i-kim", "shared", "kim", 700), identify("i-ivan", "shared", "ivan", 500)]);
        expect((await store.findIdentityLink(SITE, "shared"))?.customerId).toBe("judy");
        expect((await persons(store)).map(([key]) => key)).toEqual(["c:ivan", "c:judy", "c:kim"]);
      });

      it("breaks a tie in identify time by the smaller event id", async () => {
        await store.insertEvents([identify("i-b", "kiosk", "bob", 100), visit("v1", "kiosk", 200)]);
        await store.insertEvents([identify("i-a", "kiosk", "amy", 100)]);
        expect(await persons(store)).toEqual([
          ["c:amy", ["i-a", "v1"]],
          ["c:bob", ["i-b"]],
        ]);
      });

      it("gives events that carry a customer id to that customer, whoever owns their anonymous id", async () => {
        await store.insertEvents([
          identify("i1", "g", "grace", 100),
          visit("v1", "g", 200),
          known("h1", "heidi", 300, "g"),
          known("h2", "heidi", 400),
        ]);
        expect(await persons(store)).toEqual([
          ["c:grace", ["i1", "v1"]],
          ["c:heidi", ["h1", "h2"]],
        ]);
      });

      it("keeps sites apart", async () => {
        await store.insertEvents([visit("v1", "laptop", 100), identify("i1", "laptop", "alice", 200, null)]);
        await store.insertEvents([visit("v1", "laptop", 100, { siteId: "site_b" })]);
        expect(await persons(store)).toEqual([["c:alice", ["v1", "i1"]]]);
        expect(await store.readEvents("site_b", { personKey: "a:laptop" })).toHaveLength(1);
      });
    });

    describe("streamPersons", () => {
      it("yields every person once, in person-key order, each with all events in time order, beyond any chunk size", async () => {
        // One customer with 2,500 events (more than a chunk) between small persons on either side.
        const many = Array.from({ length: 2_500 }, (_, i) => known(`m${String(i).padStart(4, "0")}`, "many", 10_000 - i));
        await store.insertEvents([visit("a1", "anon-x", 5), known("b2", "bea", 7), known("b1", "bea", 6), ...many, known("z1", "zed", 1)]);
        const found = await persons(store);
        expect(found.map(([key, ids]) => [key, ids.length])).toEqual([
          ["a:anon-x", 1],
          ["c:bea", 2],
          ["c:many", 2_500],
          ["c:zed", 1],
        ]);
        expect(found[1]?.[1]).toEqual(["b1", "b2"]);
        expect(found[2]?.[1].slice(0, 2)).toEqual(["m2499", "m2498"]);
      });

      it("selects customers or anonymous visitors, and starts after a given key", async () => {
        await store.insertEvents([visit("a1", "anon-x", 1), known("c1", "carl", 2), known("d1", "dora", 3), known("e1", "emil", 4)]);
        expect(await persons(store, { kind: "customer" })).toEqual([
          ["c:carl", ["c1"]],
          ["c:dora", ["d1"]],
          ["c:emil", ["e1"]],
        ]);
        expect(await persons(store, { kind: "anonymous" })).toEqual([["a:anon-x", ["a1"]]]);
        expect(await persons(store, { kind: "customer", afterPersonKey: "c:carl" })).toEqual([
          ["c:dora", ["d1"]],
          ["c:emil", ["e1"]],
        ]);
        expect(await persons(store, { afterPersonKey: "c:emil" })).toEqual([]);
      });

      it("releases the database when the reader stops early", async () => {
        const rows = Array.from({ length: 3_000 }, (_, i) => known(`e${i}`, `cust-${String(i).padStart(4, "0")}`, i));
        await store.insertEvents(rows);
        for await (const person of store.streamPersons(SITE)) {
          expect(person.personKey).toBe("c:cust-0000");
          break;
        }
        expect(await store.insertEvents([known("after", "cust-0000", 5)])).toEqual(["new"]);
      });
    });

    describe("journey digests", () => {
      it("gives every person's digest in person-key order, with streamPersons' options, the summaries alike", async () => {
        await store.insertEvents([
          visit("a1", "anon-x", 1),
          known("c2", "carl", 3),
          known("c1", "carl", 2),
          known("d1", "dora", 3),
          known("e1", "emil", 4),
        ]);
        expect(await digests(store)).toEqual([
          ["a:anon-x", ["a1"]],
          ["c:carl", ["c1", "c2"]],
          ["c:dora", ["d1"]],
          ["c:emil", ["e1"]],
        ]);
        expect(await digests(store, idDigestBuilder(), { kind: "customer", afterPersonKey: "c:carl" })).toEqual([
          ["c:dora", ["d1"]],
          ["c:emil", ["e1"]],
        ]);
        expect(await digests(store, idDigestBuilder(), { kind: "anonymous" })).toEqual([["a:anon-x", ["a1"]]]);
        const summaries: [string | null, string | null][] = [];
        for await (const summary of store.streamJourneySummaries(SITE, { kind: "customer" }))
          summaries.push([summary.customerId, summary.currentStage]);
        expect(summaries).toEqual([
          ["c:carl", "ids"],
          ["c:dora", "ids"],
          ["c:emil", "ids"],
        ]);
      });

      it("streams a site larger than several pages whole, each person once, in order, after any key", async () => {
        const ids = Array.from({ length: 1_500 }, (_, i) => `cust-${String(i).padStart(4, "0")}`);
        await store.insertEvents(ids.map((id, i) => known(`e${i}`, id, i)));
        const all = await digests(store);
        expect(all.map(([key]) => key)).toEqual(ids.map((id) => `c:${id}`));
        expect(all.every(([, events], i) => events.length === 1 && events[0] === `e${i}`)).toBe(true);
        const after = await readDigests(store, { afterPersonKey: "c:cust-0127" });
        expect(after.map(([key]) => key)).toEqual(ids.slice(128).map((id) => `c:${id}`));
        let summaries = 0;
        for await (const summary of store.streamJourneySummaries(SITE, { kind: "customer" })) {
          expect(summary.customerId).toBe(`c:${ids[summaries]}`);
          summaries++;
        }
        expect(summaries).toBe(1_500);
        const { summaries: afterFirstPage } = await store.journeySummariesAsOf(SITE, "ids", {
          kind: "customer",
          afterPersonKey: "c:cust-0099",
        });
        const keys: (string | null)[] = [];
        for await (const summary of afterFirstPage) keys.push(summary.customerId);
        expect(keys).toEqual(ids.slice(100).map((id) => `c:${id}`));
        const funnelIds: (string | null | undefined)[] = [];
        for await (const page of store.streamFunnelJourneys(SITE)) for (const journey of page) funnelIds.push(journey.customerId);
        expect(funnelIds).toEqual(ids.map((id) => `c:${id}`));
        const touched: string[] = [];
        for await (const page of store.streamJourneyTouches(SITE, { afterPersonKey: "c:cust-0127" }))
          for (const journey of page) touched.push(...journey.touchpoints.map((t) => t.name));
        expect(touched).toEqual(ids.slice(128).map((_, i) => `e${i + 128}`));
      });

      it("gives the digests holding a string, and leaves out those holding nothing like it", async () => {
        await store.insertEvents([visit("a1", "anon-x", 1), known("c2", "carl", 3), known("c1", "carl", 2), known("d1", "dora", 3)]);
        await store.upkeepJourneyDigests(SITE, idDigestBuilder());
        expect(await readDigests(store, { holding: "c2" })).toEqual([["c:carl", ["c1", "c2"]]]);
        expect(await readDigests(store, { holding: "c:dora", kind: "customer" })).toEqual([["c:dora", ["d1"]]]);
        expect(await readDigests(store, { holding: "c" })).toEqual([]);
      });

      it("gives attribution's part of each digest: touchpoints and conversions, stage entries only when asked", async () => {
        await store.insertEvents([visit("a1", "anon-x", 1), known("c2", "carl", 3), known("c1", "carl", 2), known("d1", "dora", 4)]);
        const ids = idDigestBuilder("touches");
        // Each person entered the stage `seen` with their first event and converted with their last.
        await store.upkeepJourneyDigests(SITE, {
          modelKey: "touches",
          digestOf(person) {
            const first = person.events[0] as (typeof person.events)[number];
            const last = person.events.at(-1) as (typeof person.events)[number];
            return {
              ...ids.digestOf(person),
              stages: [{ stage: "seen", time: first.timestamp }],
              conversions: [{ id: last.id, name: "purchase", time: last.timestamp, value: 5 }],
            };
          },
        });
        const read = async (options: Parameters<Store["streamJourneyTouches"]>[1]) => {
          const found: unknown[] = [];
          for await (const page of store.streamJourneyTouches(SITE, options))
            for (const journey of page) found.push([journey.touchpoints.map((t) => [t.name, t.time]), journey.conversions, journey.stages]);
          return found;
        };
        expect(await read({ withStages: true, kind: "customer" })).toEqual([
          [
            [
              ["c1", 2],
              ["c2", 3],
            ],
            [{ id: "c2", name: "purchase", time: 3, value: 5 }],
            [{ stage: "seen", time: 2 }],
          ],
          [[["d1", 4]], [{ id: "d1", name: "purchase", time: 4, value: 5 }], [{ stage: "seen", time: 4 }]],
        ]);
        expect(await read({ afterPersonKey: "a:anon-x" })).toEqual([
          [
            [
              ["c1", 2],
              ["c2", 3],
            ],
            [{ id: "c2", name: "purchase", time: 3, value: 5 }],
            [],
          ],
          [[["d1", 4]], [{ id: "d1", name: "purchase", time: 4, value: 5 }], []],
        ]);
        expect(await read(undefined)).toHaveLength(3);
      });

      it("gives the funnel's part of each summary: the customer id and the stage entries", async () => {
        await store.insertEvents([visit("a1", "anon-x", 1), known("c2", "carl", 3), known("c1", "carl", 2), known("d1", "dora", 4)]);
        const ids = idDigestBuilder("funnel");
        // Each person entered `seen` with their first event and `left` with their last.
        await store.upkeepJourneyDigests(SITE, {
          modelKey: "funnel",
          digestOf(person) {
            const first = person.events[0] as (typeof person.events)[number];
            const last = person.events.at(-1) as (typeof person.events)[number];
            const digest = ids.digestOf(person);
            return {
              ...digest,
              customerId: person.personKey.startsWith("c:") ? digest.customerId : null,
              traits: { plan: "pro" },
              stages: [
                { stage: "seen", time: first.timestamp },
                { stage: "left", time: last.timestamp },
              ],
            };
          },
        });
        const read = async (options?: StreamPersonsOptions) => {
          const found: unknown[] = [];
          for await (const page of store.streamFunnelJourneys(SITE, options)) found.push(...page);
          return found;
        };
        expect(await read()).toEqual([
          {
            customerId: null,
            stages: [
              { stage: "seen", time: 1 },
              { stage: "left", time: 1 },
            ],
          },
          {
            customerId: "c:carl",
            stages: [
              { stage: "seen", time: 2 },
              { stage: "left", time: 3 },
            ],
          },
          {
            customerId: "c:dora",
            stages: [
              { stage: "seen", time: 4 },
              { stage: "left", time: 4 },
            ],
          },
        ]);
        expect(await read({ kind: "customer", afterPersonKey: "c:carl" })).toHaveLength(1);
      });

      it("reflects every change since the last read: new events, events an identify moved, erasure", async () => {
        await store.insertEvents([
          visit("v1", "shared", 100),
          identify("i-ivan", "shared", "ivan", 500),
          visit("v2", "shared", 600),
          visit("w1", "walk-in", 50),
        ]);
        expect(await digests(store)).toEqual([
          ["a:walk-in", ["w1"]],
          ["c:ivan", ["v1", "i-ivan", "v2"]],
        ]);
        // Judy's earlier identify takes the shared device's events from Ivan: his digest must shrink too.
        await store.insertEvents([identify("i-judy", "shared", "judy", 200), known("k1", "kim", 300)]);
        expect(await digests(store)).toEqual([
          ["a:walk-in", ["w1"]],
          ["c:ivan", ["i-ivan"]],
          ["c:judy", ["v1", "i-judy", "v2"]],
          ["c:kim", ["k1"]],
        ]);
        await store.eraseCustomer(SITE, "judy");
        expect(await digests(store)).toEqual([
          ["a:walk-in", ["w1"]],
          ["c:ivan", ["i-ivan"]],
          ["c:kim", ["k1"]],
        ]);
      });

      it("reflects retention: a person loses the deleted events, or their digest when none is left", async () => {
        const site = await store.createSite({ name: "shop", origins: [] });
        await store.insertEvents(
          [known("c1", "carl", 100), known("c2", "carl", 500), known("d1", "dora", 200)].map((row) => ({ ...row, siteId: site.id })),
        );
        expect(await digests(store, idDigestBuilder(), {}, site.id)).toEqual([
          ["c:carl", ["c1", "c2"]],
          ["c:dora", ["d1"]],
        ]);
        expect(await store.deleteEventsBefore(400)).toBe(2);
        expect(await digests(store, idDigestBuilder(), {}, site.id)).toEqual([["c:carl", ["c2"]]]);
      });

      it("rebuilds every digest for another model key", async () => {
        await store.insertEvents([known("c1", "carl", 1), visit("a1", "anon-x", 2)]);
        const stages = async (builder: DigestBuilder) => {
          const found: (string | null)[] = [];
          await store.upkeepJourneyDigests(SITE, builder);
          for await (const digest of store.streamJourneySummaries(SITE)) found.push(digest.currentStage);
          return found;
        };
        expect(await stages(idDigestBuilder("model-1"))).toEqual(["model-1", "model-1"]);
        expect(await stages(idDigestBuilder("model-2"))).toEqual(["model-2", "model-2"]);
        expect(await stages(idDigestBuilder("model-1"))).toEqual(["model-1", "model-1"]);
      });

      it("streams thousands of persons beyond any chunk size, and gives the same answer to readers at once", async () => {
        const rows = Array.from({ length: 2_500 }, (_, i) => known(`e${i}`, `cust-${String(i).padStart(4, "0")}`, i));
        await store.insertEvents(rows);
        const [first, second] = await Promise.all([digests(store), digests(store)]);
        expect(first).toHaveLength(2_500);
        expect(first[2_499]).toEqual(["c:cust-2499", ["e2499"]]);
        expect(second).toEqual(first);
        await store.insertEvents([known("late", "cust-1234", 9_999)]);
        expect((await digests(store))[1_234]).toEqual(["c:cust-1234", ["e1234", "late"]]);
      });

      it("keeps each site's digests apart", async () => {
        await store.insertEvents([known("c1", "carl", 1), known("c1", "carl", 1, null), visit("b1", "anon-b", 2, { siteId: "site_b" })]);
        expect(await digests(store)).toEqual([["c:carl", ["c1"]]]);
        const siteB: (string | null)[] = [];
        await store.upkeepJourneyDigests("site_b", idDigestBuilder());
        for await (const digest of store.streamJourneyDigests("site_b")) siteB.push(digest.customerId);
        expect(siteB).toEqual(["a:anon-b"]);
      });
    });

    describe("journey upkeep", () => {
      it("reads never write: digests and asOf stay where upkeep left them until it runs again", async () => {
        expect(await store.journeyDigestsAsOf(SITE, "ids")).toBe(null);
        await store.insertEvents([known("c1", "carl", 1)]);
        expect(await readDigests(store)).toEqual([]);
        expect(await store.journeyDigestsAsOf(SITE, "ids")).toBe(null);
        await store.upkeepJourneyDigests(SITE, idDigestBuilder());
        const caughtUp = Date.now();
        expect(await store.journeyDigestsAsOf(SITE, "ids")).toBeGreaterThanOrEqual(caughtUp);
        expect(await store.journeyDigestsAsOf(SITE, "another model")).toBe(null);

        await store.insertEvents([known("c2", "carl", 2), known("d1", "dora", 3)]);
        const committed = Date.now();
        const lagging = await store.journeyDigestsAsOf(SITE, "ids");
        expect(lagging).not.toBe(null);
        expect(lagging).toBeLessThanOrEqual(committed);
        expect(await readDigests(store)).toEqual([["c:carl", ["c1"]]]);

        await store.upkeepJourneyDigests(SITE, idDigestBuilder());
        expect(await store.journeyDigestsAsOf(SITE, "ids")).toBeGreaterThanOrEqual(committed);
        expect(await readDigests(store)).toEqual([
          ["c:carl", ["c1", "c2"]],
          ["c:dora", ["d1"]],
        ]);
      });

      it("gives summaries with their asOf together, as journeyDigestsAsOf and streamJourneySummaries give them apart", async () => {
        const summariesAsOf = async (modelKey: string, options?: StreamPersonsOptions) => {
          const { asOf, summaries } = await store.journeySummariesAsOf(SITE, modelKey, options);
          const found: [string | null, string | null][] = [];
          for await (const summary of summaries) found.push([summary.customerId, summary.currentStage]);
          return { asOf, found };
        };
        expect(await summariesAsOf("ids")).toEqual({ asOf: null, found: [] });
        await store.insertEvents([visit("a1", "anon-x", 1), known("c1", "carl", 2), known("d1", "dora", 3)]);
        await store.upkeepJourneyDigests(SITE, idDigestBuilder());
        const caughtUp = Date.now();
        const all = await summariesAsOf("ids");
        expect(all.asOf).toBeGreaterThanOrEqual(caughtUp);
        expect(all.found).toEqual([
          ["a:anon-x", "ids"],
          ["c:carl", "ids"],
          ["c:dora", "ids"],
        ]);
        expect((await summariesAsOf("ids", { kind: "customer", afterPersonKey: "c:carl" })).found).toEqual([["c:dora", "ids"]]);
        const none = await summariesAsOf("ids", { kind: "customer", afterPersonKey: "c:dora" });
        expect(none.found).toEqual([]);
        expect(none.asOf).toBeGreaterThanOrEqual(caughtUp);
        expect((await summariesAsOf("another model")).asOf).toBe(null);

        await store.insertEvents([known("e1", "emil", 4)]);
        const committed = Date.now();
        const lagging = await summariesAsOf("ids", { kind: "customer" });
        expect(lagging.asOf).not.toBe(null);
        expect(lagging.asOf).toBeLessThanOrEqual(committed);
        expect(lagging.found).toEqual([
          ["c:carl", "ids"],
          ["c:dora", "ids"],
        ]);
      });

      it("reports each rebuilt person: before and after, the events added since the last upkeep, the counts", async () => {
        const { id } = await store.createSite({ name: "shop", origins: [] });
        const insert = (rows: EventRow[]) => store.insertEvents(rows.map((row) => ({ ...row, siteId: id })));
        const upkeep = (builder?: DigestBuilder) => upkeepChanges(store, builder, id);
        await insert([visit("v1", "shared", 100), known("k1", "kim", 50)]);
        // A site's first digests are a model change, and take every event as added.
        expect(await upkeep()).toEqual([
          ["a:shared", "model", null, ["v1"], ["v1"], 0, 1],
          ["c:kim", "model", null, ["k1"], ["k1"], 0, 1],
        ]);
        await insert([identify("i-ivan", "shared", "ivan", 500), visit("v2", "shared", 600)]);
        // v1 moved to Ivan: part of his journey now, but not a new event.
        expect(await upkeep()).toEqual([
          ["a:shared", "events", ["v1"], null, [], 1, 0],
          ["c:ivan", "events", null, ["v1", "i-ivan", "v2"], ["i-ivan", "v2"], 0, 3],
        ]);
        // Retention forgets Kim, left without events, digest and all: nothing is left to report.
        expect(await store.deleteEventsBefore(120)).toBe(2);
        expect(await upkeep()).toEqual([["c:ivan", "events", ["v1", "i-ivan", "v2"], ["i-ivan", "v2"], [], 3, 2]]);
        expect(await readDigests(store, {}, id)).toEqual([["c:ivan", ["i-ivan", "v2"]]]);
        expect(await upkeep()).toEqual([]);
        expect(await upkeep(idDigestBuilder("model-2"))).toEqual([["c:ivan", "model", ["i-ivan", "v2"], ["i-ivan", "v2"], [], 2, 2]]);
      });

      it("work left by a pass that died, or by a process that stopped before upkeep, is done by the next pass after a restart", async () => {
        const rows = Array.from({ length: 1_000 }, (_, i) => known(`e${i}`, `cust-${String(i).padStart(4, "0")}`, i));
        await store.insertEvents(rows);
        await store.upkeepJourneyDigests(SITE, idDigestBuilder());
        await store.insertEvents(rows.map((row, i) => ({ ...row, id: `late${i}`, timestamp: 5_000 + i })));
        let heard = 0;
        const dying = store.upkeepJourneyDigests(SITE, idDigestBuilder(), () => {
          heard++;
          throw new Error("the process died");
        });
        await expect(dying).rejects.toThrow("the process died");
        expect(heard).toBe(1);
        await store.insertEvents([known("last", "cust-0999", 9_999)]);
        await store.close();

        store = await factory.open(location);
        expect(await store.journeyDigestsAsOf(SITE, "ids")).toBeLessThan(Date.now());
        const all = await digests(store);
        expect(all).toHaveLength(1_000);
        expect(all[0]).toEqual(["c:cust-0000", ["e0", "late0"]]);
        expect(all[999]).toEqual(["c:cust-0999", ["e999", "late999", "last"]]);
      });
    });

    describe("export and erasure", () => {
      const history = [
        visit("l1", "laptop", 100),
        identify("l2", "laptop", "alice", 200, { plan: "pro" }),
        visit("p1", "phone", 300),
        identify("p2", "phone", "alice", 400),
        known("s1", "alice", 500),
        // Bob identified the phone later without a reset, and browses as himself.
        identify("b1", "phone", "bob", 600),
        known("b2", "bob", 700, "phone"),
      ];

      it("exports every event, link and stored detail of a customer", async () => {
        await store.insertEvents([
          { ...history[0]!, userAgent: "UA-1", browser: "Chrome", os: "Windows", deviceType: "desktop" },
          ...history.slice(1),
        ]);
        const records = await store.exportCustomer(SITE, "alice");
        expect(records.events.map((e) => e.id)).toEqual(["l1", "l2", "p1", "p2", "s1"]);
        expect(records.events[0]).toEqual({
          id: "l1",
          type: "touchpoint",
          name: "catalog_view",
          anonymousId: "laptop",
          customerId: null,
          sessionId: "sess-1",
          timestamp: 100,
          properties: { sku: "A-1" },
          traits: null,
          context: { path: "/catalog" },
          device: { browser: "Chrome", os: "Windows", type: "desktop" },
          receivedAt: 2_000,
          userAgent: "UA-1",
        });
        expect(records.events[1]?.traits).toEqual({ plan: "pro" });
        expect(records.links).toEqual([
          { anonymousId: "laptop", customerId: "alice", eventId: "l2", linkedAt: 200 },
          { anonymousId: "phone", customerId: "alice", eventId: "p2", linkedAt: 400 },
        ]);
        expect(await store.exportCustomer(SITE, "nobody")).toEqual({ events: [], links: [] });
      });

      it("erases a customer's events, anonymous ones included, and links; a device another customer identified goes to them", async () => {
        await store.insertEvents(history);
        expect(await store.eraseCustomer(SITE, "alice")).toEqual({ events: 5, links: 2 });
        expect(await persons(store)).toEqual([["c:bob", ["b1", "b2"]]]);
        expect(await store.findIdentityLink(SITE, "laptop")).toBeNull();
        expect(await store.findIdentityLink(SITE, "phone")).toEqual({
          anonymousId: "phone",
          customerId: "bob",
          eventId: "b1",
          linkedAt: 600,
        });
        expect(await store.exportCustomer(SITE, "alice")).toEqual({ events: [], links: [] });
        // The laptop is anonymous again: its next visit is nobody's.
        await store.insertEvents([visit("l3", "laptop", 800)]);
        expect(await persons(store, { kind: "anonymous" })).toEqual([["a:laptop", ["l3"]]]);
        expect(await store.eraseCustomer(SITE, "alice")).toEqual({ events: 0, links: 0 });
      });

      it("forgets the links, traits and devices of a customer retention leaves with nothing, and keeps those of a customer with events left", async () => {
        const site = await store.createSite({ name: "shop", origins: [] });
        const onSite = (rows: EventRow[]) => rows.map((row) => ({ ...row, siteId: site.id }));
        await store.insertEvents(
          onSite([
            visit("l1", "laptop", 100),
            identify("l2", "laptop", "alice", 200, { plan: "pro" }),
            known("a3", "alice", 300),
            identify("b1", "phone", "bob", 100, { plan: "free" }),
            known("b2", "bob", 9_000),
            visit("w1", "walk-in", 50),
          ]),
        );
        expect(await store.deleteEventsBefore(5_000)).toBe(5);
        expect(await store.findIdentityLink(site.id, "laptop")).toBeNull();
        expect(await store.exportCustomer(site.id, "alice")).toEqual({ events: [], links: [] });
        expect(await store.findIdentityLink(site.id, "phone")).toEqual({
          anonymousId: "phone",
          customerId: "bob",
          eventId: "b1",
          linkedAt: 100,
        });
        // The laptop's next visit is nobody's: nothing ties it to Alice any more.
        await store.insertEvents(onSite([visit("l9", "laptop", 9_500), visit("p9", "phone", 9_500)]));
        expect(await digests(store, idDigestBuilder(), {}, site.id)).toEqual([
          ["a:laptop", ["l9"]],
          ["c:bob", ["b2", "p9"]],
        ]);
      });

      it("refuses a replay of the erased events and any later event with the erased customer id, on that site only", async () => {
        await store.insertEvents(history);
        await store.eraseCustomer(SITE, "alice");
        // The original rows again, as an SDK's retry queue or a repeated import would send them.
        expect(await store.insertEvents(history)).toEqual([
          "suppressed",
          "suppressed",
          "suppressed",
          "suppressed",
          "suppressed",
          "duplicate",
          "duplicate",
        ]);
        expect(
          await store.insertEvents([
            known("s2", "alice", 900),
            identify("l9", "tablet", "alice", 900),
            known("s2", "alice", 900),
            visit("l10", "laptop", 900),
            known("s1", "alice", 500, null),
          ]),
        ).toEqual(["suppressed", "suppressed", "suppressed", "new", "suppressed"]);
        // Suppression is per site.
        expect(
          await store.insertEvents(
            [known("s1", "alice", 500, null), known("s1", "alice", 500, null)].map((row) => ({ ...row, siteId: "site_b" })),
          ),
        ).toEqual(["new", "duplicate"]);
        expect(await persons(store)).toEqual([
          ["a:laptop", ["l10"]],
          ["c:bob", ["b1", "b2"]],
        ]);
        expect(await store.exportCustomer(SITE, "alice")).toEqual({ events: [], links: [] });
        expect(await store.findIdentityLink(SITE, "tablet")).toBeNull();
      });
    });

    describe("stage models and spend", () => {
      it("stores a site's stage model, and null restores the default", async () => {
        const site = await store.createSite({ name: "shop", origins: [] });
        expect(await store.setStageModel(site.id, DEFAULT_STAGE_MODEL)).toBe(true);
        expect((await store.findSiteByWriteKey(site.writeKey))?.stageModel).toEqual(DEFAULT_STAGE_MODEL);
        expect(await store.setStageModel(site.id, null)).toBe(true);
        expect((await store.findSiteByWriteKey(site.writeKey))?.stageModel).toBeNull();
        expect(await store.setStageModel("site_unknown", null)).toBe(false);
      });

      it("keeps spend rows per site, oldest first, and refuses a second currency for one key", async () => {
        const row = { groupBy: "channel" as const, key: "paid_search", from: "2026-03-01", to: "2026-03-31", amount: 300, currency: "EUR" };
        const first = await store.addSpend(SITE, row);
        const second = await store.addSpend(SITE, { ...row, key: "email", amount: 50.5, currency: "USD" });
        expect(await store.addSpend(SITE, { ...row, currency: "USD" })).toEqual({ currencyConflict: "EUR" });
        expect(await store.addSpend("site_b", { ...row, currency: "USD" })).toMatchObject({ stored: { currency: "USD" } });
        if (!("stored" in first) || !("stored" in second)) throw new Error("both rows should be stored");
        expect(first.stored).toEqual({ ...row, id: expect.stringMatching(/^spend_/), createdAt: expect.any(Number) });
        expect(await store.listSpend(SITE)).toEqual(
          [first.stored, second.stored].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
        );
      });
    });
  });
}
