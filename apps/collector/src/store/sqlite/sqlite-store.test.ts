/**
 * What only SQLite can show: its file and its pragmas. Everything any store must do is in the
 * shared suites (store-behaviour.ts, journey-store-behaviour.ts), run by sqlite-behaviour.test.ts
 * and sqlite-journey-behaviour.test.ts.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { digests, idDigestBuilder } from "../journey-store-behaviour.js";
import { eventRow } from "../store-behaviour.js";
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

  it("checkpoints the WAL on a thread of its own, never inside a commit", async () => {
    const path = join(tempDir(), "checkpoints.db");
    const store = await openSqliteStore(path);
    const bigRow = (i: number) => eventRow(`e${i}`, { properties: JSON.stringify({ padding: "x".repeat(2_000), i }) });
    for (let batch = 0; batch < 10; batch++) await store.insertEvents(Array.from({ length: 200 }, (_, i) => bigRow(batch * 200 + i)));
    // 2,000 rows of 2 KB: with no checkpoint they would all still be in the WAL, the database file
    // holding only the schema. The thread copies them over while the store stays open.
    const deadline = Date.now() + 4_000;
    while (statSync(path).size < 4_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statSync(path).size).toBeGreaterThan(4_000_000);
    expect(await store.countEvents("site_a")).toBe(2_000);
    await store.close();
  });

  describe("journey digests", () => {
    const known = (id: string, customerId: string, timestamp: number) =>
      eventRow(id, { anonymousId: null, customerId, personKey: `c:${customerId}`, timestamp });

    it("are kept between reads and restarts: a read builds only the persons changed since the last one", async () => {
      const path = join(tempDir(), "digests.db");
      let store = await openSqliteStore(path);
      await store.insertEvents([known("a1", "ann", 1), known("b1", "bob", 2), known("c1", "cat", 3)]);
      const first = idDigestBuilder();
      expect(await digests(store, first)).toEqual([
        ["c:ann", ["a1"]],
        ["c:bob", ["b1"]],
        ["c:cat", ["c1"]],
      ]);
      expect(first.built).toEqual(["c:ann", "c:bob", "c:cat"]);

      const second = idDigestBuilder();
      await store.insertEvents([known("b2", "bob", 4)]);
      expect(await digests(store, second)).toEqual([
        ["c:ann", ["a1"]],
        ["c:bob", ["b1", "b2"]],
        ["c:cat", ["c1"]],
      ]);
      expect(second.built).toEqual(["c:bob"]);

      await store.close();
      store = await openSqliteStore(path);
      const afterRestart = idDigestBuilder();
      expect(await digests(store, afterRestart)).toHaveLength(3);
      expect(afterRestart.built).toEqual([]);
      await store.close();
    });

    it("are rebuilt alike by two stores on one file at once, leftovers of persons without events dropped", async () => {
      const path = join(tempDir(), "two.db");
      const first = await openSqliteStore(path);
      const second = await openSqliteStore(path);
      const rows = Array.from({ length: 4_000 }, (_, i) => known(`e${i}`, `cust-${String(i).padStart(4, "0")}`, i));
      await first.insertEvents(rows);
      await digests(first, idDigestBuilder("model-1"));
      const raw = new Database(path);
      raw
        .prepare(
          "INSERT INTO journey_digests (site_id, person_key, summary, touches) SELECT site_id, 'c:ghost', summary, touches FROM journey_digests LIMIT 1",
        )
        .run();
      raw.close();
      const [fromFirst, fromSecond] = await Promise.all([
        digests(first, idDigestBuilder("model-2")),
        digests(second, idDigestBuilder("model-2")),
      ]);
      const expected = rows.map((row) => [row.personKey, [row.id]]);
      expect(fromFirst).toEqual(expected);
      expect(fromSecond).toEqual(expected);
      await first.close();
      await second.close();
    });

    it("are marked stale by the database itself when events move or go, whoever deletes them", async () => {
      const path = join(tempDir(), "stale.db");
      const store = await openSqliteStore(path);
      await store.insertEvents([known("a1", "ann", 1), known("b1", "bob", 2)]);
      await digests(store);
      const raw = new Database(path);
      raw.prepare("DELETE FROM events WHERE id = 'a1'").run();
      raw.prepare("UPDATE events SET person_key = 'c:bea' WHERE id = 'b1'").run();
      expect(raw.prepare("SELECT person_key FROM journey_digest_stale ORDER BY person_key").pluck().all()).toEqual([
        "c:ann",
        "c:bea",
        "c:bob",
      ]);
      raw.close();
      const builder = idDigestBuilder();
      expect(await digests(store, builder)).toEqual([["c:bea", ["b1"]]]);
      expect(builder.built).toEqual(["c:bea"]);
      await store.close();
    });
  });
});
