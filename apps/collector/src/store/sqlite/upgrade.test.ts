/**
 * Upgrades: a database written by an earlier release opens in this one, its migrations run, and
 * everything stored before is still there and usable. Each fixture in upgrade-fixtures/ is a
 * release's schema with a little data, as SQL (see make-fixture.mjs there).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { eventRow } from "../store-behaviour.js";
import { sqliteMigrationsFolder } from "./migrations-folder.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-upgrade-");
const fixture = (version: string) => readFileSync(new URL(`./upgrade-fixtures/${version}.sql`, import.meta.url), "utf8");

describe("a SQLite database made by release 0.1.0", () => {
  it("is migrated on open and keeps its sites, keys, events, identity links and spend", async () => {
    const path = join(tempDir(), "touchpoint.db");
    const old = new Database(path);
    old.exec(fixture("0.1.0"));
    old.close();

    const store = await openSqliteStore(path);
    try {
      const site = await store.findSiteByWriteKey("tp_pub_fixture-write-key");
      expect(site).toMatchObject({ id: "site_fixture000000000001", name: "shop", origins: ["https://shop.example"], stageModel: null });
      expect((await store.findSiteByReadKey("tp_read_fixture-read-key"))?.id).toBe("site_fixture000000000001");
      expect((await store.findSiteBySecretKey("tp_sec_fixture-secret-key"))?.id).toBe("site_fixture000000000001");

      const siteId = "site_fixture000000000001";
      const journey = await store.readEvents(siteId, { personKey: "c:ada@example.com" });
      expect(journey.map((e) => [e.id, e.name])).toEqual([
        ["ev-1", "banner_click"],
        ["ev-2", "catalog_view"],
        ["ev-3", "identify"],
        ["ev-4", "purchase"],
      ]);
      expect(await store.findIdentityLink(siteId, "anon-1")).toMatchObject({ customerId: "ada@example.com", eventId: "ev-3" });
      expect((await store.listSpend(siteId)).map((s) => [s.id, s.amount, s.currency])).toEqual([["spend_fixture", 99.5, "EUR"]]);

      // Ingest goes on after the upgrade: a later event of the anonymous visitor joins Ada, a resent one is a duplicate.
      await store.insertEvents([
        eventRow("ev-6", { siteId, anonymousId: "anon-1", personKey: "a:anon-1", timestamp: Date.UTC(2026, 10, 21) }),
        eventRow("ev-1", { siteId }),
      ]);
      expect(await store.countEvents(siteId)).toBe(6);
      expect((await store.readEvents(siteId, { personKey: "c:ada@example.com" })).map((e) => e.id)).toEqual([
        "ev-1",
        "ev-2",
        "ev-3",
        "ev-4",
        "ev-6",
      ]);
    } finally {
      await store.close();
    }

    const migrated = new Database(path, { readonly: true });
    const journal = JSON.parse(readFileSync(join(sqliteMigrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    expect(migrated.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(journal.entries.length);
    expect(migrated.pragma("integrity_check", { simple: true })).toBe("ok");
    migrated.close();
  });
});
