import { rmSync, statSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCliProcess, type ServingCli } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const tempDir = useTempDir("touchpoint-demo-cli-");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const DASHBOARD_LINK = /dashboard: +http:\/\/127\.0\.0\.1:(\d+)\/dashboard#key=(tp_read_[A-Za-z0-9_-]+)\n/;

async function startDemo(db: string, shopPort: number): Promise<{ demo: ServingCli; base: string; readKey: string }> {
  const demo = await startCliProcess(["demo", "--port", "0", "--shop-port", String(shopPort), "--db", db], (out) => {
    const port = DASHBOARD_LINK.exec(out)?.[1];
    return port === undefined ? null : Number(port);
  });
  return { demo, base: `http://127.0.0.1:${demo.port}`, readKey: DASHBOARD_LINK.exec(demo.stdout())![2]! };
}

async function stop(demo: ServingCli): Promise<number | null> {
  demo.child.kill("SIGTERM");
  return demo.exited;
}

const customers = (base: string, readKey: string) =>
  fetch(`${base}/v1/customers?limit=5`, { headers: { authorization: `Bearer ${readKey}` } });

describe("touchpoint demo, built", { timeout: 60_000 }, () => {
  it("serves the collector and the shop, seeds once, and prints a dashboard link whose key keeps working across restarts", async () => {
    const dir = tempDir();
    const db = join(dir, "data", "touchpoint.db");
    const shopPort = await freePort();
    const shop = `http://127.0.0.1:${shopPort}`;

    const first = await startDemo(db, shopPort);
    try {
      expect(first.demo.stdout()).toContain(`Created the site "demo"`);
      expect(first.demo.stdout()).toMatch(/Seeded a history: 300 customers and 90 visitors, \d+ events over 30 days\./);
      expect(first.demo.stdout()).toContain(`  shop:       ${shop}\n`);
      const keysFile = join(dir, "data", "demo-keys.json");
      expect(statSync(keysFile).mode & 0o777).toBe(0o600);
      const keys = JSON.parse(readFileSync(keysFile, "utf8")) as { siteId: string; readKey: string; secretKey: string };
      expect(keys.readKey).toBe(first.readKey);

      // The shop's pages load the script from this collector with the demo site's write key.
      const page = await (await fetch(`${shop}/`)).text();
      const writeKey = /tp_pub_[A-Za-z0-9_-]{32}/.exec(page)?.[0];
      expect(writeKey).toBeDefined();
      expect(page).toContain(`${first.base}/sdk/touchpoint.js`);
      expect((await fetch(`${first.base}/sdk/touchpoint.js`)).status).toBe(200);
      expect((await fetch(`${first.base}/dashboard`)).status).toBe(200);

      // A browser on the shop may send events; another origin may not.
      const batch = (origin: string, id: string) =>
        fetch(`${first.base}/v1/batch`, {
          method: "POST",
          headers: { origin, "content-type": "text/plain", "user-agent": CHROME_WINDOWS },
          body: JSON.stringify({
            writeKey,
            sentAt: new Date().toISOString(),
            events: [{ id, type: "page", anonymousId: "shopper", timestamp: new Date().toISOString() }],
          }),
        });
      expect((await batch(`http://localhost:${shopPort}`, "from-shop")).status).toBe(200);
      expect((await batch("https://elsewhere.example", "from-elsewhere")).status).toBe(403);

      const listed = await customers(first.base, first.readKey);
      expect(listed.status).toBe(200);
      expect(((await listed.json()) as { customers: unknown[] }).customers).toHaveLength(5);
    } finally {
      expect(await stop(first.demo)).toBe(0);
    }

    const second = await startDemo(db, shopPort);
    try {
      expect(second.demo.stdout()).not.toContain("Seeded");
      expect(second.demo.stdout()).not.toContain("Created");
      expect(second.readKey).toBe(first.readKey);
      expect((await customers(second.base, second.readKey)).status).toBe(200);
    } finally {
      expect(await stop(second.demo)).toBe(0);
    }

    // Keys are stored hashed: with the saved key gone, the demo replaces the read key.
    rmSync(join(dir, "data", "demo-keys.json"));
    const third = await startDemo(db, shopPort);
    try {
      expect(third.demo.stdout()).toContain('No working read key of the site "demo" was saved: replaced it with a new one');
      expect(third.readKey).not.toBe(first.readKey);
      expect((await customers(third.base, third.readKey)).status).toBe(200);
      expect((await customers(third.base, first.readKey)).status).toBe(401);
    } finally {
      expect(await stop(third.demo)).toBe(0);
    }
  });
});
