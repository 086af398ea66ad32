/**
 * Same API, same results: one seeded history ingested through the real ingest path into SQLite
 * and into PostgreSQL, then every query endpoint asked the same questions of both apps. The
 * behaviour suites hold each store to the Store contract; this holds the whole query layer on
 * top of them to identical answers. Seeding packs rows into concurrent group commits, so the two
 * stores see different arrival orders too, which identity stitching must not care about.
 */
import { ATTRIBUTION_GROUP_BY, ATTRIBUTION_MODELS } from "@touchpoint/journeys";
import { createBatchValidator } from "@touchpoint/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.js";
import { DEFAULT_CONFIG } from "../../config.js";
import { createGroupCommitWriter } from "../../ingest/group-commit.js";
import { createEventIngest } from "../../ingest/ingest-batch.js";
import { seedSite } from "../../seed/seed-site.js";
import { findPostgresBin } from "../../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../../testing/use-throwaway-postgres.js";
import { openSqliteStore } from "../sqlite/sqlite-store.js";
import type { CreatedSite, Store } from "../store.js";
import { startJourneyUpkeep, type JourneyUpkeep } from "../../upkeep/journey-upkeep.js";
import { openPostgresStore } from "./postgres-store.js";

const UNTIL = Date.parse("2026-11-20T12:00:00.000Z");

interface Collector {
  store: Store;
  site: CreatedSite;
  app: ReturnType<typeof createApp>;
  upkeep: JourneyUpkeep;
}

async function seededCollector(store: Store): Promise<Collector> {
  const site = await store.createSite({ name: "parity", origins: [] });
  const upkeep = startJourneyUpkeep(store);
  const writer = createGroupCommitWriter(store, { windowMs: 1, maxRows: 700 }, async () => upkeep.wake());
  await seedSite({
    site,
    ingestEvents: createEventIngest({ writer, validator: createBatchValidator() }),
    customers: 120,
    days: 60,
    seed: 9,
    until: UNTIL,
  });
  await writer.close();
  return { store, site, app: createApp({ store, config: DEFAULT_CONFIG }), upkeep };
}

async function ask(collector: Collector, path: string, method = "GET"): Promise<unknown> {
  const asked = Date.now();
  const key = method === "DELETE" ? collector.site.secretKey : collector.site.readKey;
  // Each store's digests caught up with every write before; asOf then is the moment of asking.
  await collector.upkeep.caughtUp();
  const response = await collector.app.request(path, { method, headers: { authorization: `Bearer ${key}` } });
  const { asOf, ...body } = (await response.json()) as { asOf?: string };
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  if (asOf !== undefined) expect(Date.parse(asOf), `${path} asOf`).toBeGreaterThanOrEqual(asked);
  return body;
}

