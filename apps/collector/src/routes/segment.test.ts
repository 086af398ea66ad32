import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_CONFIG } from "../config.js";
import { createLogger } from "../observe/logger.js";
import { createCollectorMetrics } from "../observe/metrics.js";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { CHROME_WINDOWS } from "../testing/user-agents.js";

const NOW = Date.parse("2026-11-23T12:00:00.000Z");
const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString("base64")}`;

let f: CollectorFixture;
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  f = await collectorFixture();
});
afterEach(async () => {
  vi.useRealTimers();
  await f.store.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return f.app.request(path, {
    method: "POST",
    headers: { "content-type": "text/plain", "user-agent": CHROME_WINDOWS, ...headers },
    body: JSON.stringify(body),
  });
}

const track = (messageId: string, event: string, extra: Record<string, unknown> = {}) => ({
  type: "track",
  messageId,
  event,
  anonymousId: "anon-1",
  timestamp: "2026-11-23T11:59:00.000Z",
  sentAt: "2026-11-23T12:00:00.000Z",
  ...extra,
});

describe("Segment's tracking API", () => {
  it("stores analytics.js's short-path calls with the write key in Basic auth, answering {success:true}", async () => {
    const auth = { authorization: basic(f.site.writeKey), origin: "https://shop.example" };
    const page = {
      type: "page",
      messageId: "m1",
      anonymousId: "anon-1",
      properties: { path: "/pricing", url: "https://shop.example/pricing" },
      timestamp: "2026-11-23T11:58:00.000Z",
      sentAt: "2026-11-23T12:00:00.000Z",
    };
    for (const [path, body] of [
      ["/v1/p", page],
      ["/v1/t", track("m2", "Product Added", { properties: { product_id: "p-1" } })],
      [
        "/v1/i",
        {
          type: "identify",
          messageId: "m3",
          anonymousId: "anon-1",
          userId: "cust-7",
          traits: { plan: "pro" },
          timestamp: "2026-11-23T11:59:30.000Z",
        },
      ],
    ] as const) {
      const res = await post(path, body, auth);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: true });
      expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    }
    const events = await f.store.readEvents(f.site.id, { personKey: "c:cust-7" });
    expect(events.map((e) => [e.id, e.type, e.name, new Date(e.timestamp).toISOString()])).toEqual([
      ["m1", "page", "page_view", "2026-11-23T11:58:00.000Z"],
      ["m2", "touchpoint", "add_to_cart", "2026-11-23T11:59:00.000Z"],
      ["m3", "identify", "identify", "2026-11-23T11:59:30.000Z"],
    ]);
    expect(events[1]!.context).toEqual({ originalName: "Product Added" });
    expect(events[0]!.device).toEqual({ browser: "Chrome", os: "Windows", type: "desktop" });
  });

  it.each(["/v1/track", "/v1/t"])("takes the write key from the body on %s", async (path) => {
    const res = await post(path, { ...track("m1", "Promotion Clicked"), type: undefined, writeKey: f.site.writeKey });
    expect(res.status).toBe(200);
    expect((await f.store.readEvents(f.site.id)).map((e) => e.name)).toEqual(["banner_click"]);
  });

  it("tells a Segment batch on /v1/batch from Touchpoint's envelope, stores it once, and counts refused messages", async () => {
    const batch = {
      batch: [
        track("m1", "Order Completed", { userId: "cust-7", properties: { order_id: "o-1", revenue: 99.5 } }),
        track("m2", "1 bad name"),
        { type: "identify", messageId: "m3", anonymousId: "anon-1", timestamp: "2026-11-23T11:59:00.000Z" },
      ],
      sentAt: "2026-11-23T12:00:00.000Z",
    };
    for (let round = 0; round < 2; round++) {
      const res = await f.app.request("/v1/batch", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: basic(f.site.writeKey) },
        body: JSON.stringify(batch),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: true });
    }
    const events = await f.store.readEvents(f.site.id);
    expect(events.map((e) => [e.id, e.name, e.customerId, e.properties])).toEqual([
      ["m1", "purchase", "cust-7", { order_id: "o-1", revenue: 99.5, value: 99.5 }],
    ]);
  });

  it("takes the site's secret key as a server library's write key: userId-only events keep their timestamps", async () => {
    const res = await post(
      "/v1/b",
      {
        batch: [track("m1", "Support Contact", { anonymousId: undefined, userId: "cust-9", timestamp: "2025-01-15T10:00:00.000Z" })],
        sentAt: "2026-11-23T11:00:00.000Z",
      },
      { authorization: basic(f.site.secretKey) },
    );
    expect(res.status).toBe(200);
    const events = await f.store.readEvents(f.site.id);
    expect(events.map((e) => [e.name, e.customerId, new Date(e.timestamp).toISOString()])).toEqual([
      ["support_contact", "cust-9", "2025-01-15T10:00:00.000Z"],
    ]);
  });

  it("holds the write key to its rules: an anonymousId is required, clocks are corrected and bounded", async () => {
    const res = await post(
      "/v1/batch",
      {
        batch: [
          track("m1", "Product Viewed", { anonymousId: undefined, userId: "cust-9" }),
          // The browser's clock is an hour slow: sent at 11:00 on its clock, received at 12:00.
          track("m2", "Product Viewed", { timestamp: "2026-11-23T10:59:00.000Z", sentAt: "2026-11-23T11:00:00.000Z" }),
        ],
      },
      { authorization: basic(f.site.writeKey) },
    );
    expect(res.status).toBe(200);
    const events = await f.store.readEvents(f.site.id);
    expect(events.map((e) => [e.id, e.name, new Date(e.timestamp).toISOString()])).toEqual([
      ["m2", "product_view", "2026-11-23T11:59:00.000Z"],
    ]);
  });

  it.each([
    ["no key", {}, false, 401, "missing_write_key"],
    ["an unknown key", { authorization: basic("nope") }, false, 401, "unknown_write_key"],
    ["a foreign origin", { origin: "https://evil.example" }, true, 403, "origin_not_allowed"],
  ])("refuses a call with %s", async (_, headers: Record<string, string>, keyInBody, status, code) => {
    const body = { ...track("m1", "x"), ...(keyInBody ? { writeKey: f.site.writeKey } : {}) };
    const res = await post("/v1/track", body, headers);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
    expect(await f.store.countEvents(f.site.id)).toBe(0);
  });

  it("answers 400 for a body that is not JSON and 413 for a batch over the limit", async () => {
    const bad = await f.app.request("/v1/t", { method: "POST", body: "{", headers: { authorization: basic(f.site.writeKey) } });
    expect(bad.status).toBe(400);
    const many = await post(
      "/v1/b",
      { batch: Array.from({ length: 1001 }, (_, i) => track(`m${i}`, "x")) },
      { authorization: basic(f.site.writeKey) },
    );
    expect(many.status).toBe(413);
    expect((await many.json()).error.code).toBe("too_many_events");
  });

  it("answers a CORS preflight allowing Authorization, as analytics.js's fetch needs", async () => {
    const res = await f.app.request("/v1/t", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-headers": "authorization,content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toBe("Content-Type, Authorization");
  });

  it("serves analytics.js's settings with apiHost pointing back at this collector, 404 for an unknown key", async () => {
    const res = await f.app.request(`http://collector.example:8080/v1/projects/${f.site.writeKey}/settings`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const settings = await res.json();
    expect(settings.integrations).toEqual({
      "Segment.io": {
        apiKey: f.site.writeKey,
        apiHost: "collector.example:8080/v1",
        protocol: "http",
        unbundledIntegrations: [],
        addBundledMetadata: false,
      },
    });
    const unknown = await f.app.request("/v1/projects/nope/settings");
    expect(unknown.status).toBe(404);
  });
});

