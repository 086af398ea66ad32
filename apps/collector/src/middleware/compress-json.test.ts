import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { DAY, MINUTE, T0, page, useJourneyApp } from "../testing/journey-client.js";

const app = useJourneyApp(T0 + 30 * DAY);
beforeEach(async () => {
  const visits = Array.from({ length: 30 }, (_, i) =>
    page(`p${i}`, "laptop", i * MINUTE, { url: `https://shop.example/products/${i}`, path: `/products/${i}` }),
  );
  await app.api.send(visits);
});

const get = (path: string, acceptEncoding?: string) =>
  app.f.app.request(path, {
    headers: {
      authorization: `Bearer ${app.f.site.readKey}`,
      ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }),
    },
  });

describe("compressed query answers", () => {
  it("sends brotli or gzip to clients that take it, the same JSON once decoded", async () => {
    const plain = await get("/v1/journeys?anonymousId=laptop");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    expect(JSON.parse(text).touchpoints).toHaveLength(30);

    const br = await get("/v1/journeys?anonymousId=laptop", "gzip, deflate, br");
    expect(br.status).toBe(200);
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get("content-length"))).toBe(brBytes.byteLength);
    expect(brBytes.byteLength).toBeLessThan(text.length / 4);
    expect(brotliDecompressSync(brBytes).toString("utf8")).toBe(text);

    const gzip = await get("/v1/journeys?anonymousId=laptop", "gzip");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString("utf8")).toBe(text);
  });

  it("leaves answers under 1 KiB, and clients that refuse every coding, uncompressed", async () => {
    const small = await get("/v1/customers", "br");
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(await small.json()).toEqual({ customers: [], nextCursor: null, asOf: new Date(T0 + 30 * DAY).toISOString() });

    const refused = await get("/v1/journeys?anonymousId=laptop", "br;q=0, gzip;q=0");
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect((await refused.json()).touchpoints).toHaveLength(30);
  });

  it("keeps a refusal's status and body", async () => {
    const answer = await get("/v1/journeys/nobody", "br");
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-encoding")).toBeNull();
    expect((await answer.json()).error.code).toBe("unknown_customer");
  });
});
