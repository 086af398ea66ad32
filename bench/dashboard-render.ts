import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../tests/support/sdk-browser.js";
import { createSite, startCollector } from "./collector-process.js";
import { type SeedSettings, seedQueryDatabase } from "./seed-database.js";
import { timeUpkeepCatchUp } from "./upkeep-catch-up.js";

/** What the dashboard's panels show once loaded: a table, a chart or an empty state in each. */
const PANELS = ["funnel", "attribution", "moments", "value", "paths", "stalled", "journey"] as const;
const MEASURED_LOADS = 3;
const TIMEOUT_MS = 300_000;

export interface DashboardFigures {
  customers: number;
  events: number | null;
  seedSeconds: number;
  /** From the collector's start until journey upkeep had built every digest of the seeded events, in ms. */
  upkeepCatchUpMs: number;
  /** From navigation start to the first paint of the funnel's table (the page's first numbers), by the page's clock, per measured load, in ms. */
  firstRenderMs: number[];
  /** From navigation to every panel showing its result, per measured load, in ms. */
  allPanelsMs: number[];
}

export type DashboardMeasurement = { status: "measured"; figures: DashboardFigures } | { status: "unavailable"; reason: string };

/**
 * Runs in the page before its own script: notes when the funnel's table is first painted, in ms
 * since navigation start (the frame after it is inserted). Timing it from here rather than from
 * Playwright's waitFor, which polls at growing intervals (up to 500 ms apart), keeps the polling
 * out of the figure.
 */
function noteFunnelPainted(): void {
  new MutationObserver((_, observer) => {
    if (!document.querySelector("#funnel-result table")) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      (window as unknown as { funnelPaintedAt: number }).funnelPaintedAt = performance.now();
    });
  }).observe(document, { childList: true, subtree: true });
}

async function loadDashboard(browser: Browser, link: string): Promise<{ firstRenderMs: number; allPanelsMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(noteFunnelPainted);
    const started = performance.now();
    await page.goto(link);
    await page.waitForFunction(() => (window as unknown as { funnelPaintedAt?: number }).funnelPaintedAt !== undefined, undefined, {
      timeout: TIMEOUT_MS,
    });
    const firstRenderMs = await page.evaluate(() => (window as unknown as { funnelPaintedAt: number }).funnelPaintedAt);
    for (const id of PANELS) await page.locator(`#${id}-result > *`).first().waitFor({ timeout: TIMEOUT_MS });
    return { firstRenderMs, allPanelsMs: performance.now() - started };
  } finally {
    await context.close();
  }
}

/**
 * Issue 20: the dashboard in Chromium over a site seeded with `touchpoint seed` (100,000 customers
 * by default), served by the built collector. The seed writes events only, so the collector
 * first builds every journey digest: the loads wait until upkeep has caught up (as the query part
 * does), since a collector that has been running has its digests already and the first render
 * measured must not be the one-time rebuild's. Then one load, unmeasured, and three loads, each in
 * a fresh context.
 */
export async function benchDashboardRender(settings: SeedSettings): Promise<DashboardMeasurement> {
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-bench-dashboard-"));
  try {
    const dbPath = join(dir, "dashboard.db");
    const site = await createSite(dbPath, "bench-dashboard");
    console.log(`Seeding ${settings.customers.toLocaleString("en-US")} customers over ${settings.days} days for the dashboard...`);
    const seed = await seedQueryDatabase(dbPath, site.id, settings);
    if (!seed.seeded) return { status: "unavailable", reason: seed.reason };
    const collector = await startCollector({ dbPath });
    const browser = await launchChromium();
    try {
      const upkeepCatchUpMs = await timeUpkeepCatchUp(`${collector.url}/v1/funnel`, site.readKey);
      const link = `${collector.url}/dashboard#key=${site.readKey}`;
      await loadDashboard(browser, link);
      const loads = [];
      for (let run = 0; run < MEASURED_LOADS; run++) loads.push(await loadDashboard(browser, link));
      return {
        status: "measured",
        figures: {
          customers: settings.customers,
          events: typeof seed.summary.events === "number" ? seed.summary.events : null,
          seedSeconds: seed.seconds,
          upkeepCatchUpMs,
          firstRenderMs: loads.map((load) => load.firstRenderMs),
          allPanelsMs: loads.map((load) => load.allPanelsMs),
        },
      };
    } finally {
      await browser.close();
      await collector.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
