/**
 * What only PostgreSQL can show: several collector processes on one database. Each store opened
 * here has its own pool, as a separate process would; the shared behaviour lives in
 * store-behaviour.ts.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { eventRow } from "../store-behaviour.js";
import type { EventRow, Store } from "../store.js";
import { openPostgresStore } from "./postgres-store.js";

const identify = (id: string, anonymousId: string, customerId: string, timestamp: number): EventRow =>
  eventRow(id, { type: "identify", name: "identify", anonymousId, customerId, personKey: `c:${customerId}`, timestamp, traits: "{}" });

describe.skipIf(!findPostgresBin())("PostgreSQL store (skipped only where the postgresql package is missing)", () => {
  const server = useThrowawayPostgres();
  let databases = 0;
  let opened: Store[] = [];
  const clients: pg.Client[] = [];

  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
    await Promise.all(clients.splice(0).map((client) => client.end()));
  });

  /** A fresh database, and a way to open "nodes" on it: stores with pools of their own. */
  async function database() {
    const url = await server().createDatabase(`pg_store_${++databases}`);
    const node = async () => {
      const store = await openPostgresStore(url, { maxConnections: 3 });
      opened.push(store);
      return store;
    };
    const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      clients.push(client);
      await client.connect();
      return (await client.query<R>(text, values)).rows;
    };
    return { url, node, query };
  }

  it("lets several collectors start at once on an empty database, each migration applied once", async () => {
    const { node, query } = await database();
    const nodes = await Promise.all([node(), node(), node(), node()]);
    const site = await (nodes[0] as Store).createSite({ name: "shop", origins: [] });
    expect((await (nodes[3] as Store).findSiteByWriteKey(site.writeKey))?.id).toBe(site.id);
    const applied = await query<{ n: string }>("SELECT count(*) AS n FROM drizzle.__drizzle_migrations");
    const journal = (await import("../../../drizzle/postgres/meta/_journal.json", { with: { type: "json" } })).default as {
      entries: unknown[];
    };
    expect(Number(applied[0]?.n)).toBe(journal.entries.length);
  });

  it("stores events sent to two collectors at once, in opposite orders, each exactly once", async () => {
    const { node } = await database();
    const [a, b] = [await node(), await node()];
    // Big enough that both inserts are under way together: unsorted, they would deadlock.
    const rows = Array.from({ length: 4_000 }, (_, i) =>
      eventRow(`e${i}`, { anonymousId: null, customerId: `c${i % 7}`, personKey: `c:c${i % 7}` }),
    );
    const answers = await Promise.all([
      a.insertEvents(rows),
      b.insertEvents([...rows].reverse()),
      a.insertEvents(rows.slice(1_000, 3_000)),
      b.insertEvents(rows.slice(500, 1_500)),
    ]);
    expect(answers.flat().filter((outcome) => outcome === "new")).toHaveLength(4_000);
    expect(await a.countEvents("site_a")).toBe(4_000);
  });

  it("gives a visitor identified at once on two collectors to the earlier identify, with every anonymous event", async () => {
    const { node, query } = await database();
    const [a, b] = [await node(), await node()];
    for (let round = 0; round < 15; round++) {
      const visitor = `anon-${round}`;
      const anonymous = (id: string) => eventRow(id, { anonymousId: visitor, personKey: `a:${visitor}`, timestamp: 500 + round });
      // Bob identifies later in time but may arrive first; anonymous events race both identifies.
      await Promise.all([
        b.insertEvents([anonymous(`${visitor}-x`), identify(`${visitor}-bob`, visitor, "bob", 2_000)]),
        a.insertEvents([identify(`${visitor}-alice`, visitor, "alice", 1_000), anonymous(`${visitor}-y`)]),
        b.insertEvents([anonymous(`${visitor}-z`)]),
        a.insertEvents([anonymous(`${visitor}-w`)]),
      ]);
    }
    const links = await query<{ customer_id: string; event_id: string }>("SELECT DISTINCT customer_id, linked_at FROM identity_links");
    expect(links).toEqual([{ customer_id: "alice", linked_at: "1000" }]);
    const keys = await query<{ person_key: string; n: string }>(
      "SELECT person_key, count(*) AS n FROM events GROUP BY person_key ORDER BY person_key",
    );
    // Per round: four anonymous events and alice's identify are alice's; bob keeps only his identify.
    expect(keys).toEqual([
      { person_key: "c:alice", n: "75" },
      { person_key: "c:bob", n: "15" },
    ]);
  });

  it("lets a visitor's anonymous events through while another transaction reads its link, and holds an identify until that one ends", async () => {
    const { url, node } = await database();
    const store = await node();
    const visit = (id: string) => eventRow(id, { anonymousId: "anon-9", personKey: "a:anon-9" });
    await store.insertEvents([visit("v0")]);
    // Another collector in the middle of storing anon-9's events: it holds the visitor in share mode.
    const reader = new pg.Client({ connectionString: url });
    clients.push(reader);
    await reader.connect();
    await reader.query("BEGIN");
    await reader.query("SELECT 1 FROM anonymous_ids WHERE anonymous_id = 'anon-9' FOR KEY SHARE");

    expect(await store.insertEvents([visit("v1")])).toEqual(["new"]);
    let identified = false;
    const identifying = store.insertEvents([identify("i1", "anon-9", "alice", 5_000)]).then(() => (identified = true));
    // Wait until the identify's transaction waits for the reader's lock.
    for (let waiting = 0; waiting === 0; ) {
      const { rows } = await reader.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'touchpoint-collector'",
      );
      waiting = Number(rows[0]?.n);
    }
    expect(identified).toBe(false);
    await reader.query("COMMIT");
    await identifying;
    expect((await store.readEvents("site_a", { personKey: "c:alice" })).map((e) => e.id)).toEqual(["v0", "v1", "i1"]);
  });

  it("erases a customer on one collector while another stores their devices' visits, leaving nothing under the customer", async () => {
    const { node, query } = await database();
    const [a, b] = [await node(), await node()];
    for (let round = 0; round < 10; round++) {
      const customer = `cust-${round}`;
      const devices = [`laptop-${round}`, `phone-${round}`];
      await a.insertEvents(devices.map((device, i) => identify(`${device}-i`, device, customer, 100 + i)));
      const visits = devices.map((device) => eventRow(`${device}-v`, { anonymousId: device, personKey: `a:${device}`, timestamp: 500 }));
      // Each visit either lands first and is erased with the customer, or after, as a nobody.
      await Promise.all([a.eraseCustomer("site_a", customer), b.insertEvents(visits), b.insertEvents(visits.slice().reverse())]);
      expect(await a.exportCustomer("site_a", customer)).toEqual({ events: [], links: [] });
    }
    const left = await query<{ person_key: string }>("SELECT DISTINCT person_key FROM events WHERE person_key LIKE 'c:%'");
    expect(left).toEqual([]);
    // Devices nobody owns any more are forgotten, unless a visit after the erasure brought them back.
    const devices = await query<{ n: string }>(
      "SELECT count(*) AS n FROM anonymous_ids a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = a.site_id AND e.person_key = 'a:' || a.anonymous_id)",
    );
    expect(devices).toEqual([{ n: "0" }]);
  });

  it("erases a customer whose event another collector is committing at that moment: the event goes too, or is suppressed", async () => {
    const { url, node, query } = await database();
    const [a, b] = [await node(), await node()];
    // Zoe's earlier anonymous visit: a later identify moves it, which a held row lock can pause.
    await b.insertEvents([eventRow("z0", { anonymousId: "zoe-phone", personKey: "a:zoe-phone", timestamp: 50 })]);
    const holder = new pg.Client({ connectionString: url });
    clients.push(holder);
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM events WHERE id = 'z0' FOR UPDATE");
    const waiting = async () =>
      Number((await query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"))[0]?.n);
    const until = async (done: () => Promise<boolean>) => {
      while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    // B's group: a server-side event of Alice, and Zoe's identify, whose move of z0 waits on the held lock
    // after both rows are inserted (uncommitted).
    const ingest = b.insertEvents([
      eventRow("alice-1", { anonymousId: null, customerId: "alice", personKey: "c:alice", timestamp: 100 }),
      identify("z1", "zoe-phone", "zoe", 200),
    ]);
    await until(async () => (await waiting()) === 1);
    let erased = false;
    const erasure = a.eraseCustomer("site_a", "alice").then((result) => {
      erased = true;
      return result;
    });
    // The erasure either finishes at once, not seeing the uncommitted event, or waits for the ingest.
    await until(async () => erased || (await waiting()) === 2);
    await holder.query("COMMIT");
    const outcomes = await ingest;
    await erasure;
    expect(await a.exportCustomer("site_a", "alice")).toEqual({ events: [], links: [] });
    expect(outcomes).toEqual(["new", "new"]);
    expect(
      await b.insertEvents([eventRow("alice-2", { anonymousId: null, customerId: "alice", personKey: "c:alice", timestamp: 300 })]),
    ).toEqual(["suppressed"]);
  });

  it("forgets the visitor rows of devices retention leaves with nothing", async () => {
    const { node, query } = await database();
    const store = await node();
    const site = await store.createSite({ name: "shop", origins: [] });
    const visit = (id: string, anonymousId: string, timestamp: number) =>
      eventRow(id, { siteId: site.id, anonymousId, personKey: `a:${anonymousId}`, timestamp });
    await store.insertEvents([
      visit("o1", "gone-visitor", 100),
      visit("k1", "kept-visitor", 100),
      visit("k2", "kept-visitor", 9_000),
      { ...identify("a1", "alice-laptop", "alice", 200), siteId: site.id },
      { ...identify("b1", "bob-phone", "bob", 200), siteId: site.id },
      eventRow("b2", { siteId: site.id, anonymousId: null, customerId: "bob", personKey: "c:bob", timestamp: 9_000 }),
    ]);
    expect(await store.deleteEventsBefore(5_000)).toBe(4);
    expect(
      (await query<{ anonymous_id: string }>("SELECT anonymous_id FROM anonymous_ids ORDER BY anonymous_id")).map((r) => r.anonymous_id),
    ).toEqual(["bob-phone", "kept-visitor"]);
    expect(await query("SELECT anonymous_id, customer_id FROM identity_links")).toEqual([
      { anonymous_id: "bob-phone", customer_id: "bob" },
    ]);
  });

  it("stores a user agent holding NUL, which PostgreSQL text cannot, without it", async () => {
    const { node, query } = await database();
    const store = await node();
    expect(await store.insertEvents([eventRow("e1", { userAgent: "Mozilla\u0000/5.0", browser: "Mo\u0000zilla" })])).toEqual(["new"]);
    expect(await query("SELECT user_agent, browser FROM events")).toEqual([{ user_agent: "Mozilla/5.0", browser: "Mozilla" }]);
  });

  it("keeps only hashes of the read and secret keys", async () => {
    const { node, query } = await database();
    const site = await (await node()).createSite({ name: "shop", origins: [] });
    const dump = JSON.stringify(await query("SELECT * FROM sites"));
    expect(dump).toContain(site.writeKey);
    expect(dump).not.toContain(site.readKey);
    expect(dump).not.toContain(site.secretKey);
  });
});
