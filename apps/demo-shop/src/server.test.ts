import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoShop, type RunningDemoShop } from "./server.js";

interface RawResponse {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** A raw request path: fetch, and node:http given a URL, would normalise `../` away before sending. */
function get(shop: RunningDemoShop, path: string, method = "GET"): Promise<RawResponse> {
  const { hostname, port } = new URL(shop.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startDemoShop", () => {
  let shop: RunningDemoShop;
  beforeAll(async () => {
    shop = await startDemoShop({
      port: 0,
      host: "127.0.0.1",
      collectorUrl: "http://127.0.0.1:8787/",
      writeKey: `wk_"><script>alert('x')</script>&`,
    });
  });
  afterAll(() => shop.close());

  it("reports its own origin", () => {
    expect(shop.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves the home page with the collector URL and write key injected and escaped", async () => {
    const page = await get(shop, "/");
    expect(page.status).toBe(200);
    expect(page.contentType).toBe("text/html; charset=utf-8");
    expect(page.body).toContain(
      `<script async id="touchpoint-sdk" src="http://127.0.0.1:8787/sdk/touchpoint.js" data-write-key="wk_&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;" data-endpoint="http://127.0.0.1:8787"></script>`,
    );
    expect(page.body).not.toContain("<script>alert");
    expect(page.body).not.toContain("{{");
  });

  it("injects into every page, not only the home page", async () => {
    const page = await get(shop, "/product.html?id=thermos");
    expect(page.status).toBe(200);
    expect(page.body).toContain(`data-endpoint="http://127.0.0.1:8787"`);
  });

  it("serves scripts and styles with their content types, untouched", async () => {
    const script = await get(shop, "/js/touchpoint-stub.js");
    expect(script.status).toBe(200);
    expect(script.contentType).toBe("text/javascript; charset=utf-8");
    expect(script.body).toContain("window.touchpoint ||=");
    const style = await get(shop, "/css/shop.css");
    expect(style.contentType).toBe("text/css; charset=utf-8");
  });

  it.each(["/../package.json", "/%2e%2e/package.json", "/js/..%2f..%2fpackage.json", "/js/%2e%2e%5c%2e%2e%5cpackage.json", "/%E0%A4%A"])(
    "refuses the path %s",
    async (path) => {
      const response = await get(shop, path);
      expect(response.status).toBe(400);
      expect(response.body).toBe("Bad request path");
    },
  );

  it("answers 404 for a missing file and for a folder", async () => {
    expect((await get(shop, "/missing.html")).status).toBe(404);
    expect((await get(shop, "/js")).status).toBe(404);
  });

  it("answers HEAD without a body and refuses other methods", async () => {
    const head = await get(shop, "/", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect((await get(shop, "/", "POST")).status).toBe(405);
  });
});

describe("startDemoShop options", () => {
  it("refuses a collector URL that is not http(s)", async () => {
    await expect(startDemoShop({ port: 0, host: "127.0.0.1", collectorUrl: "javascript:alert(1)", writeKey: "wk" })).rejects.toThrow(
      'collectorUrl must use http or https, got "javascript:"',
    );
  });

  it("refuses an empty write key", async () => {
    await expect(startDemoShop({ port: 0, host: "127.0.0.1", collectorUrl: "http://127.0.0.1:8787", writeKey: " " })).rejects.toThrow(
      "writeKey must not be empty",
    );
  });
});
