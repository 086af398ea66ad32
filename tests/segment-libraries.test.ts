import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Analytics } from "@segment/analytics-node";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readApi } from "./support/demo-read-api.js";
import { CollectorProcess, createSite, freePort, type SiteKeys } from "./support/process-collector.js";
import { launchChromium, visitorPage } from "./support/sdk-browser.js";
import { startPageServer } from "./support/sdk-servers.js";
import { TeardownStack } from "./support/teardown-stack.js";

/*
 * Segment's own libraries, installed from npm and unmodified, pointed at the collector: the
 * server library with its `host` option, analytics.js (analytics-next) in Chromium with `cdnURL`.
 */

interface Journey {
  customerId: string | null;
  anonymousIds: string[];
  traits: Record<string, unknown>;
  currentStage: string | null;
  touchpoints: { name: string; channel: string }[];
  conversions: { name: string; value: number }[];
}

/** analytics-next's npm build as one browser script exposing `AnalyticsBrowser` (its dynamic imports inlined). */
async function bundleAnalyticsNext(): Promise<string> {
  const packageDir = dirname(createRequire(import.meta.url).resolve("@segment/analytics-next/package.json"));
  const result = await build({
    stdin: {
      contents: `import { AnalyticsBrowser } from "@segment/analytics-next"; window.AnalyticsBrowser = AnalyticsBrowser;`,
      resolveDir: packageDir,
      loader: "js",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("Segment's libraries against the collector", () => {
  const teardown = new TeardownStack();
  let site: SiteKeys;
  let collectorUrl: string;
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    await teardown.build(async () => {
      const dir = mkdtempSync(join(tmpdir(), "tp-segment-"));
      teardown.defer(() => rmSync(dir, { recursive: true, force: true }));
      browser = await launchChromium();
      teardown.defer(() => browser.close());
      const script = (await bundleAnalyticsNext()).replaceAll("</script", "<\\/script");
      // The script tag a site using analytics.js has, with cdnURL pointing at the collector.
      shop = await startPageServer({
        "/": () =>
          `<!doctype html><html><head><title>Segment shop</title><script>${script}</script></head><body>
          <script>
            window.ready = (async () => {
              const [analytics] = await AnalyticsBrowser.load({ writeKey: ${JSON.stringify("WRITE_KEY")}, cdnURL: ${JSON.stringify("COLLECTOR")} });
              await analytics.page();
              await analytics.track("Product Viewed", { product_id: "boots-7", price: 120 });
              await analytics.identify("cust-ajs-1", { plan: "pro" });
              await analytics.track("Order Completed", { order_id: "o-1", revenue: 120, products: [{ product_id: "boots-7", price: 120 }] });
              return analytics.user().anonymousId();
            })();
          </script></body></html>`
            .replace("WRITE_KEY", site.writeKey)
            .replace("COLLECTOR", collectorUrl),
      });
      teardown.defer(() => shop.close());
      const db = join(dir, "touchpoint.db");
      site = await createSite(db, "Segment shop", [shop.origin]);
      const port = await freePort();
      collectorUrl = `http://localhost:${port}`;
      const collector = await CollectorProcess.start({ db, port });
      teardown.defer(() => collector.stop());
    });
  });
  afterAll(() => teardown.close());

  it("@segment/analytics-node with the site's secret key as writeKey and its host option: track, identify and page land in the journey", async () => {
    const analytics = new Analytics({ writeKey: site.secretKey, host: collectorUrl, flushInterval: 100 });
    const failures: unknown[] = [];
    analytics.on("error", (error) => failures.push(error));
    analytics.identify({ userId: "cust-node-1", traits: { plan: "enterprise", title: "Buyer" } });
    analytics.page({ userId: "cust-node-1", name: "Pricing", properties: { path: "/pricing", url: "https://shop.example/pricing" } });
    analytics.track({
      userId: "cust-node-1",
      event: "Support Contact",
      properties: { topic: "sizes" },
      timestamp: new Date("2026-01-15T10:00:00.000Z"),
    });
    analytics.track({
      userId: "cust-node-1",
      event: "Order Completed",
      properties: { order_id: "o-9", revenue: 250 },
      timestamp: new Date("2026-01-16T10:00:00.000Z"),
    });
    await analytics.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);

    const journey = await readApi(collectorUrl, site.readKey)<Journey>("/v1/journeys/cust-node-1");
    expect(journey.traits).toEqual({ plan: "enterprise", title: "Buyer" });
    expect(journey.touchpoints.map((t) => t.name)).toEqual(["support_contact", "purchase", "page_view"]);
    expect(journey.conversions).toEqual([expect.objectContaining({ name: "purchase", value: 250 })]);
  });

  it("@segment/analytics-next in Chromium with cdnURL set to the collector records a visit whose journey the API returns", async () => {
    const page = await visitorPage(browser);
    await page.goto(shop.origin);
    const anonymousId = await page.evaluate(() => (window as unknown as { ready: Promise<string> }).ready);
    const get = readApi(collectorUrl, site.readKey);
    let journey: Journey | undefined;
    for (let attempt = 0; attempt < 100 && (journey?.touchpoints.length ?? 0) < 3; attempt++) {
      journey = await get<Journey>("/v1/journeys/cust-ajs-1").catch(() => undefined);
      if ((journey?.touchpoints.length ?? 0) < 3) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.context().close();
    expect(journey?.anonymousIds).toEqual([anonymousId]);
    expect(journey?.traits).toEqual({ plan: "pro" });
    expect(journey?.touchpoints.map((t) => [t.name, t.channel])).toEqual([
      ["page_view", "direct"],
      ["product_view", "direct"],
      ["purchase", "direct"],
    ]);
    expect(journey?.conversions).toEqual([expect.objectContaining({ name: "purchase", value: 120 })]);
    expect(journey?.currentStage).toBe("purchase");
  });
});
