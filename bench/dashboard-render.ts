import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../tests/support/sdk-browser.js";
import { createSite, startCollector } from "./collector-process.js";
import { type SeedSettings, seedQueryDatabase } from "./seed-database.js";

/** What the dashboard's panels show once loaded: a table, a chart or an empty state in each. */
const PANELS = ["funnel", "attribution", "moments", "value", "paths", "stalled", "journey"] as const;
const MEASURED_LOADS = 3;
const TIMEOUT_MS = 300_000;

export interface DashboardFigures {
  customers: number;
  events: number | null;
  seedSeconds: number;
  /** From navigation to the funnel's table on screen (the page's first numbers), per measured load, in ms. */
  firstRenderMs: number[];
  /** From navigation to every panel showing its result, per measured load, in ms. */
  allPanelsMs: number[];
}

export type DashboardMeasurement = { status: "measured"; figures: DashboardFigures } | { status: "unavailable"; reason: string };

async function loadDashboard(browser: Browser, link: string): Promise<{ firstRenderMs: number; allPanelsMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(link);
    await page.locator("#funnel-result table").waitFor({ timeout: TIMEOUT_MS });
    const firstRenderMs = performance.now() - started;
    for (const id of PANELS) await page.locator(`#${id}-result > *`).first().waitFor({ timeout: TIMEOUT_MS });
    return { firstRenderMs, allPanelsMs: performance.now() - started };
  } finally {
    await context.close();
  }
}

/**
 * Issue 20: the dashboard in Chromium over a site seeded with `touchpoint seed` (100,000 customers
 * by default), served by the built collector. One load first, unmeasured, as a collector that has
 * been running has already built its journey digests; then three loads, each in a fresh context.
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
