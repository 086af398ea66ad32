import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { DEFAULT_LIMITS } from "@touchpoint/protocol";
import { CHROME_WINDOWS, GOOGLEBOT, SAFARI_IPHONE } from "../testing/user-agents.js";

const NOW = Date.parse("2026-11-23T12:00:00.000Z");
const anonymousId = "anon-1";

function touchpoint(id: string, timestamp = "2026-11-23T11:59:00.000Z", extra: Record<string, unknown> = {}) {
  return { id, type: "touchpoint", name: "banner_click", anonymousId, sessionId: "sess-1", timestamp, ...extra };
}

let f: CollectorFixture;
const batch = (events: unknown[], sentAt = "2026-11-23T12:00:00.000Z") => ({ writeKey: f.site.writeKey, sentAt, events });

beforeEach(async () => {
  // Only Date is faked: the group-commit writer's timers keep running.
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  f = await collectorFixture();
});
afterEach(async () => {
  vi.useRealTimers();
  await f.store.close();
});

describe("POST /v1/batch", () => {
  it("stores a valid batch that reads back as journey events", async () => {
    const res = await f.postBatch(
      batch([
        {
          id: "e1",
          type: "page",
          anonymousId,
          timestamp: "2026-11-23T11:58:00.000Z",
          context: { url: "https://shop.example/", path: "/" },
        },
        touchpoint("e2", "2026-11-23T11:59:00.000Z", { properties: { campaign: "winter", position: 1, hero: true } }),
        {
          id: "e3",
          type: "identify",
          anonymousId,
          customerId: "cust-7",
          timestamp: "2026-11-23T11:59:30.000Z",
          traits: { persona: "buyer" },
        },
      ]),
      { "user-agent": CHROME_WINDOWS },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });
    const device = { browser: "Chrome", os: "Windows", type: "desktop" };
    const common = { anonymousId, customerId: null, sessionId: null, traits: null, device, properties: {}, context: {} };
    expect(await f.store.readEvents(f.site.id)).toEqual([
      {
        ...common,
        id: "e1",
        type: "page",
        name: "page_view",
        timestamp: Date.parse("2026-11-23T11:58:00.000Z"),
        context: { url: "https://shop.example/", path: "/" },
      },
      {
        ...common,
        id: "e2",
        type: "touchpoint",
        name: "banner_click",
        sessionId: "sess-1",
        timestamp: Date.parse("2026-11-23T11:59:00.000Z"),
        properties: { campaign: "winter", position: 1, hero: true },
      },
      {
        ...common,
        id: "e3",
        type: "identify",
        name: "identify",
        customerId: "cust-7",
        timestamp: Date.parse("2026-11-23T11:59:30.000Z"),
        traits: { persona: "buyer" },
      },
    ]);
    // The identify stitched the visitor's earlier events into the customer's journey.
    expect((await f.store.readEvents(f.site.id, { personKey: "c:cust-7" })).map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
    expect(await f.store.readEvents(f.site.id, { personKey: `a:${anonymousId}` })).toEqual([]);
  });

  it("counts events from bots in `bots` and keeps them out, judging each event by its own user agent first", async () => {
    const crawled = await f.postBatch(batch([touchpoint("bot-1"), touchpoint("bot-2")]), { "user-agent": GOOGLEBOT });
    expect(await crawled.json()).toEqual({ accepted: 0, duplicates: 0, suppressed: 0, bots: 2, rejected: [] });

    const mixed = await f.postBatch(
      batch([
        touchpoint("e1"),
        touchpoint("e2", undefined, { context: { userAgent: GOOGLEBOT } }),
        touchpoint("e3", undefined, { context: { userAgent: SAFARI_IPHONE } }),
      ]),
      { "user-agent": CHROME_WINDOWS },
    );
    expect(await mixed.json()).toEqual({ accepted: 2, duplicates: 0, suppressed: 0, bots: 1, rejected: [] });
    expect((await f.store.readEvents(f.site.id)).map((e) => [e.id, e.device])).toEqual([
      ["e1", { browser: "Chrome", os: "Windows", type: "desktop" }],
      ["e3", { browser: "Mobile Safari", os: "iOS", type: "mobile" }],
    ]);
  });

  it("stores events posted with an HTTP client library (curl, node's fetch, python-requests, Go, Postman): they are not bots", async () => {
    const clients = ["curl/8.5.0", "node", "python-requests/2.31.0", "Go-http-client/1.1", "PostmanRuntime/7.36.1"];
    for (const [i, userAgent] of clients.entries()) {
      const res = await f.postBatch(batch([touchpoint(`e${i}`)]), { "user-agent": userAgent });
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });
    }
    expect(await f.store.countEvents(f.site.id)).toBe(5);
  });

  it("accepts a text/plain body, as navigator.sendBeacon sends it", async () => {
    const res = await f.postBatch(batch([touchpoint("e1")]), { "content-type": "text/plain;charset=UTF-8" });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });
    expect(await f.store.countEvents(f.site.id)).toBe(1);
  });

  it("stores a batch sent twice once and counts the repeat, also inside one batch", async () => {
    const events = [touchpoint("e1"), touchpoint("e2"), touchpoint("e1")];
    expect(await (await f.postBatch(batch(events))).json()).toEqual({ accepted: 2, duplicates: 1, suppressed: 0, bots: 0, rejected: [] });
    expect(await (await f.postBatch(batch(events))).json()).toEqual({ accepted: 0, duplicates: 3, suppressed: 0, bots: 0, rejected: [] });
    expect(await f.store.countEvents(f.site.id)).toBe(2);
  });

  it("stores the valid events of a mixed batch and rejects each bad one by index and path", async () => {
    const res = await f.postBatch(
      batch([
        touchpoint("ok-1"),
        touchpoint("bad-1", "2026-11-23T11:59:00.000Z", { name: "2 banners!" }),
        { id: "bad-2", type: "identify", anonymousId, customerId: "guest", timestamp: "2026-11-23T11:59:00.000Z" },
        touchpoint("ok-2", "2026-11-23T11:59:01.000Z", { properties: { price: 12.5 } }),
        "not an event",
      ]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      suppressed: 0,
      bots: 0,
      rejected: [
        {
          index: 1,
          id: "bad-1",
          errors: [
            {
              path: "name",
              message: 'must be snake_case or words of letters and digits such as "Order Completed", starting with a letter',
            },
          ],
        },
        { index: 2, id: "bad-2", errors: [{ path: "customerId", message: '"guest" is a placeholder, not a customer id' }] },
        { index: 4, id: null, errors: [{ path: "", message: 'must be one of "page", "touchpoint" or "identify"' }] },
      ],
    });
    expect((await f.store.readEvents(f.site.id)).map((e) => e.id)).toEqual(["ok-1", "ok-2"]);
  });

  it("answers 400 for unparsable JSON and for an invalid envelope", async () => {
    const unparsable = await f.postBatch('{"writeKey": ');
    expect(unparsable.status).toBe(400);
    expect(((await unparsable.json()) as { error: { code: string } }).error.code).toBe("invalid_json");

    const invalid = await f.postBatch({ writeKey: f.site.writeKey, sentAt: "yesterday", events: [] });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: {
        code: "invalid_envelope",
        message: "the batch envelope is invalid",
        issues: [
          { path: "sentAt", message: "must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00.000Z" },
          { path: "events", message: "must hold at least one event" },
        ],
      },
    });
  });

  it("answers 401 for an unknown write key and stores nothing", async () => {
    const res = await f.postBatch({ ...batch([touchpoint("e1")]), writeKey: "tp_pub_unknown" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unknown_write_key", message: "no site has this write key" } });
    expect(await f.store.countEvents(f.site.id)).toBe(0);
  });

  it("answers every preflight, then refuses a POST from an origin the site does not allow", async () => {
    const preflight = await f.app.request("/v1/batch", {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      "access-control-allow-origin": "https://evil.example",
      "access-control-allow-methods": "POST, OPTIONS",
      "access-control-allow-headers": "Content-Type, Authorization",
    });

    const refused = await f.postBatch(batch([touchpoint("e1")]), { origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: { code: "origin_not_allowed", message: "origin https://evil.example is not allowed for this site" },
    });
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://evil.example");

    const allowed = await f.postBatch(batch([touchpoint("e2")]), { origin: "https://shop.example" });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect((await f.store.readEvents(f.site.id)).map((e) => e.id)).toEqual(["e2"]);
  });

  it("lets a site without configured origins accept any origin", async () => {
    const open = await f.store.createSite({ name: "open", origins: [] });
    const res = await f.postBatch(
      { writeKey: open.writeKey, sentAt: "2026-11-23T12:00:00.000Z", events: [touchpoint("e1")] },
      { origin: "https://anywhere.example" },
    );
    expect(res.status).toBe(200);
  });

  it("answers 415 to a body that is neither JSON nor text/plain, and stores nothing", async () => {
    const res = await f.app.request("/v1/batch", {
      method: "POST",
      headers: { "content-type": "text/html" },
      body: JSON.stringify(batch([touchpoint("e1")])),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      error: { code: "unsupported_media_type", message: "the body must be sent as application/json or text/plain (navigator.sendBeacon)" },
    });
    expect(await f.store.countEvents(f.site.id)).toBe(0);
  });

  it("answers 413 for a body over the limit and for too many events", async () => {
    const small = await collectorFixture({ config: { limits: { ...DEFAULT_LIMITS, maxBatchBytes: 1000 } } });
    const big = await small.postBatch(batch([touchpoint("e1", undefined, { properties: { note: "x".repeat(1000) } })]));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: "body_too_large", message: "a request body is at most 1000 bytes" } });
    await small.store.close();

    const many = await f.postBatch(batch(Array.from({ length: 1001 }, (_, i) => touchpoint(`e${i}`))));
    expect(many.status).toBe(413);
    expect(((await many.json()) as { error: { code: string } }).error.code).toBe("too_many_events");
    expect(await f.store.countEvents(f.site.id)).toBe(0);
  });

  it.each([
    ["ahead", "2026-11-24T12:00:00.000Z", "2026-11-24T11:59:00.000Z"],
    ["behind", "2026-11-22T12:00:00.000Z", "2026-11-22T11:59:00.000Z"],
  ])("corrects the timestamps of a browser whose clock is 24 hours %s", async (_, sentAt, timestamp) => {
    // Received at 12:00:00 on the 23rd: the event happened a minute before, whatever the client's clock said.
    await f.postBatch(batch([touchpoint("e1", timestamp)], sentAt));
    const [event] = await f.store.readEvents(f.site.id);
    expect(event?.timestamp).toBe(Date.parse("2026-11-23T11:59:00.000Z"));
  });

  it("keeps a browser event's corrected time within 31 days before and a minute after its receipt", async () => {
    // sentAt 20 years behind the event: corrected 20 years into the future. 20 years ahead: into the past.
    await f.postBatch(batch([touchpoint("future", "2026-11-23T11:59:00.000Z")], "2006-11-23T12:00:00.000Z"));
    await f.postBatch(batch([touchpoint("past", "2026-11-23T11:59:00.000Z")], "2046-11-23T12:00:00.000Z"));
    // Within the bounds, the correction stands: 30 days back, 30 seconds ahead.
    await f.postBatch(batch([touchpoint("month-old", "2026-10-24T12:00:00.000Z")]));
    await f.postBatch(batch([touchpoint("ahead", "2026-11-23T12:00:30.000Z")]));
    const times = Object.fromEntries((await f.store.readEvents(f.site.id)).map((e) => [e.id, new Date(e.timestamp).toISOString()]));
    expect(times).toEqual({
      past: "2026-10-23T12:00:00.000Z",
      "month-old": "2026-10-24T12:00:00.000Z",
      ahead: "2026-11-23T12:00:30.000Z",
      future: "2026-11-23T12:01:00.000Z",
    });
  });

  it("does not let an identify dated 20 years back (a forged sentAt) take a visitor from the customer who identified it", async () => {
    const DAY = 24 * 60 * 60 * 1000;
    // The victim's visits and login, 40 days before NOW.
    vi.setSystemTime(NOW - 40 * DAY);
    const victim = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      type: "touchpoint",
      name: "catalog_view",
      anonymousId: "victim-device",
      timestamp: new Date(NOW - 40 * DAY).toISOString(),
      ...extra,
    });
    await f.postBatch(
      batch(
        [victim("v1"), victim("v2", { type: "identify", name: undefined, customerId: "victim@example.com" }), victim("v3")],
        new Date(NOW - 40 * DAY).toISOString(),
      ),
    );
    vi.setSystemTime(NOW);
    // The attacker knows the device id and sends sentAt 20 years ahead: the identify's corrected time would be 2006.
    const forged = await f.postBatch(
      batch(
        [
          {
            id: "a1",
            type: "identify",
            anonymousId: "victim-device",
            customerId: "attacker@example.com",
            timestamp: "2026-11-23T12:00:00.000Z",
          },
        ],
        "2046-11-23T12:00:00.000Z",
      ),
    );
    expect(await forged.json()).toEqual({ accepted: 1, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });
    expect(await f.store.findIdentityLink(f.site.id, "victim-device")).toEqual({
      anonymousId: "victim-device",
      customerId: "victim@example.com",
      eventId: "v2",
      linkedAt: NOW - 40 * DAY,
    });
    const journey = async (customerId: string) => {
      const res = await f.app.request(`/v1/journeys/${encodeURIComponent(customerId)}`, {
        headers: { authorization: `Bearer ${f.site.readKey}` },
      });
      return ((await res.json()) as { touchpoints: { id: string }[] }).touchpoints.map((t) => t.id);
    };
    expect(await journey("victim@example.com")).toEqual(["v1", "v3"]);
    expect(await journey("attacker@example.com")).toEqual([]);
  });

  it("takes server-side events with the secret key: customer id only, historical timestamps kept", async () => {
    const res = await f.postBatch(
      {
        writeKey: "server",
        sentAt: "2026-11-23T13:00:00.000Z",
        events: [
          {
            id: "call-1",
            type: "touchpoint",
            name: "support_call",
            customerId: "cust-7",
            timestamp: "2026-03-01T09:30:00.000Z",
            context: { channel: "call_center" },
          },
        ],
      },
      { authorization: `Bearer ${f.site.secretKey}` },
    );
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });
    const [event] = await f.store.readEvents(f.site.id, { personKey: "c:cust-7" });
    expect(event?.timestamp).toBe(Date.parse("2026-03-01T09:30:00.000Z"));

    // The scheme is case-insensitive, as on the read endpoints (RFC 9110).
    const lowerCase = await f.postBatch(
      {
        writeKey: "server",
        sentAt: "2026-11-23T13:00:00.000Z",
        events: [{ id: "call-2", type: "touchpoint", name: "support_call", customerId: "cust-7", timestamp: "2026-03-02T09:30:00.000Z" }],
      },
      { authorization: `bearer ${f.site.secretKey}` },
    );
    expect(await lowerCase.json()).toEqual({ accepted: 1, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });

    const wrong = await f.postBatch(
      { writeKey: "server", sentAt: "2026-11-23T12:00:00.000Z", events: [touchpoint("e1")] },
      { authorization: `Bearer ${f.site.readKey}` },
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: "unknown_secret_key", message: "no site has this secret key" } });
  });

  it("requires an anonymous id with the public write key", async () => {
    const res = await f.postBatch(
      batch([{ id: "e1", type: "touchpoint", name: "support_call", customerId: "cust-7", timestamp: "2026-11-23T11:59:00.000Z" }]),
    );
    expect(((await res.json()) as { rejected: unknown }).rejected).toEqual([
      {
        index: 0,
        id: "e1",
        errors: [{ path: "anonymousId", message: "is required with the public write key (server-side sources use the secret key)" }],
      },
    ]);
  });
});

