// @vitest-environment node
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardBuild } from "../tsup.config.js";
import { dashboardAssets, dashboardDir } from "./assets.js";

/** Issues 6 and 20: the dashboard's own JavaScript and CSS load fast, under 40 KB gzip together. */
const GZIP_BUDGET_BYTES = 40 * 1024;
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

describe("the built dashboard", () => {
  let outDir: string;
  const text = (file: string) => readFile(join(outDir, file), "utf8");

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "touchpoint-dashboard-"));
    await build({
      ...dashboardBuild,
      config: false,
      silent: true,
      outDir,
      entry: { dashboard: join(packageDir, "src/main.ts") },
      publicDir: join(packageDir, "public"),
    });
  }, 60_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it("is one page, one script and one stylesheet, exactly the files the collector serves", async () => {
    expect((await readdir(outDir)).sort()).toEqual(["dashboard.css", "dashboard.js", "index.html"]);
    expect(dashboardAssets.map((asset) => asset.file).sort()).toEqual(["dashboard.css", "dashboard.js", "index.html"]);
  });

  it("keeps its JavaScript and CSS under 40 KB gzip", async () => {
    const gzipBytes = (
      await Promise.all(
        ["dashboard.js", "dashboard.css"].map(async (file) => gzipSync(await readFile(join(outDir, file)), { level: 9 }).length),
      )
    ).reduce((a, b) => a + b, 0);
    expect(gzipBytes).toBeLessThan(GZIP_BUDGET_BYTES);
  });

  it("loads its script and stylesheet from /dashboard/ and has no inline script, style or handler", async () => {
    const html = await text("index.html");
    expect(html).toContain('<script defer src="/dashboard/dashboard.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/dashboard/dashboard.css">');
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script defer src="/dashboard/dashboard.js">']);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it("never parses HTML strings or evaluates code, so it runs under script-src 'self'", async () => {
    const js = await text("dashboard.js");
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\("style"/);
    expect(js.trimStart()).toMatch(/^(?:"use strict";)?\(\(\)=>\{/);
  });
});

describe("dashboardDir", () => {
  it("is this package's dist folder", () => {
    expect(dashboardDir).toBe(join(packageDir, "dist"));
  });
});
