import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";

let f: CollectorFixture;
const secret = () => ({ authorization: `Bearer ${f.site.secretKey}` });

const event = (id: string, customerId: string, timestamp: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "touchpoint",
  name: "support_contact",
  customerId,
  timestamp,
  ...extra,
});

beforeEach(async () => {
  f = await collectorFixture();
  const res = await f.postBatch(
    {
      writeKey: "server",
      sentAt: "2026-03-10T00:00:00.000Z",
      events: [
        event("b1", "bob", "2026-03-02T10:00:00.000Z", { properties: { topic: 'billing, "late"' }, context: { channel: "call_center" } }),
        event("a1", "alice", "2026-03-01T09:00:00.000Z"),
        event("a2", "alice", "2026-03-03T09:00:00.000Z", { name: "purchase", properties: { value: 20 } }),
        event("c1", "carol", "2026-02-27T09:00:00.000Z"),
        event("c2", "carol", "2026-03-01T00:00:00.000Z"),
      ],
    },
    secret(),
  );
  expect((await res.json()).accepted).toBe(5);
});
afterEach(() => f.store.close());

const exportOf = (query: string, headers: Record<string, string> = secret()) => f.app.request(`/v1/events/export${query}`, { headers });

describe("GET /v1/events/export", () => {
  it("streams the period's events as NDJSON, person by person in person_key order, each in time order", async () => {
    const res = await exportOf("?from=2026-03-01&to=2026-03-02");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const rows = (await res.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.person_key, r.id, r.timestamp])).toEqual([
      ["c:alice", "a1", "2026-03-01T09:00:00.000Z"],
      ["c:bob", "b1", "2026-03-02T10:00:00.000Z"],
      ["c:carol", "c2", "2026-03-01T00:00:00.000Z"],
    ]);
    expect(rows[1]).toEqual({
      person_key: "c:bob",
      id: "b1",
      type: "touchpoint",
      name: "support_contact",
      customer_id: "bob",
      anonymous_id: null,
      session_id: null,
      timestamp: "2026-03-02T10:00:00.000Z",
      properties: { topic: 'billing, "late"' },
      traits: null,
      context: { channel: "call_center" },
      browser: null,
      os: null,
      device_type: null,
    });
  });

  it("writes CSV for format=csv or Accept: text/csv, JSON columns quoted as RFC 4180 says", async () => {
    for (const res of [
      await exportOf("?format=csv&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z"),
      await exportOf("?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z", { ...secret(), accept: "text/csv" }),
    ]) {
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(await res.text()).toBe(
        "person_key,id,type,name,customer_id,anonymous_id,session_id,timestamp,properties,traits,context,browser,os,device_type\r\n" +
          'c:bob,b1,touchpoint,support_contact,bob,,,2026-03-02T10:00:00.000Z,"{""topic"":""billing, \\""late\\""""}",,"{""channel"":""call_center""}",,,\r\n',
      );
    }
  });

  it("resumes after the last complete person with cursor", async () => {
    const res = await exportOf("?cursor=c:alice");
    const rows = (await res.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => r.id)).toEqual(["b1", "c1", "c2"]);
  });

  it("takes only the secret key, and names a bad parameter", async () => {
    expect((await exportOf("", { authorization: `Bearer ${f.site.readKey}` })).status).toBe(403);
    expect((await exportOf("", {})).status).toBe(401);
    const bad = await exportOf("?from=yesterday");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("from");
    const backwards = await exportOf("?from=2026-03-02&to=2026-03-01");
    expect((await backwards.json()).error.issues).toEqual([{ path: "to", message: "must be later than from" }]);
  });
});