describe("GET /healthz, /readyz and /openapi.json", () => {
  it("reports health and readiness and describes the API from the zod schemas", async () => {
    expect(await (await f.app.request("/healthz")).json()).toEqual({ ok: true });
    expect(await (await f.app.request("/readyz")).json()).toEqual({ ready: true });
    const doc = (await (await f.app.request("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: object }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/dashboard",
      "/healthz",
      "/readyz",
      "/sdk/touchpoint.js",
      "/v1/a",
      "/v1/admin/sites",
      "/v1/admin/sites/{siteId}",
      "/v1/alias",
      "/v1/attribution",
      "/v1/attribution/rows",
      "/v1/b",
      "/v1/batch",
      "/v1/customer-value",
      "/v1/customers",
      "/v1/customers/{customerId}",
      "/v1/customers/{customerId}/export",
      "/v1/events/export",
      "/v1/funnel",
      "/v1/g",
      "/v1/group",
      "/v1/i",
      "/v1/identify",
      "/v1/import",
      "/v1/journeys",
      "/v1/journeys/{customerId}",
      "/v1/moments-of-truth",
      "/v1/p",
      "/v1/page",
      "/v1/paths",
      "/v1/projects/{writeKey}/settings",
      "/v1/s",
      "/v1/screen",
      "/v1/site",
      "/v1/spend",
      "/v1/t",
      "/v1/track",
    ]);
    expect(Object.keys(doc.paths["/v1/batch"]?.post?.responses ?? {})).toEqual([
      "200",
      "400",
      "401",
      "403",
      "408",
      "413",
      "415",
      "429",
      "503",
    ]);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await f.app.request("/nowhere");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no route for GET /nowhere" } });
  });
});
