import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_CONFIG } from "../config.js";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";
import { createLogger, type LogLevel } from "./logger.js";
import { createCollectorMetrics } from "./metrics.js";

let f: CollectorFixture;
beforeEach(async () => {
  f = await collectorFixture();
});
afterEach(async () => {
  await f.store.close();
});

/** The app of the fixture's store, its access lines at `level` kept as objects without time and ms. */
function loggedApp(level: LogLevel) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(
    level,
    new Writable({
      write: (chunk, _, done) => {
        const { time, ms, ...line } = JSON.parse(String(chunk)) as Record<string, unknown>;
        expect([typeof time, typeof ms]).toEqual(["string", "number"]);
        lines.push(line);
        done();
      },
    }),
  );
  const app = createApp({ store: f.store, config: DEFAULT_CONFIG, observe: { metrics: createCollectorMetrics(), log } });
  return { app, lines };
}

/** A probe, an accepted batch, a Segment call, a refused batch and a report read, in that order. */
async function sendTraffic(app: ReturnType<typeof createApp>): Promise<void> {
  const event = { id: "e-1", type: "page", anonymousId: "anon-1", timestamp: new Date().toISOString() };
  const batch = (writeKey: string) =>
    app.request("/v1/batch", {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": CHROME_WINDOWS },
      body: JSON.stringify({ writeKey, sentAt: new Date().toISOString(), events: [event] }),
    });
  expect((await app.request("/healthz")).status).toBe(200);
  expect((await batch(f.site.writeKey)).status).toBe(200);
  const segment = await app.request("/v1/t", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ writeKey: f.site.secretKey, type: "track", event: "Signed Up", userId: "u-1", messageId: "m-1" }),
  });
  expect(segment.status).toBe(200);
  expect((await batch("tp_pub_wrong")).status).toBe(401);
  const customers = await app.request("/v1/customers", { headers: { authorization: `Bearer ${f.site.readKey}` } });
  expect(customers.status).toBe(200);
}

describe("access log levels", () => {
  it("at info, leaves out accepted ingest and health probes and keeps reads and refusals", async () => {
    const { app, lines } = loggedApp("info");
    await sendTraffic(app);
    expect(lines).toEqual([
      { level: "warn", route: "/v1/batch", method: "POST", status: 401, site: null, msg: "request" },
      { level: "info", route: "/v1/customers", method: "GET", status: 200, site: f.site.id, msg: "request" },
    ]);
  });

  it("at debug, writes a line for every request", async () => {
    const { app, lines } = loggedApp("debug");
    await sendTraffic(app);
    expect(lines).toEqual([
      { level: "debug", route: "/healthz", method: "GET", status: 200, site: null, msg: "request" },
      { level: "debug", route: "/v1/batch", method: "POST", status: 200, site: f.site.id, msg: "request" },
      { level: "debug", route: "/v1/t", method: "POST", status: 200, site: f.site.id, msg: "request" },
      { level: "warn", route: "/v1/batch", method: "POST", status: 401, site: null, msg: "request" },
      { level: "info", route: "/v1/customers", method: "GET", status: 200, site: f.site.id, msg: "request" },
    ]);
  });
});
