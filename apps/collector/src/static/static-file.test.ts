import { rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../testing/temp-dir.js";
import { chooseEncoding, staticFile } from "./static-file.js";

const tempDir = useTempDir("touchpoint-static-");

describe("chooseEncoding", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip;q=0.5", "gzip"],
    ["BR", "br"],
    ["*", "gzip"],
    ["deflate, gzip;q=0", "identity"],
    ["identity", "identity"],
  ])("Accept-Encoding %j gives %s", (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding);
  });
});

describe("staticFile", () => {
  it("picks up a rebuilt file, and answers null while it is missing", async () => {
    const path = join(tempDir(), "app.js");
    const file = staticFile(path, "text/javascript; charset=utf-8");
    const app = new Hono().get("/app.js", (c) => file.respond(c, {}) ?? c.text("missing", 404));

    expect((await app.request("/app.js")).status).toBe(404);
    writeFileSync(path, "console.log(1)");
    const first = await app.request("/app.js");
    expect(await first.text()).toBe("console.log(1)");
    writeFileSync(path, "console.log(22)");
    // A rebuild within the same millisecond would keep the mtime; the size still differs here.
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    const second = await app.request("/app.js");
    expect(await second.text()).toBe("console.log(22)");
    expect(second.headers.get("etag")).not.toBe(first.headers.get("etag"));
    rmSync(path);
    expect((await app.request("/app.js")).status).toBe(404);
  });
});
