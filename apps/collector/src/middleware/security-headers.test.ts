import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";

const API_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

const securityHeaders = (res: Response) => Object.fromEntries(Object.keys(API_HEADERS).map((name) => [name, res.headers.get(name)]));

let f: CollectorFixture;
beforeEach(async () => {
  f = await collectorFixture();
});
afterEach(async () => {
  await f.store.close();
});

describe("security headers on JSON answers", () => {
  it("come with successes, refusals and unknown routes alike", async () => {
    const answers = [
      await f.app.request("/healthz"),
      await f.app.request("/openapi.json"),
      await f.postBatch({
        writeKey: f.site.writeKey,
        sentAt: new Date().toISOString(),
        events: [{ id: "e1", type: "page", anonymousId: "a1", timestamp: new Date().toISOString() }],
      }),
      await f.postBatch({ writeKey: "tp_pub_unknown", sentAt: new Date().toISOString(), events: [{}] }),
      await f.postBatch("{not json"),
      await f.app.request("/no/such/route"),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 401, 400, 404]);
    for (const res of answers) expect(securityHeaders(res)).toEqual(API_HEADERS);
  });
});
