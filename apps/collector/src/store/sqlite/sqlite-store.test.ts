import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import type { EventRow } from "../store.js";
import { openSqliteStore } from "./sqlite-store.js";

function row(id: string, overrides: Partial<EventRow> = {}): EventRow {
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

const tempDir = useTempDir("touchpoint-store-");

describe("SQLite store", () => {
  it("keeps events and sites across closing and reopening, in a folder it creates", async () => {
    const path = join(tempDir(), "nested", "touchpoint.db");
    const first = await openSqliteStore(path);
    const site = await first.createSite({ name: "shop", origins: ["https://shop.example"] });
    expect(await first.insertEvents([row("e1", { siteId: site.id }), row("e2", { siteId: site.id, timestamp: 500 })])).toEqual([true, true]);
    await first.close();

    const second = await openSqliteStore(path);
    expect(await second.countEvents(site.id)).toBe(2);
    expect(await second.readEvents(site.id)).toEqual([
      { id: "e2", type: "touchpoint", name: "catalog_view", anonymousId: "anon-1", customerId: null, sessionId: "sess-1", timestamp: 500, properties: { sku: "A-1" }, traits: null, context: { path: "/catalog" }, device: null },
      { id: "e1", type: "touchpoint", name: "catalog_view", anonymousId: "anon-1", customerId: null, sessionId: "sess-1", timestamp: 1_000, properties: { sku: "A-1" }, traits: null, context: { path: "/catalog" }, device: null },
    ]);
    expect(await second.findSiteByWriteKey(site.writeKey)).toEqual({ id: site.id, name: "shop", writeKey: site.writeKey, origins: ["https://shop.example"], stageModel: null, createdAt: site.createdAt });
    await second.close();
  });

  it("reports per row whether it was new, counting repeats inside one call as duplicates", async () => {
    const store = await openSqliteStore(":memory:");
    expect(await store.insertEvents([row("e1"), row("e2"), row("e1")])).toEqual([true, true, false]);
    expect(await store.insertEvents([row("e2"), row("e3"), row("e1", { siteId: "site_b" })])).toEqual([false, true, true]);
    expect(await store.countEvents("site_a")).toBe(3);
    expect((await store.readEvents("site_a", { limit: 2 })).map((e) => e.id)).toEqual(["e1", "e2"]);
    await store.close();
  });

  it("makes keys of the documented shapes, finds sites by them and stores only hashes of the secret ones", async () => {
    const path = join(tempDir(), "keys.db");
    const store = await openSqliteStore(path);
    const site = await store.createSite({ name: "shop", origins: [] });
    expect(site.id).toMatch(/^site_[A-Za-z0-9_-]{16}$/);
    expect(site.writeKey).toMatch(/^tp_pub_[A-Za-z0-9_-]{32}$/);
    expect(site.readKey).toMatch(/^tp_read_[A-Za-z0-9_-]{32}$/);
    expect(site.secretKey).toMatch(/^tp_sec_[A-Za-z0-9_-]{32}$/);
    expect((await store.findSiteByReadKey(site.readKey))?.id).toBe(site.id);
    expect((await store.findSiteBySecretKey(site.secretKey))?.id).toBe(site.id);
    expect(await store.findSiteByReadKey(site.secretKey)).toBeNull();
    expect(await store.findSiteBySecretKey(site.writeKey)).toBeNull();
    expect((await store.listSites()).map((s) => s.name)).toEqual(["shop"]);
    await store.close();

    const raw = new Database(path, { readonly: true });
    const dump = JSON.stringify(raw.prepare("SELECT * FROM sites").all());
    raw.close();
    expect(dump).not.toContain(site.readKey);
    expect(dump).not.toContain(site.secretKey);
  });

  it("runs in WAL mode with synchronous=NORMAL", async () => {
    const path = join(tempDir(), "wal.db");
    const store = await openSqliteStore(path);
    const raw = new Database(path);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    await store.close();
  });
});
