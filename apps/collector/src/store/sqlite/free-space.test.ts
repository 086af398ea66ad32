import { statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { eventRow } from "../store-behaviour.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-free-space-");
const DAY = 24 * 60 * 60 * 1000;

describe("SQLite: the space of deleted events goes back to the disk", () => {
  it("a new database uses incremental auto_vacuum, and retention shrinks the file", async () => {
    const path = join(tempDir(), "t.db");
    const store = await openSqliteStore(path);
    const site = await store.createSite({ name: "s", origins: [] });
    const padding = JSON.stringify({ note: "x".repeat(400) });
    const now = Date.UTC(2026, 11, 1);
    // Two thirds of the events are older than the 7 days kept.
    const rows = Array.from({ length: 30_000 }, (_, i) =>
      eventRow(`e-${i}`, {
        siteId: site.id,
        anonymousId: `anon-${i % 300}`,
        personKey: `a:anon-${i % 300}`,
        properties: padding,
        timestamp: now - (i % 3 === 0 ? 1 : 20) * DAY,
      }),
    );
    for (let i = 0; i < rows.length; i += 2_000) await store.insertEvents(rows.slice(i, i + 2_000));
    await store.close();
    const before = statSync(path).size;

    const again = await openSqliteStore(path);
    expect(await again.deleteEventsBefore(now - 7 * DAY)).toBe(20_000);
    expect(await again.countEvents(site.id)).toBe(10_000);
    await again.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma("auto_vacuum", { simple: true })).toBe(2);
    expect(db.pragma("freelist_count", { simple: true })).toBe(0);
    db.close();
    // The events kept, their indexes and the tables' fixed share: about 40% of the file before.
    expect(statSync(path).size).toBeLessThan(before * 0.5);
  });
});
