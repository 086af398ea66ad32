import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli, startServe } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const tempDir = useTempDir("touchpoint-data-care-");

function countEvents(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM events").pluck().get() as number;
  } finally {
    db.close();
  }
}

describe("touchpoint backup, restore and vacuum", { timeout: 90_000 }, () => {
  it("backs up a database while the collector ingests, and restores the copy", async () => {
    const db = join(tempDir(), "live", "touchpoint.db");
    const served = await startServe(["--port", "0", "--db", db]);
    const writeKey = /write key: +(\S+)/.exec(served.stdout())?.[1];
    const base = `http://127.0.0.1:${served.port}`;
    let acknowledged = 0;
    let stop = false;
    const post = async (n: number) => {
      const events = Array.from({ length: 25 }, (_, i) => ({
        id: `b${n}-${i}`,
        type: "touchpoint",
        name: "catalog_view",
        anonymousId: `anon-${n % 7}`,
        timestamp: new Date().toISOString(),
      }));
      const res = await fetch(`${base}/v1/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
        body: JSON.stringify({ writeKey, sentAt: new Date().toISOString(), events }),
      });
      expect(res.status).toBe(200);
      acknowledged += ((await res.json()) as { accepted: number }).accepted;
    };
    const sender = (async () => {
      for (let n = 0; !stop; n++) await post(n);
    })();
    try {
      while (acknowledged < 500) await new Promise((resolve) => setTimeout(resolve, 20));
      const floor = acknowledged;
      const out = join(tempDir(), "backup.db");
      const backup = await runCli(["backup", "--out", out, "--db", db]);
      const ceiling = acknowledged;
      stop = true;
      await sender;
      expect(backup.stderr).toBe("");
      const answer = JSON.parse(backup.stdout) as { out: string; bytes: number; events: number };
      expect(answer).toEqual({ out, bytes: statSync(out).size, events: countEvents(out) });
      // A snapshot taken while batches kept arriving: everything acknowledged before it started, at most what was acknowledged by its end.
      expect(answer.events).toBeGreaterThanOrEqual(floor);
      expect(answer.events).toBeLessThanOrEqual(ceiling);
      expect(answer.events % 25).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const copy = new Database(out, { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      copy.close();

      const restoredDb = join(tempDir(), "restored", "touchpoint.db");
      const restored = await runCli(["restore", "--from", out, "--db", restoredDb]);
      expect(restored.stderr).toBe("");
      expect(JSON.parse(restored.stdout)).toEqual({ db: restoredDb, sites: 1 });
      expect(countEvents(restoredDb)).toBe(answer.events);
      const listed = JSON.parse((await runCli(["sites", "list", "--db", restoredDb])).stdout) as { writeKey: string }[];
      expect(listed.map((s) => s.writeKey)).toEqual([writeKey]);

      const refused = await runCli(["restore", "--from", out, "--db", restoredDb]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${restoredDb} exists: stop its collectors and add --replace to overwrite it`);
      expect((await runCli(["restore", "--from", out, "--db", restoredDb, "--replace"])).code).toBe(0);
      const notABackup = join(tempDir(), "not-a-backup.db");
      new Database(notABackup).close();
      const wrong = await runCli(["restore", "--from", notABackup, "--db", join(tempDir(), "other.db")]);
      expect(wrong).toMatchObject({
        code: 1,
        stderr: `touchpoint restore: ${notABackup} failed SQLite's quick_check: no sites table: not a Touchpoint database\n`,
      });
    } finally {
      stop = true;
      await sender;
      served.child.kill("SIGTERM");
      await served.exited;
    }
    // The live database lost nothing to the backup.
    expect(countEvents(db)).toBe(acknowledged);
  });

  it("vacuum switches a database made before incremental auto_vacuum and gives deleted events' space back", async () => {
    const db = join(tempDir(), "old.db");
    const old = new Database(db);
    old.exec(readFileSync(new URL("../store/sqlite/upgrade-fixtures/0.1.0.sql", import.meta.url), "utf8"));
    old.pragma("journal_mode = WAL");
    const insert = old.prepare(
      "INSERT INTO events (site_id, id, type, name, person_key, timestamp, received_at, properties) VALUES ('site_fixture000000000001', ?, 'touchpoint', 'catalog_view', 'a:anon-9', 1, 1, ?)",
    );
    old.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(`pad-${i}`, JSON.stringify({ note: "x".repeat(400) }));
    })();
    old.prepare("DELETE FROM events WHERE id LIKE 'pad-%'").run();
    old.close();
    const before = statSync(db).size;

    const vacuumed = await runCli(["vacuum", "--db", db]);
    expect(vacuumed.stderr).toBe("");
    const answer = JSON.parse(vacuumed.stdout) as { db: string; bytesBefore: number; bytesAfter: number; converted: boolean };
    expect(answer).toMatchObject({ db, bytesBefore: before, converted: true });
    expect(answer.bytesAfter).toBe(statSync(db).size);
    expect(answer.bytesAfter).toBeLessThan(before / 10);
    const after = new Database(db, { readonly: true });
    expect(after.pragma("auto_vacuum", { simple: true })).toBe(2);
    expect(after.prepare("SELECT count(*) FROM events").pluck().get()).toBe(5);
    after.close();

    const again = JSON.parse((await runCli(["vacuum", "--db", db])).stdout) as { converted: boolean };
    expect(again.converted).toBe(false);
  });
});
