import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_CONFIG } from "../config.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { runCli } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";

const tempDir = useTempDir("touchpoint-export-cli-");

describe("touchpoint export, built", { timeout: 60_000 }, () => {
  it("writes the period's events as NDJSON or CSV, exactly as GET /v1/events/export answers, with progress on stderr", async () => {
    const db = join(tempDir(), "t.db");
    const seeded = await runCli([
      "seed",
      "--customers",
      "30",
      "--days",
      "14",
      "--seed",
      "3",
      "--until",
      "2026-11-23T12:00:00Z",
      "--db",
      db,
    ]);
    expect(seeded.code).toBe(0);
    const siteId = (JSON.parse(seeded.stdout) as { site: string }).site;
    const total = (JSON.parse(seeded.stdout) as { events: number }).events;

    const ndjson = join(tempDir(), "all.ndjson");
    const all = await runCli(["export", "--site", siteId, "--out", ndjson, "--db", db]);
    expect(all.code).toBe(0);
    const lines = readFileSync(ndjson, "utf8").trimEnd().split("\n");
    expect(lines.length).toBe(total);
    expect(JSON.parse(all.stdout)).toEqual({ file: ndjson, format: "ndjson", events: total, persons: expect.any(Number) });
    // Not a terminal: a plain line per tenth of the site's events read.
    expect(all.stderr.trimEnd().split("\n").at(-1)).toMatch(/^export: 100% [\d,]+ events of [\d,]+ people written$/);

    const csv = join(tempDir(), "week.csv");
    const week = await runCli([
      "export",
      "--site",
      siteId,
      "--format",
      "csv",
      "--from",
      "2026-11-16",
      "--to",
      "2026-11-22",
      "--out",
      csv,
      "--db",
      db,
    ]);
    expect(week.code).toBe(0);
    const store = await openSqliteStore(db);
    try {
      const site = (await store.listSites()).find((s) => s.id === siteId)!;
      const secretKey = await store.rotateKey(site.id, "secret");
      const app = createApp({ store, config: DEFAULT_CONFIG });
      const res = await app.request("/v1/events/export?format=csv&from=2026-11-16&to=2026-11-22", {
        headers: { authorization: `Bearer ${secretKey}` },
      });
      const answer = await res.text();
      expect(readFileSync(csv, "utf8")).toBe(answer);
      const inWeek = lines
        .map((line) => JSON.parse(line) as { timestamp: string })
        .filter((r) => r.timestamp >= "2026-11-16" && r.timestamp < "2026-11-23");
      expect(answer.split("\r\n").length - 2).toBe(inWeek.length);
      expect(inWeek.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }

    const bad = await runCli(["export", "--site", siteId, "--out", csv, "--format", "xml", "--db", db]);
    expect(bad).toEqual({
      code: 2,
      stdout: "",
      stderr: 'touchpoint export: --format must be ndjson or csv, not "xml"\nSee `touchpoint export --help`.\n',
    });
    const backwards = await runCli(["export", "--site", siteId, "--out", csv, "--from", "2026-11-20", "--to", "2026-11-19", "--db", db]);
    expect(backwards.stderr).toBe("touchpoint export: --to: must be later than from\nSee `touchpoint export --help`.\n");
  });
});
