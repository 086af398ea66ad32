import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dashboardDir } from "@touchpoint/dashboard";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let f: CollectorFixture;
beforeEach(async () => {
  f = await collectorFixture();
});
afterEach(async () => {
  await f.store.close();
});

describe("the dashboard", () => {
  it.each([
    ["/dashboard", "index.html", "text/html; charset=utf-8"],
    ["/dashboard/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"],
    ["/dashboard/dashboard.css", "dashboard.css", "text/css; charset=utf-8"],
  ])("serves %s from the built dashboard under the strict policy and the usual security headers", async (path, file, type) => {
    const res = await f.app.request(path);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(readFileSync(join(dashboardDir, file), "utf8"));
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("content-security-policy")).toBe(CSP);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
  });

  it("revalidates with a 304 and sends /dashboard/ to /dashboard", async () => {
    const etag = (await f.app.request("/dashboard")).headers.get("etag")!;
    const again = await f.app.request("/dashboard", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toBe(CSP);
    const slash = await f.app.request("/dashboard/");
    expect(slash.status).toBe(301);
    expect(slash.headers.get("location")).toBe("/dashboard");
  });

  it("answers unknown dashboard files with the JSON 404", async () => {
    const res = await f.app.request("/dashboard/../cli.js");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no route for GET /cli.js" } });
  });
});
