/**
 * The Store contract as one suite, written once and run against every implementation (the way
 * drizzle runs one integration suite over each of its drivers): src/store/sqlite/
 * sqlite-behaviour.test.ts and src/store/postgres/postgres-behaviour.test.ts call
 * describeStoreBehaviour. A behaviour belongs here when any store must show it; what only one
 * store can show (SQLite's WAL, PostgreSQL's concurrent writers) stays beside that store.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventRow, Store } from "./store.js";

export interface StoreFactory {
  /** Makes a new, empty database and returns where it is (a file path, a URL). */
  newDatabase(): Promise<string>;
  /** Opens a store on a database made by newDatabase; may be called again after close(). */
  open(location: string): Promise<Store>;
}

/** A stored row as the tests write it: a catalog view of visitor anon-1 on site_a, changed by `overrides`. */
export function eventRow(id: string, overrides: Partial<EventRow> = {}): EventRow {
  return {
    siteId: "site_a",
    id,
    type: "touchpoint",
    name: "catalog_view",
    anonymousId: "anon-1",
    customerId: null,
    personKey: "a:anon-1",
    sessionId: "sess-1",
    timestamp: 1_000,
    receivedAt: 2_000,
    properties: '{"sku":"A-1"}',
    traits: null,
    context: '{"path":"/catalog"}',
    userAgent: "Mozilla/5.0 (test)",
    browser: null,
    os: null,
    deviceType: null,
    ...overrides,
  };
}

