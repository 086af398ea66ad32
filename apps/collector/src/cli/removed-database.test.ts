/**
 * A SQLite database removed under a running collector: the built CLI stops acknowledging
 * (503, /readyz fails) instead of committing into the removed file, and the next start refuses
 * to create an empty database in its place until the marker beside it is deleted.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, startServe } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const tempDir = useTempDir("touchpoint-removed-db-");

// Node processes started and stopped: seconds on a busy two-core machine.
describe("a removed SQLite database", { timeout: 60_000 }, () => {
  it("is answered 503 while running, and is not silently recreated at the next start", async () => {
    const db = join(tempDir(), "data", "t.db");
    const marker = join(tempDir(), "data", ".t.db.created");
    const served = await startServe(["--port", "0", "--db", db]);
    const writeKey = /write key: +(\S+)/.exec(served.stdout())?.[1];
    const base = `http://127.0.0.1:${served.port}`;
    let n = 0;
    const post = () =>
      fetch(`${base}/v1/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
        body: JSON.stringify({
          writeKey,
          sentAt: new Date().toISOString(),
          events: [{ id: `e${++n}`, type: "page", anonymousId: "anon-1", timestamp: new Date().toISOString() }],
        }),
      });
    try {
      expect((await post()).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect(existsSync(marker)).toBe(true);

      for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix);
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(await refused.json()).toEqual({
        error: { code: "store_unavailable", message: "the events could not be stored; nothing from this batch was kept, send it again" },
      });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        error: { code: "store_unavailable", message: `the database file ${db} was removed while the collector was running` },
      });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(served.stderr()).toContain(`a group commit failed: the database file ${db} was removed while the collector was running`);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }

    for (const args of [
      ["serve", "--port", "0"],
      ["sites", "list"],
    ]) {
      const again = await runCli([...args, "--db", db]);
      expect(again.code).toBe(1);
      expect(again.stdout).toBe("");
      expect(again.stderr).toContain(`the database ${db} is missing, but ${marker} records that one was created there`);
      expect(again.stderr).toContain(`to start afresh with an empty database and new keys, delete ${marker}`);
      expect(existsSync(db)).toBe(false);
    }

    rmSync(marker);
    const fresh = await startServe(["--port", "0", "--db", db]);
    fresh.child.kill("SIGTERM");
    expect(await fresh.exited).toBe(0);
    expect(fresh.stdout()).toContain('Created the site "demo"');
    expect(existsSync(marker)).toBe(true);
  });
});
