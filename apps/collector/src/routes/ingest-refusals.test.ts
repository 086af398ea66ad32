import { join } from "node:path";
import Database from "better-sqlite3";
import { DEFAULT_LIMITS } from "@touchpoint/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_CONFIG } from "../config.js";
import { createGroupCommitWriter } from "../ingest/group-commit.js";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { useTempDir } from "../testing/temp-dir.js";

const tempDir = useTempDir("touchpoint-refusals-");
let path: string;
let f: CollectorFixture;
beforeEach(async () => {
  path = join(tempDir(), "t.db");
  f = await collectorFixture({
    path,
    config: {
      limits: { ...DEFAULT_LIMITS, maxEventsPerBatch: 2 },
      ops: { ...DEFAULT_CONFIG.ops, perKeyLimit: { ratePerSecond: 1, burst: 2 } },
    },
  });
});
afterEach(async () => {
  await f.store.close();
});

const SENT_AT = "2026-11-23T12:00:00.000Z";
const event = (id: string) => ({ id, type: "page", anonymousId: "anon-1", timestamp: "2026-11-23T11:59:00.000Z" });
const track = (messageId: string) => ({ type: "track", event: "Signed Up", userId: "u-1", messageId });

interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

async function post(app: ReturnType<typeof createApp>, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() };
}

const refused = (status: number, code: string, message: string, retryAfter: string | null = null): Answer => ({
  status,
  retryAfter,
  body: JSON.stringify({ error: { code, message } }),
});

describe("refused ingest requests: the exact answers", () => {
  it("POST /v1/batch", async () => {
    const batch = (events: unknown[], writeKey = f.site.writeKey) => ({ writeKey, sentAt: SENT_AT, events });
    expect(await post(f.app, "/v1/batch", batch([event("e1"), event("e2"), event("e3")]))).toEqual(
      refused(413, "too_many_events", "a batch holds at most 2 events; this one has 3"),
    );
    expect(await post(f.app, "/v1/batch", { writeKey: f.site.writeKey, sentAt: "yesterday", events: [event("e1")] })).toEqual({
      status: 400,
      retryAfter: null,
      body: JSON.stringify({
        error: {
          code: "invalid_envelope",
          message: "the batch envelope is invalid",
          issues: [{ path: "sentAt", message: "must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00.000Z" }],
        },
      }),
    });
    expect(await post(f.app, "/v1/batch", batch([event("e1")], "tp_pub_unknown"))).toEqual(
      refused(401, "unknown_write_key", "no site has this write key"),
    );
    expect(await post(f.app, "/v1/batch", batch([event("e1")]), { authorization: "Basic Zm9vOg==" })).toEqual(
      refused(401, "invalid_authorization", "Authorization must be `Bearer <secret key>`"),
    );
    expect(await post(f.app, "/v1/batch", batch([event("e1")]), { authorization: "Bearer tp_sec_unknown" })).toEqual(
      refused(401, "unknown_secret_key", "no site has this secret key"),
    );
    expect(await post(f.app, "/v1/batch", batch([event("e1")]), { origin: "https://elsewhere.example" })).toEqual(
      refused(403, "origin_not_allowed", "origin https://elsewhere.example is not allowed for this site"),
    );
    expect((await post(f.app, "/v1/batch", batch([event("e1"), event("e2")]))).status).toBe(200);
    expect(await post(f.app, "/v1/batch", batch([event("e3")]))).toEqual(
      refused(429, "rate_limited", "this site sends more than its 1 events a second; retry in 1 s", "1"),
    );
  });

  it("Segment's paths", async () => {
    const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` });
    expect(await post(f.app, "/v1/t", [track("m1")], basic(f.site.writeKey))).toEqual(
      refused(400, "invalid_body", "the body must be a JSON object"),
    );
    expect(await post(f.app, "/v1/b", { batch: "none" }, basic(f.site.writeKey))).toEqual(
      refused(400, "invalid_body", "batch must be an array of messages"),
    );
    expect(await post(f.app, "/v1/b", { batch: [track("m1"), track("m2"), track("m3")] }, basic(f.site.writeKey))).toEqual(
      refused(413, "too_many_events", "a batch holds at most 2 messages; this one has 3"),
    );
    expect(await post(f.app, "/v1/t", track("m1"))).toEqual(
      refused(401, "missing_write_key", "send the write key as HTTP Basic auth (`writeKey:`) or as writeKey in the body"),
    );
    // A Bearer header is not where Segment's libraries send the key.
    expect(await post(f.app, "/v1/t", track("m1"), { authorization: `Bearer ${f.site.secretKey}` })).toEqual(
      refused(401, "missing_write_key", "send the write key as HTTP Basic auth (`writeKey:`) or as writeKey in the body"),
    );
    expect(await post(f.app, "/v1/t", track("m1"), basic("tp_pub_unknown"))).toEqual(
      refused(401, "unknown_write_key", "no site has this write key"),
    );
    expect(await post(f.app, "/v1/t", track("m1"), { ...basic(f.site.writeKey), origin: "https://elsewhere.example" })).toEqual(
      refused(403, "origin_not_allowed", "origin https://elsewhere.example is not allowed for this site"),
    );
    expect((await post(f.app, "/v1/b", { batch: [track("m1"), track("m2")] }, basic(f.site.secretKey))).status).toBe(200);
    expect(await post(f.app, "/v1/t", track("m3"), basic(f.site.secretKey))).toEqual(
      refused(429, "rate_limited", "this site sends more than its 1 events a second; retry in 1 s", "1"),
    );
  });

  it("when the store cannot take the events, on both", async () => {
    const raw = new Database(path);
    raw.exec("CREATE TRIGGER poison BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'poisoned row'); END");
    raw.close();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const unavailable = refused(
      503,
      "store_unavailable",
      "the events could not be stored; nothing from this batch was kept, send it again",
      "1",
    );
    expect(await post(f.app, "/v1/batch", { writeKey: f.site.writeKey, sentAt: SENT_AT, events: [event("e1")] })).toEqual(unavailable);
    expect(await post(f.app, "/v1/t", { ...track("m1"), writeKey: f.site.secretKey })).toEqual(unavailable);
    errors.mockRestore();

    const writer = createGroupCommitWriter(f.store, DEFAULT_CONFIG.groupCommit);
    await writer.close();
    const closing = createApp({ store: f.store, config: DEFAULT_CONFIG, writer });
    const shuttingDown = refused(503, "shutting_down", "the collector is shutting down", "1");
    expect(await post(closing, "/v1/batch", { writeKey: f.site.writeKey, sentAt: SENT_AT, events: [event("e2")] })).toEqual(shuttingDown);
    expect(await post(closing, "/v1/t", { ...track("m2"), writeKey: f.site.secretKey })).toEqual(shuttingDown);
  });
});
