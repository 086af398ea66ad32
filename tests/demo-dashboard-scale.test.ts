import type { AttributionResult, FunnelResult, MomentsOfTruthResult } from "@touchpoint/journeys";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/demo-artifacts.js";
import { captionedTable, openDashboard, panelErrors, tableRows, waitForPanels } from "./support/demo-dashboard.js";
import { caughtUpReport, readApi, type AsOf } from "./support/demo-read-api.js";
import type { SeedSummary } from "./support/demo-seed.js";
import { type SeededDashboard, startSeededDashboard } from "./support/seeded-dashboard.js";

/*
 * The dashboard over a realistic amount of data: 10,000 customers seeded by the built CLI
 * (`touchpoint seed`), served by the built collector, opened with the read key in the link.
 * Every panel must render, and the page must log no error and see no failed request.
 */

const CUSTOMERS = 10_000;
/** Generous: each report streams every journey of the site, and the machine is shared. */
const PANEL_TIMEOUT_MS = 100_000;

describe(`the dashboard over ${CUSTOMERS.toLocaleString("en-US")} seeded customers`, () => {
  let rig: SeededDashboard | undefined;
  let browser: Browser;
  let summary: SeedSummary;
  let origin: string;
  let startedAt: number;

  beforeAll(async () => {
    rig = await startSeededDashboard("tp-demo-scale-", { customers: CUSTOMERS, days: 60, seed: 7 });
    ({ summary, origin, browser, servingSince: startedAt } = rig);
    console.log(`touchpoint seed --customers ${CUSTOMERS} --days 60: ${summary.events} events in ${(rig.seedMs / 1000).toFixed(1)} s`);
  }, 180_000);
  afterAll(() => rig?.stop());

  it("renders the funnel, attribution, moments of truth and stalled customers with no console error and no failed request", {
    timeout: 240_000,
  }, async () => {
    expect(summary).toMatchObject({ customers: CUSTOMERS, rejected: 0 });
    expect(summary.accepted).toBe(summary.events);
    const readKey = summary.createdSite!.readKey;
    // The collector builds every journey's digest after it starts; the panels show them once built.
    const get = readApi(origin, readKey);
    await caughtUpReport<FunnelResult & AsOf>(get, "/v1/funnel", startedAt, 180_000);

    const { page, problems } = await openDashboard(browser, `${origin}/dashboard#key=${readKey}`, PANEL_TIMEOUT_MS);
    await waitForPanels(page, PANEL_TIMEOUT_MS);
    expect(await panelErrors(page)).toEqual([]);
    await saveScreenshot(page, "demo-dashboard-10k-customers");

    // What each panel shows is what the query API answers for the panel's default controls and
    // the default period, the last 30 UTC days (a date-only `to` includes that whole day).
    const today = new Date().toISOString().slice(0, 10);
    const period = `from=${new Date(Date.parse(`${today}T00:00:00.000Z`) - 29 * 86_400_000).toISOString().slice(0, 10)}&to=${today}`;
    const funnel = await get<FunnelResult>(`/v1/funnel?${period}`);
    expect((await tableRows(captionedTable(page, "funnel", "Funnel by stage"))).map((row) => [row[0], row[1]])).toEqual(
      funnel.stages.map((stage) => [stage.stage, stage.customers.toLocaleString("en-US")]),
    );
    expect(funnel.stages.map((stage) => stage.stage)).toEqual(["awareness", "consideration", "evaluation", "purchase", "loyalty"]);

    const attribution = await get<AttributionResult>(
      `/v1/attribution?model=linear&groupBy=channel&conversion=purchase&lookbackDays=30&${period}`,
    );
    expect(attribution.credits.length).toBeGreaterThan(5);
    expect((await tableRows(captionedTable(page, "attribution", "Attribution: linear by channel"))).map((row) => row[0])).toEqual(
      attribution.credits.map((credit) => credit.key),
    );
    expect(await page.locator("#attribution-result .summary strong").first().textContent()).toBe(
      attribution.totalConversions.toLocaleString("en-US"),
    );

    const moments = await get<MomentsOfTruthResult>(`/v1/moments-of-truth?stage=evaluation&withinDays=7&${period}`);
    expect(moments.touchpoints.length).toBeGreaterThan(0);
    expect((await tableRows(captionedTable(page, "moments", "Moments of truth in evaluation"))).map((row) => row[0]).toSorted()).toEqual(
      moments.touchpoints.map((touchpoint) => touchpoint.name).toSorted(),
    );

    // Every stalled customer counted, shown 50 to a page, each a button that opens the journey.
    let stalledTotal = 0;
    for (let cursor: string | null = ""; cursor !== null; ) {
      const answer: { customers: unknown[]; nextCursor: string | null } = await get(
        `/v1/customers?stage=consideration&stalledDays=14&limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
      );
      stalledTotal += answer.customers.length;
      cursor = answer.nextCursor;
    }
    expect(stalledTotal).toBeGreaterThan(50);
    expect(await page.locator("#stalled-result .total").textContent()).toBe(
      `${stalledTotal.toLocaleString("en-US")} in total · showing 1–50`,
    );
    const stalled = await tableRows(captionedTable(page, "stalled", "Customers in the stage"));
    expect(stalled).toHaveLength(50);
    expect(stalled.every((row) => row[1] === "consideration")).toBe(true);
    expect(await page.locator("#stalled-result").getByRole("button", { name: "Next page" }).count()).toBe(1);

    expect(problems).toEqual([]);
  });
});
