/**
 * What only SQLite can show: its file and its pragmas. Everything any store must do is in the
 * shared suites (store-behaviour.ts, journey-store-behaviour.ts), run by sqlite-behaviour.test.ts
 * and sqlite-journey-behaviour.test.ts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-store-");

describe("SQLite store", () => {
  it("creates the database file and its missing folders", async () => {
    const path = join(tempDir(), "nested", "deeper", "touchpoint.db");
    const store = await openSqliteStore(path);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it("keeps only hashes of the read and secret keys in the file", async () => {
    const path = join(tempDir(), "keys.db");
    const store = await openSqliteStore(path);
    const site = await store.createSite({ name: "shop", origins: [] });
    await store.close();

    const raw = new Database(path, { readonly: true });
    const dump = JSON.stringify(raw.prepare("SELECT * FROM sites").all());
    raw.close();
    expect(dump).toContain(site.writeKey);
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
