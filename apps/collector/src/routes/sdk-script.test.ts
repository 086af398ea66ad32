import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { packageDir } from "../static/package-dir.js";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";

const script = readFileSync(join(packageDir("@touchpoint/sdk"), "dist", "touchpoint.js"));

let f: CollectorFixture;
beforeEach(async () => {
  f = await collectorFixture();
});
afterEach(async () => {
  await f.store.close();
});

describe("GET /sdk/touchpoint.js", () => {
  it("serves the SDK's script-tag build with a strong ETag, five minutes of caching and cross-origin use allowed", async () => {
    const res = await f.app.request("/sdk/touchpoint.js");
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(script)).toBe(true);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("content-length")).toBe(String(script.length));
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("content-encoding")).toBeNull();
  });

  it("answers 304 without a body when If-None-Match names the current content, in any encoding", async () => {
    const first = await f.app.request("/sdk/touchpoint.js");
    const etag = first.headers.get("etag")!;
    for (const tag of [etag, `W/${etag}`, `"stale", ${etag.slice(0, -1)}-br"`, "*"]) {
      const res = await f.app.request("/sdk/touchpoint.js", { headers: { "if-none-match": tag } });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    }
    const changed = await f.app.request("/sdk/touchpoint.js", { headers: { "if-none-match": '"an-older-build"' } });
    expect(changed.status).toBe(200);
  });

  it("sends br or gzip when the client accepts it, with an ETag per encoding", async () => {
    const br = await f.app.request("/sdk/touchpoint.js", { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBody).equals(script)).toBe(true);
    expect(br.headers.get("content-length")).toBe(String(brBody.length));

    const gzip = await f.app.request("/sdk/touchpoint.js", { headers: { "accept-encoding": "gzip, br;q=0" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(script)).toBe(true);

    const plain = await f.app.request("/sdk/touchpoint.js");
    expect(br.headers.get("etag")).toBe(`${plain.headers.get("etag")!.slice(0, -1)}-br"`);
    expect(gzip.headers.get("etag")).toBe(`${plain.headers.get("etag")!.slice(0, -1)}-gzip"`);
  });
});