// Dozens of reports over two stores: generous time on a shared two-core machine.
describe.skipIf(!findPostgresBin())(
  "PostgreSQL and SQLite answer alike (skipped only where the postgresql package is missing)",
  { timeout: 60_000 },
  () => {
    const server = useThrowawayPostgres();
    let sqlite: Collector;
    let postgres: Collector;
    let customerIds: string[] = [];

    /** Asks both collectors; their answers must be equal. */
    async function bothAnswer(path: string, method = "GET"): Promise<unknown> {
      const [fromSqlite, fromPostgres] = await Promise.all([ask(sqlite, path, method), ask(postgres, path, method)]);
      expect(fromPostgres, path).toEqual(fromSqlite);
      return fromSqlite;
    }

    async function allCustomers(): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await bothAnswer(`/v1/customers?limit=40${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`)) as {
          customers: { customerId: string }[];
          nextCursor: string | null;
        };
        ids.push(...page.customers.map((c) => c.customerId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return ids;
    }

    beforeAll(async () => {
      [sqlite, postgres] = await Promise.all([
        openSqliteStore(":memory:").then(seededCollector),
        server()
          .createDatabase("parity")
          .then((url) => openPostgresStore(url))
          .then(seededCollector),
      ]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([sqlite?.upkeep.stop(), postgres?.upkeep.stop()]);
      await Promise.all([sqlite?.store.close(), postgres?.store.close()]);
    });

    it("stores the same events", async () => {
      expect(await postgres.store.countEvents(postgres.site.id)).toBe(await sqlite.store.countEvents(sqlite.site.id));
    });

    it("lists the same customers, page by page, and filters them alike", async () => {
      customerIds = await allCustomers();
      expect(customerIds.length).toBeGreaterThan(100);
      for (const filter of ["stage=loyalty", "trait.persona=researcher", "stalledDays=10"]) {
        const page = (await bothAnswer(`/v1/customers?${filter}&limit=1000`)) as { customers: unknown[] };
        expect(page.customers.length, filter).toBeGreaterThan(0);
        expect(page.customers.length, filter).toBeLessThan(customerIds.length);
      }
    });

    it("answers the same journey for every customer", async () => {
      for (const customerId of customerIds) await bothAnswer(`/v1/journeys/${encodeURIComponent(customerId)}`);
    });

    it("answers the same journey for anonymous ids, of visitors and of linked devices alike", async () => {
      const anonymousIds: string[] = [];
      for await (const person of sqlite.store.streamPersons(sqlite.site.id, { kind: "anonymous" })) {
        anonymousIds.push(person.personKey.slice("a:".length));
        if (anonymousIds.length === 10) break;
      }
      for (const customerId of customerIds.slice(0, 10)) {
        anonymousIds.push(...(await sqlite.store.exportCustomer(sqlite.site.id, customerId)).links.map((link) => link.anonymousId));
      }
      expect(anonymousIds.length).toBeGreaterThanOrEqual(20);
      for (const anonymousId of anonymousIds) await bothAnswer(`/v1/journeys?anonymousId=${encodeURIComponent(anonymousId)}`);
    });

    it("reports the same attribution for every model and grouping, the same funnels and moments of truth", async () => {
      for (const model of ATTRIBUTION_MODELS) {
        for (const groupBy of ATTRIBUTION_GROUP_BY) await bothAnswer(`/v1/attribution?model=${model}&groupBy=${groupBy}`);
      }
      await bothAnswer("/v1/attribution?model=markov&conversion=stage:evaluation&transform=exposure");
      await bothAnswer("/v1/funnel");
      await bothAnswer("/v1/funnel?groupBy=trait.persona");
      await bothAnswer("/v1/moments-of-truth?stage=evaluation");
    });

    it("answers alike through another stage model, worked out from each store's events", async () => {
      await bothAnswer("/v1/funnel?stageModel=sales_funnel&groupBy=identified");
      await bothAnswer("/v1/moments-of-truth?stage=prospect&stageModel=sales_funnel");
      await bothAnswer("/v1/customers?stage=visitor&limit=1000&stageModel=sales_funnel");
      await bothAnswer("/v1/attribution?model=linear&groupBy=stage&stageModel=three_stage");
      for (const customerId of customerIds.slice(0, 20))
        await bothAnswer(`/v1/journeys/${encodeURIComponent(customerId)}?stageModel=sales_funnel`);
    });

    it("reports the same customer value, conversion paths, model comparison and attribution rows", async () => {
      for (const groupBy of ["channel", "campaign", "cohort", "trait.persona"]) await bothAnswer(`/v1/customer-value?groupBy=${groupBy}`);
      await bothAnswer("/v1/paths?limit=50");
      await bothAnswer("/v1/paths?groupBy=touchpoint&transform=exposure");
      await bothAnswer("/v1/attribution?model=linear,markov,shapley,fractribution");
      // Rows come in each store's person order: the same lines, in any order.
      const lines = await Promise.all(
        [sqlite, postgres].map(async (c) => {
          const response = await c.app.request("/v1/attribution/rows?model=linear,time_decay,shapley", {
            headers: { authorization: `Bearer ${c.site.readKey}` },
          });
          expect(response.status).toBe(200);
          return (await response.text()).split("\r\n").sort();
        }),
      );
      expect(lines[0]?.length).toBeGreaterThan(100);
      expect(lines[1]).toEqual(lines[0]);
    });

    it("exports every event alike, person by person, and resumes from a cursor alike", async () => {
      const exportOf = async (c: Collector, query: string) => {
        const response = await c.app.request(`/v1/events/export${query}`, { headers: { authorization: `Bearer ${c.site.secretKey}` } });
        expect(response.status).toBe(200);
        return (await response.text())
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as { person_key: string; id: string });
      };
      for (const query of ["", "?from=2026-10-15&to=2026-10-31", `?cursor=${encodeURIComponent(`c:${customerIds[60]}`)}`]) {
        const [fromSqlite, fromPostgres] = await Promise.all([exportOf(sqlite, query), exportOf(postgres, query)]);
        // Persons in the same (byte) order; events of one instant may differ in insertion order.
        expect(fromPostgres.map((r) => r.person_key)).toEqual(fromSqlite.map((r) => r.person_key));
        const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        expect(byId(fromPostgres)).toEqual(byId(fromSqlite));
        expect(fromSqlite.length).toBeGreaterThan(0);
      }
      expect((await exportOf(sqlite, "")).length).toBe(await sqlite.store.countEvents(sqlite.site.id));
    });

    it("exports alike, erases alike, and answers alike afterwards", async () => {
      const erased = customerIds.filter((_, i) => i % 10 === 0);
      for (const customerId of erased) {
        const exported = await Promise.all([sqlite, postgres].map((c) => ask(c, `/v1/customers/${encodeURIComponent(customerId)}/export`)));
        // Receipt times are when each store was seeded; everything else must match.
        const withoutReceipt = (e: unknown) =>
          JSON.parse(JSON.stringify(e, (key, value: unknown) => (key === "receivedAt" ? undefined : value))) as unknown;
        expect(withoutReceipt(exported[1])).toEqual(withoutReceipt(exported[0]));
        await bothAnswer(`/v1/customers/${encodeURIComponent(customerId)}`, "DELETE");
      }
      expect(await allCustomers()).toEqual(customerIds.filter((id) => !erased.includes(id)));
      await bothAnswer("/v1/funnel");
      await bothAnswer("/v1/attribution?model=shapley&groupBy=channel");
    });
  },
);
