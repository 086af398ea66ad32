import { join } from "node:path";
import Database from "better-sqlite3";
import { classifyChannel } from "@touchpoint/journeys";
import { createBatchValidator, type EventContext } from "@touchpoint/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { createGroupCommitWriter } from "../ingest/group-commit.js";
import { createEventIngest } from "../ingest/ingest-batch.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Site, Store } from "../store/store.js";
import { useTempDir } from "../testing/temp-dir.js";
import { seedSite, type SeedSummary } from "./seed-site.js";

const UNTIL = Date.parse("2026-11-23T12:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;
const tempDir = useTempDir("touchpoint-seed-");
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function seeded(
  path: string,
  customers: number,
  seed: number,
  days = 30,
): Promise<{ store: Store; site: Site; summary: SeedSummary }> {
  const store = await openSqliteStore(path);
  opened.push(store);
  const site = (await store.listSites())[0] ?? (await store.createSite({ name: "demo", origins: [] }));
  const writer = createGroupCommitWriter(store, { windowMs: 0, maxRows: 5_000 });
  const ingestEvents = createEventIngest({ writer, validator: createBatchValidator() });
  const summary = await seedSite({ site, ingestEvents, customers, days, seed, until: UNTIL });
  await writer.close();
  return { store, site, summary };
}

interface Row {
  id: string;
  type: string;
  name: string;
  anonymous_id: string | null;
  customer_id: string | null;
  person_key: string;
  session_id: string | null;
  timestamp: number;
  properties: string;
  context: string;
  device_type: string | null;
}

function rows(path: string): Row[] {
  const db = new Database(path, { readonly: true });
  const all = db.prepare("SELECT * FROM events ORDER BY seq").all() as Row[];
  db.close();
  return all;
}

describe("seedSite", () => {
  it("sends every planned event through the ingest path, and the summary's counts match what is stored", async () => {
    const path = join(tempDir(), "t.db");
    const { summary } = await seeded(path, 200, 42);
    const stored = rows(path);
    const { seconds, eventsPerSecond, site, ...counts } = summary;
    expect(counts).toEqual({
      seed: 42,
      customers: 200,
      anonymousVisitors: 60,
      from: "2026-10-24T12:00:00.000Z",
      until: "2026-11-23T12:00:00.000Z",
      sessions: summary.sessions,
      devices: summary.devices,
      events: stored.length,
      serverEvents: stored.filter((r) => r.anonymous_id === null).length,
      accepted: stored.length,
      duplicates: 0,
      rejected: 0,
      bots: 0,
      purchases: stored.filter((r) => r.name === "purchase").length,
      revenue:
        Math.round(
          stored.filter((r) => r.name === "purchase").reduce((sum, r) => sum + (JSON.parse(r.properties) as { value: number }).value, 0) *
            100,
        ) / 100,
      currency: "EUR",
      personas: summary.personas,
      furthestStage: summary.furthestStage,
    });
    // The generator's own tallies, cross-checked against the rows.
    expect(new Set(stored.map((r) => r.session_id).filter((s) => s !== null)).size).toBe(summary.sessions);
    expect(new Set(stored.map((r) => r.anonymous_id).filter((a) => a !== null)).size).toBe(summary.devices);
    expect(Object.values(summary.personas).reduce((a, b) => a + b)).toBe(200);
    expect(Object.values(summary.furthestStage).reduce((a, b) => a + b)).toBe(260);
    // Exact figures of this seed: a change to the generator shows here.
    expect([summary.events, summary.sessions, summary.devices, summary.purchases, summary.serverEvents]).toEqual([2873, 508, 280, 127, 22]);
  });

  it("stitches every device's anonymous browsing to its customer, and leaves only the visitors anonymous", async () => {
    const path = join(tempDir(), "t.db");
    await seeded(path, 200, 42);
    const stored = rows(path);
    const owner = new Map(stored.filter((r) => r.type === "identify").map((r) => [r.anonymous_id!, r.customer_id!]));
    for (const r of stored) {
      const expected = r.customer_id ?? owner.get(r.anonymous_id!);
      expect(r.person_key).toBe(expected ? `c:${expected}` : `a:${r.anonymous_id}`);
    }
    expect(new Set(owner.values()).size).toBe(200);
    expect(new Set(stored.filter((r) => r.person_key.startsWith("a:")).map((r) => r.person_key)).size).toBe(60);
    // Browsing before the identify carried no customer id: stitching moved it.
    expect(stored.filter((r) => r.customer_id === null && r.person_key.startsWith("c:")).length).toBeGreaterThan(200);
    const devices = new Map<string, number>();
    for (const customer of owner.values()) devices.set(customer, (devices.get(customer) ?? 0) + 1);
    expect([...devices.values()].filter((n) => n === 2).length).toBe(20);
  });

  it("looks like real traffic: every channel, personas as traits, stages with values and ratings, offline touchpoints, all inside the period", async () => {
    const path = join(tempDir(), "t.db");
    await seeded(path, 200, 42);
    const stored = rows(path);
    const landings = stored.filter((r, i) => r.type === "page" && stored.findIndex((o) => o.session_id === r.session_id) === i);
    const channels = new Set(landings.map((r) => classifyChannel(JSON.parse(r.context) as EventContext)));
    expect([...channels].sort()).toEqual([
      "affiliates",
      "direct",
      "display",
      "email",
      "organic_search",
      "organic_social",
      "paid_search",
      "paid_social",
      "referral",
    ]);
    const db = new Database(path, { readonly: true });
    const personas = db
      .prepare("SELECT DISTINCT json_extract(traits, '$.persona') AS p FROM events WHERE type = 'identify' ORDER BY p")
      .all() as { p: string }[];
    db.close();
    expect(personas.map((r) => r.p)).toEqual(["bargain hunter", "loyal fan", "researcher"]);
    const names = new Set(stored.map((r) => r.name));
    for (const name of [
      "page_view",
      "banner_click",
      "catalog_view",
      "review_read",
      "chatbot_question",
      "add_to_cart",
      "begin_checkout",
      "purchase",
      "survey_response",
      "support_contact",
      "identify",
    ])
      expect(names).toContain(name);
    for (const r of stored.filter((r) => r.name === "purchase"))
      expect(JSON.parse(r.properties)).toMatchObject({ orderId: expect.any(String), value: expect.any(Number), currency: "EUR" });
    for (const r of stored.filter((r) => r.name === "survey_response"))
      expect((JSON.parse(r.properties) as { rating: number }).rating).toBeOneOf([1, 2, 3, 4, 5]);
    const offline = stored.filter((r) => r.anonymous_id === null);
    expect(new Set(offline.map((r) => (JSON.parse(r.context) as EventContext).channel))).toEqual(new Set(["call_center", "store"]));
    expect(offline.every((r) => r.customer_id !== null && r.device_type === null)).toBe(true);
    expect(new Set(stored.filter((r) => r.device_type !== null).map((r) => r.device_type))).toEqual(
      new Set(["desktop", "mobile", "tablet"]),
    );
    for (const r of stored) expect(r.timestamp >= UNTIL - 30 * DAY && r.timestamp <= UNTIL).toBe(true);
  });

  it("writes the same events for the same seed, so a second run stores nothing new, and other events for another seed", async () => {
    const first = await seeded(join(tempDir(), "a.db"), 50, 7);
    const again = await seeded(join(tempDir(), "b.db"), 50, 7);
    const read = async ({ store, site }: { store: Store; site: Site }) => store.readEvents(site.id);
    expect(await read(again)).toEqual(await read(first));

    const repeat = await seedSite({
      site: first.site,
      ingestEvents: createEventIngest({
        writer: createGroupCommitWriter(first.store, { windowMs: 0, maxRows: 5_000 }),
        validator: createBatchValidator(),
      }),
      customers: 50,
      days: 30,
      seed: 7,
      until: UNTIL,
    });
    expect([repeat.events, repeat.accepted, repeat.duplicates]).toEqual([first.summary.events, 0, first.summary.events]);

    const other = await seeded(join(tempDir(), "c.db"), 50, 8);
    const ids = new Set((await read(first)).map((e) => e.id));
    expect((await read(other)).filter((e) => ids.has(e.id))).toEqual([]);
  });
});
