import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eventRow } from "../store/store-behaviour.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { runCli, startServe } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";

const tempDir = useTempDir("touchpoint-site-admin-cli-");

const SPEND = { groupBy: "channel", key: "email", from: "2026-11-01", to: "2026-11-30", amount: 80, currency: "EUR" } as const;

async function createdSite(db: string, name: string): Promise<{ id: string; writeKey: string }> {
  const created = await runCli(["sites", "create", "--name", name, "--origin", "https://old.example", "--db", db]);
  expect(created.code).toBe(0);
  return JSON.parse(created.stdout) as { id: string; writeKey: string };
}

describe("touchpoint sites update|delete and spend list|delete", { timeout: 60_000 }, () => {
  it("sites update replaces the allowed origins, or allows any with --any-origin", async () => {
    const db = join(tempDir(), "t.db");
    const site = await createdSite(db, "Shop");
    const updated = await runCli([
      "sites",
      "update",
      "--site",
      site.id,
      "--origin",
      "https://shop.example/path",
      "--origin",
      "http://localhost:8788",
      "--db",
      db,
    ]);
    expect(updated.stderr).toBe("");
    expect(JSON.parse(updated.stdout)).toEqual({
      id: site.id,
      name: "Shop",
      writeKey: site.writeKey,
      origins: ["https://shop.example", "http://localhost:8788"],
    });
    const listed = JSON.parse((await runCli(["sites", "list", "--db", db])).stdout) as { origins: string[] }[];
    expect(listed.map((s) => s.origins)).toEqual([["https://shop.example", "http://localhost:8788"]]);

    const any = await runCli(["sites", "update", "--site", site.id, "--any-origin", "--db", db]);
    expect(JSON.parse(any.stdout)).toMatchObject({ id: site.id, origins: [] });

    expect(await runCli(["sites", "update", "--site", site.id, "--db", db])).toEqual({
      code: 2,
      stdout: "",
      stderr: "touchpoint sites update: give --origin URL (repeatable) or --any-origin\nSee `touchpoint sites update --help`.\n",
    });
    const bad = await runCli(["sites", "update", "--site", site.id, "--origin", "ftp://x.example", "--db", db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--origin: "ftp://x.example" must be an http or https origin');
    expect(await runCli(["sites", "update", "--site", "site_nope", "--any-origin", "--db", db])).toEqual({
      code: 1,
      stdout: "",
      stderr: 'touchpoint sites update: no site has the id "site_nope"\n',
    });
  });

  it("sites update takes effect in a collector already running on the database, at the next request", async () => {
    const db = join(tempDir(), "live.db");
    const served = await startServe(["--port", "0", "--db", db]);
    try {
      const siteId = /Created the site "demo" \((site_[^)]+)\)/.exec(served.stdout())![1]!;
      const writeKey = /write key: +(\S+)/.exec(served.stdout())![1]!;
      const post = (origin: string, id: string) =>
        fetch(`http://127.0.0.1:${served.port}/v1/batch`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: JSON.stringify({
            writeKey,
            sentAt: new Date().toISOString(),
            events: [{ id, type: "page", anonymousId: "a", timestamp: new Date().toISOString() }],
          }),
        });
      expect((await post("https://other.example", "e-1")).status).toBe(200);
      expect((await runCli(["sites", "update", "--site", siteId, "--origin", "https://shop.example", "--db", db])).code).toBe(0);
      expect((await post("https://other.example", "e-2")).status).toBe(403);
      expect((await post("https://shop.example", "e-3")).status).toBe(200);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  });

  it("sites delete needs --yes, erases the site's events, links and spend, and keeps the other sites", async () => {
    const db = join(tempDir(), "t.db");
    const gone = await createdSite(db, "Gone");
    const kept = await createdSite(db, "Kept");
    const store = await openSqliteStore(db);
    await store.insertEvents([
      eventRow("g-1", { siteId: gone.id }),
      eventRow("g-2", { siteId: gone.id, type: "identify", name: "identify", customerId: "ada", personKey: "c:ada" }),
      eventRow("k-1", { siteId: kept.id }),
    ]);
    await store.addSpend(gone.id, SPEND);
    await store.close();

    const refused = await runCli(["sites", "delete", "--site", gone.id, "--db", db]);
    expect(refused).toEqual({
      code: 2,
      stdout: "",
      stderr: "touchpoint sites delete: erasing a site cannot be undone: add --yes\nSee `touchpoint sites delete --help`.\n",
    });

    const deleted = await runCli(["sites", "delete", "--site", gone.id, "--yes", "--db", db]);
    expect(deleted.stderr).toBe("");
    const answer = JSON.parse(deleted.stdout) as { id: string; deleted: Record<string, number> };
    expect(answer.id).toBe(gone.id);
    expect(answer.deleted).toMatchObject({ events: 2, identity_links: 1, spend: 1, sites: 1 });

    const listed = JSON.parse((await runCli(["sites", "list", "--db", db])).stdout) as { id: string }[];
    expect(listed.map((s) => s.id)).toEqual([kept.id]);
    const after = await openSqliteStore(db);
    expect(await after.countEvents(gone.id)).toBe(0);
    expect(await after.countEvents(kept.id)).toBe(1);
    await after.close();
    expect((await runCli(["sites", "delete", "--site", gone.id, "--yes", "--db", db])).code).toBe(1);
  });

  it("spend list prints a site's rows and spend delete removes one", async () => {
    const db = join(tempDir(), "t.db");
    const site = await createdSite(db, "Shop");
    const store = await openSqliteStore(db);
    const first = await store.addSpend(site.id, SPEND);
    const second = await store.addSpend(site.id, { ...SPEND, key: "display", amount: 40 });
    await store.close();
    if (!("stored" in first) || !("stored" in second)) throw new Error("spend not stored");

    const listed = await runCli(["spend", "list", "--site", site.id, "--db", db]);
    expect(listed.stderr).toBe("");
    // Oldest first, by id among rows of the same millisecond (both are often stored in one).
    const rows = [
      { id: first.stored.id, ...SPEND, createdAt: new Date(first.stored.createdAt).toISOString() },
      { id: second.stored.id, ...SPEND, key: "display", amount: 40, createdAt: new Date(second.stored.createdAt).toISOString() },
    ].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1));
    expect(JSON.parse(listed.stdout)).toEqual(rows);

    expect(JSON.parse((await runCli(["spend", "delete", "--site", site.id, "--id", first.stored.id, "--db", db])).stdout)).toEqual({
      id: first.stored.id,
      deleted: true,
    });
    const after = JSON.parse((await runCli(["spend", "list", "--site", site.id, "--db", db])).stdout) as { id: string }[];
    expect(after.map((r) => r.id)).toEqual([second.stored.id]);
    expect(await runCli(["spend", "delete", "--site", site.id, "--id", first.stored.id, "--db", db])).toEqual({
      code: 1,
      stdout: "",
      stderr: `touchpoint spend delete: the site "${site.id}" has no spend row "${first.stored.id}"\n`,
    });
    expect((await runCli(["spend", "list", "--site", "site_nope", "--db", db])).stderr).toBe(
      'touchpoint spend list: no site has the id "site_nope"\n',
    );
  });
});