describe("Segment messages Touchpoint refuses", () => {
  it("are counted in /metrics and logged with their reasons while the answer is {success:true}", async () => {
    const lines: string[] = [];
    const log = createLogger(
      "info",
      new Writable({
        write: (chunk, _, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const metrics = createCollectorMetrics();
    const app = createApp({ store: f.store, config: DEFAULT_CONFIG, observe: { metrics, log } });
    const res = await app.request("/v1/b", {
      method: "POST",
      headers: { authorization: basic(f.site.writeKey), "user-agent": CHROME_WINDOWS },
      body: JSON.stringify({
        batch: [track("m1", "Product Viewed"), track("m2", "9 lives"), { ...track("m3", "x"), messageId: undefined }],
      }),
    });
    expect(await res.json()).toEqual({ success: true });
    const text = await metrics.registry.metrics();
    expect(text).toContain(`touchpoint_events_total{site="${f.site.id}",outcome="accepted"} 1`);
    expect(text).toContain(`touchpoint_events_total{site="${f.site.id}",outcome="rejected"} 2`);
    const refused = lines.map((line) => JSON.parse(line)).find((line) => line.msg === "segment messages refused");
    expect(refused).toMatchObject({ level: "warn", site: f.site.id, rejected: 2 });
    expect(refused.first.map((r: { index: number; errors: { path: string }[] }) => [r.index, r.errors[0]!.path])).toEqual([
      [1, "name"],
      [2, "messageId"],
    ]);
  });
});