export function describeStoreBehaviour(name: string, factory: StoreFactory): void {
  describe(`${name} store behaviour`, () => {
    let location = "";
    let opened: Store[] = [];
    /** Opens (again) the test's own database; every store opened is closed after the test. */
    const open = async () => {
      const store = await factory.open(location);
      opened.push(store);
      return store;
    };
    beforeEach(async () => {
      location = await factory.newDatabase();
    });
    afterEach(async () => {
      await Promise.all(opened.map((store) => store.close()));
      opened = [];
    });

    describe("ingest", () => {
      it("reads events back in time order, exactly as written, after closing and reopening", async () => {
        const first = await open();
        const site = await first.createSite({ name: "shop", origins: ["https://shop.example"] });
        expect(
          await first.insertEvents([eventRow("e1", { siteId: site.id }), eventRow("e2", { siteId: site.id, timestamp: 500 })]),
        ).toEqual(["new", "new"]);
        await first.close();

        const second = await open();
        expect(await second.countEvents(site.id)).toBe(2);
        expect(await second.readEvents(site.id)).toEqual([
          {
            id: "e2",
            type: "touchpoint",
            name: "catalog_view",
            anonymousId: "anon-1",
            customerId: null,
            sessionId: "sess-1",
            timestamp: 500,
            properties: { sku: "A-1" },
            traits: null,
            context: { path: "/catalog" },
            device: null,
          },
          {
            id: "e1",
            type: "touchpoint",
            name: "catalog_view",
            anonymousId: "anon-1",
            customerId: null,
            sessionId: "sess-1",
            timestamp: 1_000,
            properties: { sku: "A-1" },
            traits: null,
            context: { path: "/catalog" },
            device: null,
          },
        ]);
        expect(await second.findSiteByWriteKey(site.writeKey)).toEqual({
          id: site.id,
          name: "shop",
          writeKey: site.writeKey,
          origins: ["https://shop.example"],
          stageModel: null,
          createdAt: site.createdAt,
        });
      });

      it("keeps JSON values through storage: NUL escapes, astral characters, RTL marks, big numbers", async () => {
        const store = await open();
        const properties = '{"z":"a\\u0000b","emoji":"\u{1F600}","a":1.5,"big":12345678901234567890,"neg":-0.25,"nil":null,"yes":true}';
        const context = '{"userAgent":"bot\\u0000","title":"r\u00e9sum\u00e9 \u202eRTL"}';
        const traits = '{"plan":"pro","seats":5}';
        await store.insertEvents([
          eventRow("e1", {
            type: "identify",
            name: "identify",
            customerId: "alice",
            personKey: "c:alice",
            properties,
            context,
            traits,
            userAgent: "bot\u0000",
          }),
        ]);
        const [event] = await store.readEvents("site_a");
        expect(event?.properties).toEqual(JSON.parse(properties));
        expect(event?.context).toEqual(JSON.parse(context));
        expect(event?.traits).toEqual({ plan: "pro", seats: 5 });
      });

      it("reads back the device the user agent named", async () => {
        const store = await open();
        await store.insertEvents([
          eventRow("e1", { browser: "Chrome", os: "Windows", deviceType: "desktop" }),
          eventRow("e2", { userAgent: "curl/8.0", browser: null, os: null, deviceType: "desktop" }),
        ]);
        expect((await store.readEvents("site_a")).map((e) => e.device)).toEqual([
          { browser: "Chrome", os: "Windows", type: "desktop" },
          { browser: null, os: null, type: "desktop" },
        ]);
      });

      it("orders events of equal time by insertion and honours a limit", async () => {
        const store = await open();
        await store.insertEvents([eventRow("b", { timestamp: 7 }), eventRow("a", { timestamp: 7 }), eventRow("c", { timestamp: 3 })]);
        await store.insertEvents([eventRow("0", { timestamp: 7 })]);
        expect((await store.readEvents("site_a")).map((e) => e.id)).toEqual(["c", "b", "a", "0"]);
        expect((await store.readEvents("site_a", { limit: 2 })).map((e) => e.id)).toEqual(["c", "b"]);
      });

      it("reads one person's journey: every device's events under the person key, in time order, and no one else's", async () => {
        const store = await open();
        const visit = (id: string, anonymousId: string, timestamp: number) =>
          eventRow(id, { anonymousId, personKey: `a:${anonymousId}`, timestamp });
        const identify = (id: string, anonymousId: string, timestamp: number) =>
          eventRow(id, {
            type: "identify",
            name: "identify",
            anonymousId,
            customerId: "alice",
            personKey: "c:alice",
            timestamp,
            traits: "{}",
          });
        await store.insertEvents([visit("l1", "laptop", 100), visit("p1", "phone", 150), visit("x1", "stranger", 120)]);
        await store.insertEvents([identify("l2", "laptop", 200), identify("p2", "phone", 300), visit("p3", "phone", 50)]);
        expect((await store.readEvents("site_a", { personKey: "c:alice" })).map((e) => e.id)).toEqual(["p3", "l1", "p1", "l2", "p2"]);
        expect((await store.readEvents("site_a", { personKey: "c:alice", limit: 2 })).map((e) => e.id)).toEqual(["p3", "l1"]);
        expect((await store.readEvents("site_a", { personKey: "a:stranger" })).map((e) => e.id)).toEqual(["x1"]);
        expect(await store.readEvents("site_a", { personKey: "a:laptop" })).toEqual([]);
        expect(await store.readEvents("site_b", { personKey: "c:alice" })).toEqual([]);
      });

      it("reads a person's events with every value as stored: quotes, escapes, other scripts, nulls and large times", async () => {
        const store = await open();
        const tricky = eventRow("q1", {
          name: 'say "hi"',
          anonymousId: "anon-\\1",
          personKey: "a:anon-\\1",
          sessionId: null,
          timestamp: 4_102_444_800_123,
          properties: '{"quote":"\\"x\\"","slash":"a\\\\b","line":"1\\n2","emoji":"👟 Größe","tab":"\\t"}',
          traits: '{"name":"Zoë \\"Z\\" O\'Neil"}',
          context: '{"path":"/caf\\u00e9?q=a&b=<c>"}',
          browser: "Chrome",
          os: "Android",
          deviceType: "mobile",
        });
        const plain = eventRow("q2", { anonymousId: "anon-\\1", personKey: "a:anon-\\1", timestamp: 5 });
        await store.insertEvents([tricky, plain]);
        const person = await store.readEvents("site_a", { personKey: "a:anon-\\1" });
        expect(person).toEqual(await store.readEvents("site_a"));
        expect(person).toEqual([
          {
            id: "q2",
            type: "touchpoint",
            name: "catalog_view",
            anonymousId: "anon-\\1",
            customerId: null,
            sessionId: "sess-1",
            timestamp: 5,
            properties: { sku: "A-1" },
            traits: null,
            context: { path: "/catalog" },
            device: null,
          },
          {
            id: "q1",
            type: "touchpoint",
            name: 'say "hi"',
            anonymousId: "anon-\\1",
            customerId: null,
            sessionId: null,
            timestamp: 4_102_444_800_123,
            properties: { quote: '"x"', slash: "a\\b", line: "1\n2", emoji: "👟 Größe", tab: "\t" },
            traits: { name: 'Zoë "Z" O\'Neil' },
            context: { path: "/café?q=a&b=<c>" },
            device: { browser: "Chrome", os: "Android", type: "mobile" },
          },
        ]);
      });

      it("commits nothing of a group when one row fails", async () => {
        const store = await open();
        const broken = eventRow("e2", { name: null as unknown as string });
        await expect(store.insertEvents([eventRow("e1"), broken])).rejects.toThrow();
        expect(await store.countEvents("site_a")).toBe(0);
        expect(await store.insertEvents([eventRow("e1")])).toEqual(["new"]);
      });

      it("answers an empty group with no flags", async () => {
        const store = await open();
        expect(await store.insertEvents([])).toEqual([]);
      });
    });

    describe("dedupe", () => {
      it("reports per row whether it was new, counting repeats inside one call as duplicates", async () => {
        const store = await open();
        expect(await store.insertEvents([eventRow("e1"), eventRow("e2"), eventRow("e1")])).toEqual(["new", "new", "duplicate"]);
        expect(await store.insertEvents([eventRow("e2"), eventRow("e3"), eventRow("e1", { siteId: "site_b" })])).toEqual([
          "duplicate",
          "new",
          "new",
        ]);
        expect(await store.countEvents("site_a")).toBe(3);
        expect(await store.countEvents("site_b")).toBe(1);
      });

      it("changes a site's events marker when an event is added or deleted, even both in between", async () => {
        const store = await open();
        // Retention deletes the events of sites that exist.
        const { id } = await store.createSite({ name: "a", origins: [] });
        const row = (eventId: string, overrides: Partial<EventRow> = {}) => eventRow(eventId, { siteId: id, ...overrides });
        const empty = await store.eventsMarker(id);
        await store.insertEvents([row("e1", { timestamp: 1_000 }), row("e2", { timestamp: 2_000 })]);
        const two = await store.eventsMarker(id);
        expect(two).not.toBe(empty);
        // A duplicate or another site's event may move it too; what matters is that no change of this site's leaves it.
        await store.insertEvents([row("e1"), eventRow("b1", { siteId: "site_b" })]);
        const same = await store.eventsMarker(id);
        await store.insertEvents([row("e3", { timestamp: 3_000 })]);
        const three = await store.eventsMarker(id);
        expect([two, same]).not.toContain(three);
        // One deleted and one added: as many events as before, still another marker.
        expect(await store.deleteEventsBefore(1_500)).toBe(1);
        await store.insertEvents([row("e4", { timestamp: 4_000 })]);
        expect(await store.countEvents(id)).toBe(3);
        const four = await store.eventsMarker(id);
        expect([empty, two, same, three]).not.toContain(four);
        // Added and deleted again between two reads: count and sum as they were, the marker not.
        await store.insertEvents([row("brief", { timestamp: 100 })]);
        expect(await store.deleteEventsBefore(200)).toBe(1);
        expect([empty, two, same, three, four]).not.toContain(await store.eventsMarker(id));
      });

      it("changes a person's events marker when their events change (added, moved in or out, deleted), not when another's do", async () => {
        const store = await open();
        const { id } = await store.createSite({ name: "a", origins: [] });
        const row = (eventId: string, overrides: Partial<EventRow> = {}) => eventRow(eventId, { siteId: id, ...overrides });
        const markers = async () => [await store.personEventsMarker(id, "a:anon-1"), await store.personEventsMarker(id, "c:alice")];
        expect(await markers()).toEqual([null, null]);

        await store.insertEvents([row("v1", { timestamp: 1_000 }), row("v2", { timestamp: 2_000 })]);
        const [two] = await markers();
        expect(two).toEqual(expect.any(String));
        await store.insertEvents([
          row("o1", { anonymousId: "anon-2", personKey: "a:anon-2", timestamp: 9_000 }),
          eventRow("b1"),
          row("v1"),
        ]);
        expect(await markers()).toEqual([two, null]);

        await store.insertEvents([row("v3", { timestamp: 500 })]);
        const [three] = await markers();
        expect([null, two]).not.toContain(three);

        await store.insertEvents([
          row("i1", { type: "identify", name: "identify", customerId: "alice", personKey: "c:alice", timestamp: 3_000 }),
        ]);
        const [moved, alice] = await markers();
        expect(moved).toBeNull();
        expect((await store.readEvents(id, { personKey: "c:alice" })).map((e) => e.id)).toEqual(["v3", "v1", "v2", "i1"]);

        expect(await store.deleteEventsBefore(800)).toBe(1);
        const [, expired] = await markers();
        expect([null, alice]).not.toContain(expired);
        // As many events as before: one expired, one added.
        expect(await store.deleteEventsBefore(1_500)).toBe(1);
        await store.insertEvents([row("c1", { customerId: "alice", personKey: "c:alice", timestamp: 4_000 })]);
        const [, swapped] = await markers();
        expect((await store.readEvents(id, { personKey: "c:alice" })).map((e) => e.id)).toEqual(["v2", "i1", "c1"]);
        expect([null, alice, expired]).not.toContain(swapped);

        await store.eraseCustomer(id, "alice");
        expect(await markers()).toEqual([null, null]);
        expect(await store.personEventsMarker(id, "a:anon-2")).toEqual(expect.any(String));
      });

      it("reads a person's events with the marker of exactly those events", async () => {
        const store = await open();
        const { id } = await store.createSite({ name: "a", origins: [] });
        const row = (eventId: string, overrides: Partial<EventRow> = {}) => eventRow(eventId, { siteId: id, ...overrides });
        expect(await store.readMarkedPersonEvents(id, "a:anon-1")).toBeNull();
        await store.insertEvents([
          row("e2", { timestamp: 2_000 }),
          row("e1", { timestamp: 1_000 }),
          row("o1", { anonymousId: "anon-2", personKey: "a:anon-2" }),
        ]);
        const marked = await store.readMarkedPersonEvents(id, "a:anon-1");
        expect(marked?.events.map((e) => e.id)).toEqual(["e1", "e2"]);
        expect(marked?.events).toEqual(await store.readEvents(id, { personKey: "a:anon-1" }));
        expect(marked?.marker).toBe(await store.personEventsMarker(id, "a:anon-1"));
        await store.insertEvents([row("e3", { timestamp: 3_000 })]);
        const more = await store.readMarkedPersonEvents(id, "a:anon-1");
        expect([more?.events.length, more?.marker]).toEqual([3, await store.personEventsMarker(id, "a:anon-1")]);
        expect(more?.marker).not.toBe(marked?.marker);
      });

      it("keeps the first version of an id and ignores a later one with other content", async () => {
        const store = await open();
        await store.insertEvents([eventRow("e1", { name: "banner_click" })]);
        expect(await store.insertEvents([eventRow("e1", { name: "purchase", timestamp: 5 })])).toEqual(["duplicate"]);
        expect((await store.readEvents("site_a")).map((e) => [e.id, e.name, e.timestamp])).toEqual([["e1", "banner_click", 1_000]]);
      });

      it("stores each of many concurrent overlapping groups' events once", async () => {
        const store = await open();
        const ids = Array.from({ length: 60 }, (_, i) => `e${String(i).padStart(2, "0")}`);
        // Four groups of 30 consecutive ids, each overlapping the next by 20, half of them in reverse.
        const customerEvent = (id: string) => eventRow(id, { anonymousId: null, customerId: "alice", personKey: "c:alice" });
        const groups = [0, 10, 20, 30].map((start, g) => {
          const group = ids.slice(start, start + 30).map(customerEvent);
          return g % 2 === 0 ? group : group.reverse();
        });
        const answers = await Promise.all(groups.map((group) => store.insertEvents(group)));
        expect(answers.flat().filter((outcome) => outcome === "new")).toHaveLength(60);
        expect(await store.countEvents("site_a")).toBe(60);
      });
    });

    describe("sites and keys", () => {
      it("makes keys of the documented shapes and finds each site by its own keys only", async () => {
        const store = await open();
        const site = await store.createSite({ name: "shop", origins: [] });
        const other = await store.createSite({ name: "blog", origins: ["https://blog.example", "http://localhost:3000"] });
        expect(site.id).toMatch(/^site_[A-Za-z0-9_-]{16}$/);
        expect(site.writeKey).toMatch(/^tp_pub_[A-Za-z0-9_-]{32}$/);
        expect(site.readKey).toMatch(/^tp_read_[A-Za-z0-9_-]{32}$/);
        expect(site.secretKey).toMatch(/^tp_sec_[A-Za-z0-9_-]{32}$/);
        expect((await store.findSiteByWriteKey(site.writeKey))?.id).toBe(site.id);
        expect((await store.findSiteByReadKey(site.readKey))?.id).toBe(site.id);
        expect((await store.findSiteBySecretKey(site.secretKey))?.id).toBe(site.id);
        expect((await store.findSiteByReadKey(other.readKey))?.origins).toEqual(["https://blog.example", "http://localhost:3000"]);
        expect(await store.findSiteByReadKey(site.secretKey)).toBeNull();
        expect(await store.findSiteBySecretKey(site.readKey)).toBeNull();
        expect(await store.findSiteBySecretKey(site.writeKey)).toBeNull();
        expect(await store.findSiteByWriteKey(site.readKey)).toBeNull();
        expect(await store.findSiteByWriteKey("tp_pub_unknown")).toBeNull();
      });

      it("lists every site without its secret keys", async () => {
        const store = await open();
        expect(await store.listSites()).toEqual([]);
        const a = await store.createSite({ name: "a", origins: [] });
        const b = await store.createSite({ name: "b", origins: ["https://b.example"] });
        const listed = await store.listSites();
        expect(listed.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
          { id: a.id, name: "a", writeKey: a.writeKey, origins: [], stageModel: null, createdAt: a.createdAt },
          { id: b.id, name: "b", writeKey: b.writeKey, origins: ["https://b.example"], stageModel: null, createdAt: b.createdAt },
        ]);
      });
    });

    describe("key rotation, origins and retention", () => {
      it("rotates each key: the new one finds the site, the old one stops at once, also for another store on the same database", async () => {
        const store = await open();
        const elsewhere = await open();
        const site = await store.createSite({ name: "shop", origins: [] });
        const writeKey = await store.rotateKey(site.id, "write");
        expect(writeKey).toMatch(/^tp_pub_[A-Za-z0-9_-]{32}$/);
        expect(await elsewhere.findSiteByWriteKey(site.writeKey)).toBeNull();
        expect((await elsewhere.findSiteByWriteKey(writeKey!))?.id).toBe(site.id);
        expect((await elsewhere.findSiteByReadKey(site.readKey))?.writeKey).toBe(writeKey);

        const readKey = await store.rotateKey(site.id, "read");
        expect(readKey).toMatch(/^tp_read_[A-Za-z0-9_-]{32}$/);
        expect(await elsewhere.findSiteByReadKey(site.readKey)).toBeNull();
        expect((await elsewhere.findSiteByReadKey(readKey!))?.id).toBe(site.id);

        const secretKey = await store.rotateKey(site.id, "secret");
        expect(secretKey).toMatch(/^tp_sec_[A-Za-z0-9_-]{32}$/);
        expect(await elsewhere.findSiteBySecretKey(site.secretKey)).toBeNull();
        expect((await elsewhere.findSiteBySecretKey(secretKey!))?.id).toBe(site.id);
        expect((await elsewhere.findSiteByReadKey(readKey!))?.id).toBe(site.id);

        expect(await store.rotateKey("site_unknown", "read")).toBeNull();
      });

      it("replaces a site's allowed origins", async () => {
        const store = await open();
        const site = await store.createSite({ name: "shop", origins: ["https://old.example"] });
        expect(await store.setSiteOrigins(site.id, ["http://127.0.0.1:8788", "http://localhost:8788"])).toBe(true);
        expect((await store.findSiteByWriteKey(site.writeKey))?.origins).toEqual(["http://127.0.0.1:8788", "http://localhost:8788"]);
        expect(await store.setSiteOrigins("site_unknown", [])).toBe(false);
      });

      it("deletes the events of every site before a time, however many, and keeps the later ones", async () => {
        const store = await open();
        const a = await store.createSite({ name: "a", origins: [] });
        const b = await store.createSite({ name: "b", origins: [] });
        // More than one chunk of old events, interleaved in time with nothing else.
        await store.insertEvents(
          Array.from({ length: 12_001 }, (_, i) => eventRow(`old-${i}`, { siteId: a.id, timestamp: 1_000 + (i % 500) })),
        );
        await store.insertEvents([
          eventRow("edge", { siteId: a.id, timestamp: 5_000 }),
          eventRow("new", { siteId: a.id, timestamp: 9_000 }),
          eventRow("b-old", { siteId: b.id, timestamp: 4_999 }),
          eventRow("b-new", { siteId: b.id, timestamp: 5_000 }),
        ]);
        expect(await store.deleteEventsBefore(5_000)).toBe(12_002);
        expect((await store.readEvents(a.id)).map((e) => e.id)).toEqual(["edge", "new"]);
        expect((await store.readEvents(b.id)).map((e) => e.id)).toEqual(["b-new"]);
        expect(await store.deleteEventsBefore(5_000)).toBe(0);
      });
    });
  });
}
