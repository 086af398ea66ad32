import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, startServe } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const tempDir = useTempDir("touchpoint-observe-");

const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/** The value of one sample line of a Prometheus text exposition, e.g. `name{a="b"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("touchpoint serve: metrics, access logs and a trusted proxy", { timeout: 60_000 }, () => {
  it("counts requests and events on the metrics port, logs one JSON line per request, and rate-limits forwarded clients apart", async () => {
    const db = join(tempDir(), "t.db");
    const served = await startServe([
      "--port",
      "0",
      "--db",
      db,
      "--metrics-port",
      "0",
      "--log-level",
      // debug: accepted batches log only at debug (access-log.test.ts has the levels).
      "debug",
      "--trust-proxy",
      "127.0.0.1",
      "--client-rate",
      "1",
      "--client-burst",
      "2",
    ]);
    try {
      const writeKey = /write key: +(\S+)/.exec(served.stdout())![1]!;
      const readKey = /read key: +(\S+)/.exec(served.stdout())![1]!;
      const metricsUrl = /touchpoint metrics on (http:\/\/\S+)/.exec(served.stdout())![1]!;
      const base = `http://127.0.0.1:${served.port}`;
      const post = (forwardedFor: string, events: unknown[], userAgent = CHROME_WINDOWS, key = writeKey) =>
        fetch(`${base}/v1/batch`, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": userAgent, "x-forwarded-for": forwardedFor },
          body: JSON.stringify({ writeKey: key, sentAt: new Date().toISOString(), events }),
        });
      const secretKey = /secret key: +(\S+)/.exec(served.stdout())![1]!;
      const rule = {
        name: "banner follow-up",
        when: { event: "banner_click" },
        wait: "P1D",
        branches: [{ do: [{ webhook: "https://crm.example/follow-up" }] }],
      };
      const created = await fetch(`${base}/v1/rules`, {
        method: "POST",
        headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
        body: JSON.stringify(rule),
      });
      expect(created.status).toBe(201);
      const now = new Date().toISOString();
      const batch = [
        { id: "e-1", type: "touchpoint", name: "banner_click", anonymousId: "anon-1", timestamp: now },
        { id: "e-2", type: "touchpoint", name: "catalog_view", anonymousId: "anon-1", timestamp: now },
        { id: "e-3", type: "touchpoint", name: "banner_click", anonymousId: "anon-1", timestamp: "yesterday" },
      ];
      // One client behind the proxy spends its burst of 2; another one behind the same proxy has its own.
      expect(await (await post("198.51.100.1, 203.0.113.7", batch)).json()).toMatchObject({ accepted: 2, duplicates: 0 });
      expect(await (await post("203.0.113.7", batch)).json()).toMatchObject({ accepted: 0, duplicates: 2 });
      expect((await post("203.0.113.7", batch)).status).toBe(429);
      expect(
        await (await post("203.0.113.8", [{ id: "e-4", type: "page", anonymousId: "anon-2", timestamp: now }], GOOGLEBOT)).json(),
      ).toMatchObject({ accepted: 0, bots: 1 });
      const journey = await fetch(`${base}/v1/journeys/nobody`, {
        headers: { authorization: `Bearer ${readKey}`, "x-forwarded-for": "203.0.113.9" },
      });
      expect(journey.status).toBe(404);
      // On the public port only with the admin token.
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const { adminToken } = JSON.parse((await runCli(["admin-token", "--db", db])).stdout) as { adminToken: string };
      const guarded = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(guarded.status).toBe(200);
      expect(await guarded.text()).toContain("touchpoint_http_requests_total");

      const metrics = await fetch(metricsUrl);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get("content-type")).toContain("text/plain");
      const text = await metrics.text();
      const site = /site="(site_[^"]+)"/.exec(text)?.[1];
      expect(site).toBeDefined();
      expect(sample(text, 'touchpoint_http_requests_total{route="/v1/batch",method="POST",status="200"}')).toBe(3);
      expect(sample(text, 'touchpoint_http_requests_total{route="/v1/*",method="POST",status="429"}')).toBe(1);
      expect(sample(text, 'touchpoint_http_requests_total{route="/v1/journeys/:customerId",method="GET",status="404"}')).toBe(1);
      expect(sample(text, `touchpoint_events_total{site="${site}",outcome="accepted"}`)).toBe(2);
      expect(sample(text, `touchpoint_events_total{site="${site}",outcome="duplicates"}`)).toBe(2);
      expect(sample(text, `touchpoint_events_total{site="${site}",outcome="rejected"}`)).toBe(2);
      expect(sample(text, `touchpoint_events_total{site="${site}",outcome="bots"}`)).toBe(1);
      expect(sample(text, "touchpoint_batch_events_count")).toBe(3);
      expect(sample(text, "touchpoint_batch_events_sum")).toBe(7);
      expect(sample(text, "touchpoint_commit_rows_sum")).toBe(4);
      expect(sample(text, "touchpoint_commit_duration_seconds_count")).toBeGreaterThanOrEqual(2);
      expect(sample(text, "touchpoint_commit_queue_rows")).toBe(0);
      expect(sample(text, "touchpoint_sqlite_wal_bytes")).toBeGreaterThan(0);
      // The banner click started one run of the rule, waiting a day: one pending timer, nothing sent yet.
      expect(sample(text, "touchpoint_automation_runs_waiting")).toBe(1);
      expect(sample(text, 'touchpoint_webhook_deliveries{status="pending"}')).toBe(0);
      expect(sample(text, 'touchpoint_webhook_deliveries{status="failed"}')).toBe(0);
      expect(sample(text, "touchpoint_upkeep_lag_seconds")).toBeGreaterThanOrEqual(0);
      expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
      expect(text).toContain("nodejs_eventloop_lag_seconds");

      const lines = served
        .stdout()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const batches = lines.filter((l) => l.route === "/v1/batch");
      expect(batches.map(({ level, method, status, site: s, msg }) => ({ level, method, status, site: s, msg }))).toEqual([
        { level: "debug", method: "POST", status: 200, site, msg: "request" },
        { level: "debug", method: "POST", status: 200, site, msg: "request" },
        { level: "debug", method: "POST", status: 200, site, msg: "request" },
      ]);
      expect(batches.every((l) => typeof l.ms === "number" && typeof l.time === "string")).toBe(true);
      expect(lines.find((l) => l.status === 429)).toMatchObject({ level: "warn", route: "/v1/*", site: null });
      expect(lines.find((l) => l.route === "/v1/journeys/:customerId")).toMatchObject({ level: "warn", status: 404, site });
      const logged = lines.map((l) => JSON.stringify(l)).join("\n");
      for (const secret of [writeKey, readKey, "203.0.113", "198.51.100", "nobody"]) expect(logged).not.toContain(secret);

      // A flood of the same failure: one line, then one saying how many were left out.
      for (let i = 0; i < 5; i++) expect((await post(`192.0.2.${i}`, batch, CHROME_WINDOWS, "tp_pub_wrong")).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await post("192.0.2.99", batch, CHROME_WINDOWS, "tp_pub_wrong")).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const unauthorized = served
        .stdout()
        .split("\n")
        .filter((l) => l.includes('"route":"/v1/batch"') && l.includes('"status":401'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(unauthorized.map((l) => l.repeated)).toEqual([undefined, 4]);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  });
});
