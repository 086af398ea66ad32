/** Reports never write: every report runs on a read-only connection beside the collector's own. */
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { EVERYONE } from "@touchpoint/journeys";
import { attributionReport } from "../../queries/attribution-report.js";
import { customersPage } from "../../queries/customers-page.js";
import { funnelReport } from "../../queries/funnel-report.js";
import { momentsReport } from "../../queries/moments-report.js";
import { digestBuilderOf } from "../../queries/site-journeys.js";
import { useTempDir } from "../../testing/temp-dir.js";
import { eventRow } from "../store-behaviour.js";
import type { JourneyReader, Site, Store } from "../store.js";
import { openSqliteJourneyReader, type SqliteJourneyReader } from "./open-journey-reader.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-read-only-");
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c.close();
});

const DAY = 86_400_000;
const NOW = Date.parse("2026-03-20T00:00:00.000Z");
const event = (site: Site, id: string, customerId: string, name: string, day: number, value?: number) =>
  eventRow(id, {
    siteId: site.id,
    type: "touchpoint",
    name,
    anonymousId: null,
    customerId,
    personKey: `c:${customerId}`,
    timestamp: NOW - day * DAY,
    properties: JSON.stringify(value === undefined ? {} : { value }),
  });

async function everyReport(reader: JourneyReader & Pick<Store, "listSpend">, site: Site) {
  return {
    funnel: await funnelReport(reader, site, { segment: EVERYONE, now: NOW }),
    attribution: await attributionReport(reader, site, { model: "linear" }, EVERYONE),
    moments: await momentsReport(reader, site, { stage: "consideration", now: NOW }, EVERYONE),
    customers: await customersPage(reader, site, { identified: true, segment: EVERYONE, limit: 10, now: NOW }),
  };
}

it("answers every report from the digests on a read-only connection, as the collector's own store does", async () => {
  const path = join(tempDir(), "touchpoint.db");
  const store = await openSqliteStore(path);
  closing.push(store);
  const site = await store.createSite({ name: "shop", origins: [] });
  await store.insertEvents([
    event(site, "a1", "alice", "catalog_view", 9),
    event(site, "a2", "alice", "review_read", 8),
    event(site, "a3", "alice", "purchase", 7, 120),
    event(site, "b1", "bob", "catalog_view", 3),
  ]);
  await store.upkeepJourneyDigests(site.id, digestBuilderOf(site));
  const reader: SqliteJourneyReader = openSqliteJourneyReader(path);
  closing.push(reader);

  const own = await everyReport(store, site);
  const readOnly = await everyReport(reader, site);
  const withoutAsOf = ({ asOf, ...rest }: { asOf: string }) => rest;
  expect(Object.fromEntries(Object.entries(readOnly).map(([name, report]) => [name, withoutAsOf(report)]))).toEqual(
    Object.fromEntries(Object.entries(own).map(([name, report]) => [name, withoutAsOf(report)])),
  );
  expect(readOnly.customers.customers.map((c) => [c.customerId, c.currentStage])).toEqual([
    ["alice", "purchase"],
    ["bob", "consideration"],
  ]);

  // Lagging upkeep: the read-only side answers what the digests hold, and says since when.
  const upkeptAt = Date.now();
  await store.insertEvents([event(site, "c1", "cara", "catalog_view", 1)]);
  const lagging = await customersPage(reader, site, { identified: true, segment: EVERYONE, limit: 10, now: NOW });
  expect(lagging.customers.map((c) => c.customerId)).toEqual(["alice", "bob"]);
  expect(Date.parse(lagging.asOf)).toBeLessThanOrEqual(upkeptAt);
  await store.upkeepJourneyDigests(site.id, digestBuilderOf(site));
  expect(
    (await customersPage(reader, site, { identified: true, segment: EVERYONE, limit: 10, now: NOW })).customers.map((c) => c.customerId),
  ).toEqual(["alice", "bob", "cara"]);
});
