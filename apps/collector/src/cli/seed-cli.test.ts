import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { runCli, startServe } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const tempDir = useTempDir("touchpoint-seed-cli-");

describe("touchpoint seed, built", { timeout: 60_000 }, () => {
  it("seeds an empty database into a new demo site and prints the summary and its keys", async () => {
    const db = join(tempDir(), "t.db");
    const result = await runCli([
      "seed",
      "--customers",
      "40",
      "--days",
      "14",
      "--seed",
      "3",
      "--until",
      "2026-11-23T12:00:00Z",
      "--db",
      db,
    ]);
    expect(result.code).toBe(0);
    // Not a terminal: plain progress lines on stderr.
    expect(result.stderr).toMatch(/^seed: 100% 52\/52 people, \d+ events, [\d,]+ events\/s\n$/);
    const summary = JSON.parse(result.stdout) as {
      site: string;
      customers: number;
      anonymousVisitors: number;
      events: number;
      accepted: number;
      createdSite: { id: string; name: string; readKey: string };
    };
    expect(summary).toMatchObject({
      customers: 40,
      anonymousVisitors: 12,
      accepted: summary.events,
      from: "2026-11-09T12:00:00.000Z",
      until: "2026-11-23T12:00:00.000Z",
    });
    expect(summary.createdSite).toMatchObject({ id: summary.site, name: "demo", readKey: expect.stringMatching(/^tp_read_/) });
    const store = await openSqliteStore(db);
    expect(await store.countEvents(summary.site)).toBe(summary.events);
    await store.close();

    const bad = await runCli(["seed", "--days", "14", "--db", db]);
    expect(bad).toEqual({ code: 2, stdout: "", stderr: "touchpoint seed: --customers is required\nSee `touchpoint seed --help`.\n" });
  });

  it("seeds a database that a running collector is serving and ingesting into, losing nothing on either side", async () => {
    const db = join(tempDir(), "t.db");
    const served = await startServe(["--port", "0", "--db", db]);
    const writeKey = /write key: +(\S+)/.exec(served.stdout())![1]!;
    const siteId = /Created the site "demo" \((site_[^)]+)\)/.exec(served.stdout())![1]!;
    const base = `http://127.0.0.1:${served.port}`;
    let posted = 0;
    let stop = false;
    const live = (async () => {
      for (let n = 0; !stop; n++) {
        const events = Array.from({ length: 10 }, (_, i) => ({
          id: `live-${n}-${i}`,
          type: "touchpoint",
          name: "catalog_view",
          anonymousId: "live",
          timestamp: new Date().toISOString(),
        }));
        const res = await fetch(`${base}/v1/batch`, {
          method: "POST",
          headers: { "user-agent": CHROME_WINDOWS },
          body: JSON.stringify({ writeKey, sentAt: new Date().toISOString(), events }),
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { accepted: number }).accepted).toBe(10);
        posted += 10;
      }
    })();
    try {
      const result = await runCli(["seed", "--customers", "1500", "--days", "30", "--site", siteId, "--db", db]);
      stop = true;
      await live;
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout) as { events: number; accepted: number; rejected: number };
      expect(summary.accepted).toBe(summary.events);
      expect(posted).toBeGreaterThan(0);
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
      const store = await openSqliteStore(db);
      expect(await store.countEvents(siteId)).toBe(summary.events + posted);
      await store.close();
    } finally {
      stop = true;
      served.child.kill("SIGTERM");
      await served.exited;
    }
  });
});
