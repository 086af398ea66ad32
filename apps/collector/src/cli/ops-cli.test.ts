import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { runCli, startServe, startServeOn } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";
import { eventRow } from "../store/store-behaviour.js";

const tempDir = useTempDir("touchpoint-ops-cli-");
const DAY = 24 * 60 * 60 * 1000;

/** A POST through node:http, so the client side of the connection can be chosen. */
function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  localAddress?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", localAddress, headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS, ...headers } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

const now = () => new Date().toISOString();
const browserBatch = (writeKey: string, id: string) => ({
  writeKey,
  sentAt: now(),
  events: [{ id, type: "page", anonymousId: "anon-1", timestamp: now() }],
});
const serverBatch = (id: string) => ({
  writeKey: "-",
  sentAt: now(),
  events: [
    { id, type: "touchpoint", name: "support_contact", customerId: "cust-1", timestamp: now(), context: { channel: "call_center" } },
  ],
});

describe("ops through the built CLI", { timeout: 30_000 }, () => {
  it("sites rotate-key prints the new key, and a running collector refuses the old one at once (write, secret and read keys)", async () => {
    const db = join(tempDir(), "t.db");
    const served = await startServe(["--port", "0", "--db", db]);
    const base = `http://127.0.0.1:${served.port}`;
    const siteId = /Created the site "demo" \((site_[^)]+)\)/.exec(served.stdout())![1]!;
    const oldWriteKey = /write key: +(\S+)/.exec(served.stdout())![1]!;
    const oldSecretKey = /secret key: +(\S+)/.exec(served.stdout())![1]!;
    try {
      expect((await post(`${base}/v1/batch`, browserBatch(oldWriteKey, "e1"))).status).toBe(200);
      expect((await post(`${base}/v1/batch`, serverBatch("s1"), { authorization: `Bearer ${oldSecretKey}` })).status).toBe(200);

      const rotated = await runCli(["sites", "rotate-key", "--site", siteId, "--key", "write", "--db", db]);
      expect(rotated.code).toBe(0);
      const answer = JSON.parse(rotated.stdout) as Record<string, string>;
      expect(Object.keys(answer)).toEqual(["id", "key", "writeKey"]);
      expect(answer).toMatchObject({ id: siteId, key: "write" });
      expect(answer.writeKey).toMatch(/^tp_pub_[A-Za-z0-9_-]{32}$/);
      const refused = await post(`${base}/v1/batch`, browserBatch(oldWriteKey, "e2"));
      expect(refused).toEqual({
        status: 401,
        body: JSON.stringify({ error: { code: "unknown_write_key", message: "no site has this write key" } }),
      });
      expect((await post(`${base}/v1/batch`, browserBatch(answer.writeKey!, "e3"))).status).toBe(200);

      const secret = JSON.parse((await runCli(["sites", "rotate-key", "--site", siteId, "--key", "secret", "--db", db])).stdout) as {
        secretKey: string;
      };
      expect((await post(`${base}/v1/batch`, serverBatch("s2"), { authorization: `Bearer ${oldSecretKey}` })).status).toBe(401);
      expect((await post(`${base}/v1/batch`, serverBatch("s3"), { authorization: `Bearer ${secret.secretKey}` })).status).toBe(200);

      const oldReadKey = /read key: +(\S+)/.exec(served.stdout())![1]!;
      const read = (key: string) => fetch(`${base}/v1/customers`, { headers: { authorization: `Bearer ${key}` } });
      expect((await read(oldReadKey)).status).toBe(200);
      const readKey = (
        JSON.parse((await runCli(["sites", "rotate-key", "--site", siteId, "--key", "read", "--db", db])).stdout) as { readKey: string }
      ).readKey;
      expect((await read(oldReadKey)).status).toBe(401);
      expect((await read(readKey)).status).toBe(200);

      const unknown = await runCli(["sites", "rotate-key", "--site", "site_nope", "--key", "read", "--db", db]);
      expect(unknown).toEqual({ code: 1, stdout: "", stderr: 'touchpoint sites rotate-key: no site has the id "site_nope"\n' });
      const badKind = await runCli(["sites", "rotate-key", "--site", siteId, "--key", "admin", "--db", db]);
      expect(badKind.code).toBe(2);
      expect(badKind.stderr).toContain("--key must be write, read or secret");
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  });

  it("--retention-days deletes older events at start and keeps newer ones, and forgets a customer left with nothing", async () => {
    const db = join(tempDir(), "t.db");
    const store = await openSqliteStore(db);
    const site = await store.createSite({ name: "shop", origins: [] });
    const t = Date.now();
    await store.insertEvents([
      eventRow("old-1", { siteId: site.id, timestamp: t - 40 * DAY }),
      eventRow("old-2", { siteId: site.id, timestamp: t - 31 * DAY }),
      // Alice logged in on her laptop, long ago, and was never seen again.
      eventRow("old-visit", { siteId: site.id, anonymousId: "laptop", personKey: "a:laptop", timestamp: t - 36 * DAY }),
      eventRow("old-login", {
        siteId: site.id,
        type: "identify",
        name: "identify",
        anonymousId: "laptop",
        customerId: "alice",
        personKey: "c:alice",
        timestamp: t - 35 * DAY,
        traits: '{"plan":"pro"}',
      }),
      eventRow("recent", { siteId: site.id, timestamp: t - 29 * DAY }),
      eventRow("today", { siteId: site.id, timestamp: t }),
    ]);
    await store.close();

    const served = await startServeOn(["--port", "0", "--db", db, "--retention-days", "30"]);
    try {
      while (!served.stdout().includes("retention:")) await new Promise((r) => setTimeout(r, 20));
      expect(served.stdout()).toMatch(/touchpoint: retention: deleted 4 events from before \d{4}-\d\d-\d\dT[\d:.]+Z \(30 days\)\n/);
      // Nothing is left of Alice: no link of her laptop, no traits, nothing to export.
      const read = (path: string) =>
        fetch(`http://127.0.0.1:${served.port}${path}`, { headers: { authorization: `Bearer ${site.readKey}` } });
      expect((await read("/v1/customers/alice/export")).status).toBe(404);
      expect((await read("/v1/journeys?anonymousId=laptop")).status).toBe(404);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
    const reopened = await openSqliteStore(db);
    expect((await reopened.readEvents(site.id)).map((e) => e.id)).toEqual(["recent", "today"]);
    await reopened.close();
  });

  it("keeps no client IP address in the database files or the logs", async () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    // The collector listens on 127.0.0.2 and the client comes from 127.0.0.1: that address
    // can only appear in files or logs if the collector put it there.
    const served = await startServe(["--port", "0", "--host", "127.0.0.2", "--db", db]);
    const writeKey = /write key: +(\S+)/.exec(served.stdout())![1]!;
    const base = `http://127.0.0.2:${served.port}`;
    const forwarded = { "x-forwarded-for": "198.51.100.23", "x-real-ip": "198.51.100.23", forwarded: "for=198.51.100.23" };
    const identify = { id: "i1", type: "identify", anonymousId: "anon-1", customerId: "cust-1", timestamp: now(), traits: { plan: "pro" } };
    let files = "";
    try {
      expect((await post(`${base}/v1/batch`, browserBatch(writeKey, "e1"), forwarded, "127.0.0.1")).status).toBe(200);
      expect((await post(`${base}/v1/batch`, { writeKey, sentAt: now(), events: [identify] }, forwarded, "127.0.0.1")).status).toBe(200);
      expect(
        (await post(`${base}/v1/batch`, { writeKey: "tp_pub_wrong", sentAt: now(), events: [identify] }, forwarded, "127.0.0.1")).status,
      ).toBe(401);
      expect((await post(`${base}/v1/batch`, "{", forwarded, "127.0.0.1")).status).toBe(400);
      // While running: the events may still be in the write-ahead log only.
      for (const name of readdirSync(dir)) files += readFileSync(join(dir, name), "latin1");
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
    for (const name of readdirSync(dir)) files += readFileSync(join(dir, name), "latin1");
    expect(files).toContain("anon-1");
    expect(files).toContain("cust-1");
    const logs = served.stdout() + served.stderr();
    for (const address of ["127.0.0.1", "198.51.100.23"]) {
      expect(files).not.toContain(address);
      expect(logs).not.toContain(address);
    }
  });
});
