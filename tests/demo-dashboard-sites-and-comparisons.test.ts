import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { CustomerSummary, FunnelResult } from "@touchpoint/journeys";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "./support/axe.js";
import { saveScreenshot } from "./support/demo-artifacts.js";
import { captionedTable, panelErrors, searchJourney, tableRows, waitForPanels } from "./support/demo-dashboard.js";
import { watchPageProblems } from "./support/demo-page-problems.js";
import { readApi } from "./support/demo-read-api.js";
import type { SeedSummary } from "./support/demo-seed.js";
import { COLLECTOR_CLI, createSite, requireBuiltCollector } from "./support/process-collector.js";
import { type SeededDashboard, startSeededDashboard } from "./support/seeded-dashboard.js";

/*
 * Issue 20: the site picker of the admin token, the funnel broken down by device type and by first
 * channel and campaign, the device type and stage model filters, and the previous period's changes
 * in the model comparison and the customer list, driven in Chromium against a seeded collector (the seeded shop and an empty
 * second site), the numbers shown checked against the query API. Screenshots at 1400 px and 390 px go to tests/artifacts/.
 */

const DAY_MS = 86_400_000;
const day = (time: number) => new Date(time).toISOString().slice(0, 10);
const count = (value: number) => value.toLocaleString("en-US");
const cell = (stage: { customers: number; conversionFromPrevious: number | null }) =>
  stage.conversionFromPrevious === null
    ? count(stage.customers)
    : `${count(stage.customers)} · ${(stage.conversionFromPrevious * 100).toFixed(1)}%`;

requireBuiltCollector();

/** A change from the previous period as the dashboard writes it: "+12 (+4.0%)", "−3 (−1.5%)", "+5" from 0. */
function change(current: number, previous: number): string {
  const difference = current - previous;
  const sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
  const amount = Math.abs(difference).toLocaleString("en-US", { maximumFractionDigits: 2 });
  return `${sign}${amount}${previous > 0 ? ` (${sign}${((Math.abs(difference) / previous) * 100).toFixed(1)}%)` : ""}`;
}

interface Comparison {
  totalConversions: number;
  credits: { key: string; models: Record<string, { conversions: number; share: number }> }[];
}

describe("the dashboard's site picker, device breakdown, device and stage model filters, and comparisons (issue 20)", () => {
  let rig: SeededDashboard | undefined;
  let browser: Browser;
  let summary: SeedSummary;
  let origin: string;
  let adminToken: string;
  let emptySite: { id: string; name: string };
  let get: ReturnType<typeof readApi>;
  let period: { from: string; to: string };

  beforeAll(async () => {
    rig = await startSeededDashboard("tp-demo-sites-", { customers: 150, days: 40, seed: 5 }, async (db) => {
      emptySite = await createSite(db, "Ski shop");
      const { stdout } = await promisify(execFile)(process.execPath, [COLLECTOR_CLI, "admin-token", "--db", db]);
      adminToken = (JSON.parse(stdout) as { adminToken: string }).adminToken;
    });
    ({ summary, origin, browser } = rig);
    get = readApi(origin, summary.createdSite!.readKey);
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    period = { from: day(today - 29 * DAY_MS), to: day(today) };
  }, 180_000);
  afterAll(() => rig?.stop());

  for (const width of [1400, 390]) {
    it(`at ${width} px, lists every site for the admin token, opens the one picked with its id (not a key) in the link, and switches`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems = watchPageProblems(page);
      await page.goto(`${origin}/dashboard`);
      await page.locator("#read-key").fill(adminToken);
      await page.getByRole("button", { name: "Open dashboard" }).click();

      const picker = page.locator("#site-pick");
      await picker.waitFor();
      const listed = (await (await fetch(`${origin}/v1/admin/sites`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as {
        id: string;
        name: string;
      }[];
      expect(await picker.locator("option").allTextContents()).toEqual(listed.map((site) => `${site.name} (${site.id})`));
      expect(listed.map((site) => site.id).toSorted()).toEqual([summary.createdSite!.id, emptySite.id].toSorted());
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `dashboard-${width}-site-picker`);

      await picker.selectOption(summary.createdSite!.id);
      await page.getByRole("button", { name: "Open site" }).click();
      await waitForPanels(page, 60_000);
      expect(page.url()).toBe(`${origin}/dashboard?site=${summary.createdSite!.id}&from=${period.from}&to=${period.to}`);
      expect(page.url()).not.toContain(adminToken);
      expect(await page.locator("#site-name strong").textContent()).toBe(listed.find((site) => site.id === summary.createdSite!.id)!.name);
      // What the admin token shows is what the site's own read key reads.
      const funnel = await get<FunnelResult>(`/v1/funnel?from=${period.from}&to=${period.to}`);
      expect((await tableRows(captionedTable(page, "funnel", "Funnel by stage"))).map((row) => [row[0], row[1]])).toEqual(
        funnel.stages.map((stage) => [stage.stage, count(stage.customers)]),
      );
      expect(await page.locator("#site-switch").inputValue()).toBe(summary.createdSite!.id);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page.locator("header"), `dashboard-${width}-site-switcher`);

      await page.locator("#site-switch").selectOption(emptySite.id);
      await page.locator("#site-name strong").filter({ hasText: "Ski shop" }).waitFor();
      await page.locator("#funnel-result .empty").waitFor();
      expect(await page.locator("#funnel-result .empty").textContent()).toBe("No customers reached any stage in this period.");
      expect(page.url()).toBe(`${origin}/dashboard?site=${emptySite.id}&from=${period.from}&to=${period.to}`);
      if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      await saveScreenshot(page, `dashboard-${width}-site-empty`);

      // A shared link opens the same site straight away for whoever holds the admin token.
      await page.reload();
      await page.locator("#site-name strong").filter({ hasText: "Ski shop" }).waitFor();
      expect(await page.locator("#site-switch").inputValue()).toBe(emptySite.id);
      expect(await panelErrors(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it("breaks the funnel down by device type and by first channel and campaign, each group as the API counts it, adding up to the whole", async () => {
    const whole = await get<FunnelResult>(`/v1/funnel?from=${period.from}&to=${period.to}`);
    for (const width of [1400, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems = watchPageProblems(page);
      await page.goto(`${origin}/dashboard#key=${summary.createdSite!.readKey}`);
      await page.locator("#funnel-result table").waitFor({ timeout: 60_000 });
      for (const split of ["deviceType", "channel", "campaign"]) {
        const answer = await get<{
          groups: { key: string; stages: { stage: string; customers: number; conversionFromPrevious: number | null }[] }[];
        }>(`/v1/funnel?from=${period.from}&to=${period.to}&groupBy=${split}`);
        const keys = answer.groups.map((group) => group.key);
        await page.locator("#funnel-split").selectOption(split);
        await page.locator("#funnel-result .funnel-group h3").first().filter({ hasText: keys[0]! }).waitFor();
        expect(await page.locator("#funnel-result .funnel-group h3").allTextContents()).toEqual(keys);
        const matrix = await tableRows(
          captionedTable(page, "funnel", "Customers per stage and group (conversion from the previous stage)"),
        );
        expect(matrix).toEqual(
          answer.groups[0]!.stages.map((stage, index) => [stage.stage, ...answer.groups.map((group) => cell(group.stages[index]!))]),
        );
        // Each person is in exactly one group.
        expect(whole.stages.map((_, index) => answer.groups.reduce((sum, group) => sum + group.stages[index]!.customers, 0))).toEqual(
          whole.stages.map((stage) => stage.customers),
        );
        if (width === 1400) expect(await seriousAccessibilityViolations(page)).toEqual([]);
        else expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
        await saveScreenshot(page.locator("#funnel"), `dashboard-${width}-funnel-by-${split}`);
      }
      expect(await panelErrors(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it("filters every panel by device type and reads them through another stage model, as the API counts them", async () => {
    const range = `from=${period.from}&to=${period.to}`;
    const funnelRows = async (query: string) =>
      (await get<FunnelResult>(`/v1/funnel?${range}${query}`)).stages.map((stage) => [stage.stage, count(stage.customers)]);
    const [phones, phonesBySales] = [
      await funnelRows("&deviceType=mobile"),
      await funnelRows("&deviceType=mobile&stageModel=sales_funnel"),
    ];
    expect(phonesBySales.map(([stage]) => stage)).toEqual(["stranger", "visitor", "contact", "prospect", "customer", "promoter"]);
    // Phones are some of the people, not none and not all.
    const everyone = await funnelRows("");
    expect(Number(phones[0]![1]!.replaceAll(",", ""))).toBeGreaterThan(0);
    expect(Number(phones[0]![1]!.replaceAll(",", ""))).toBeLessThan(Number(everyone[0]![1]!.replaceAll(",", "")));
    // A customer as the sales funnel places them, to open in the journey panel.
    const [someone] = (
      await get<{ customers: CustomerSummary[] }>(
        "/v1/customers?identified=true&stage=customer&stalledDays=0&limit=1&stageModel=sales_funnel",
      )
    ).customers;
    const journey = await get<{ currentStage: string; stages: { stage: string; enteredAt: string }[] }>(
      `/v1/journeys/${encodeURIComponent(someone!.customerId!)}?stageModel=sales_funnel`,
    );
    expect(journey.currentStage).toBe("customer");
    for (const width of [1400, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems = watchPageProblems(page);
      await page.goto(`${origin}/dashboard?${range}#key=${summary.createdSite!.readKey}`);
      await waitForPanels(page, 60_000);
      const funnelTable = captionedTable(page, "funnel", "Funnel by stage");
      const shownFunnel = async () => (await tableRows(funnelTable)).map((row) => [row[0], row[1]]);

      await page.locator("#filter-device").selectOption("mobile");
      await page.locator("#funnel-result .filter-note").filter({ hasText: "Only people with device mobile." }).waitFor();
      expect(await shownFunnel()).toEqual(phones);

      await page.locator("#filter-stage-model").selectOption("sales_funnel");
      await page.locator("#funnel-result .filter-note").filter({ hasText: "Stages of the Sales funnel model." }).waitFor();
      await waitForPanels(page, 60_000);
      expect(page.url()).toBe(`${origin}/dashboard?${range}&deviceType=mobile&stageModel=sales_funnel`);
      expect(await shownFunnel()).toEqual(phonesBySales);
      expect(await page.locator("#filter-state").textContent()).toBe(
        "Filtered to people with device mobile. Every panel counts only them. Stages of the Sales funnel model, worked out from the events for each report: slower on a large site.",
      );
      for (const menu of ["#moments-stage", "#stalled-stage"]) {
        expect(await page.locator(`${menu} option`).allTextContents()).toEqual(phonesBySales.map(([stage]) => stage));
      }
      const opened = await searchJourney(page, someone!.customerId!);
      expect(await opened.locator(".stage-steps .step-name").allTextContents()).toEqual(
        journey.stages.toSorted((a, b) => Date.parse(a.enteredAt) - Date.parse(b.enteredAt)).map((entry) => entry.stage),
      );
      if (width === 1400) expect(await seriousAccessibilityViolations(page)).toEqual([]);
      else expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      await saveScreenshot(page.locator("#filters"), `dashboard-${width}-filters-device-and-stage-model`);
      await saveScreenshot(page.locator("#funnel"), `dashboard-${width}-funnel-sales-funnel-model`);

      // A shared link opens the same view; Clear goes back to everyone in the site's own stages.
      await page.reload();
      await funnelTable.waitFor();
      expect(await page.locator("#filter-stage-model").inputValue()).toBe("sales_funnel");
      expect(await shownFunnel()).toEqual(phonesBySales);
      await page.locator("#filter-clear").click();
      await page.locator("#filter-state").filter({ hasText: "No filters: every panel counts everyone." }).waitFor();
      await page.locator("#funnel-result tbody th", { hasText: "awareness" }).first().waitFor();
      expect(await shownFunnel()).toEqual(everyone);
      expect(await panelErrors(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it("compares two attribution models and the customer list with the previous period, as the API counts them", async () => {
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const current = { from: new Date(today - 29 * DAY_MS).toISOString(), to: new Date(today + DAY_MS).toISOString() };
    const previous = { from: new Date(today - 59 * DAY_MS).toISOString(), to: current.from };
    for (const width of [1400, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems = watchPageProblems(page);
      await page.goto(`${origin}/dashboard?from=${period.from}&to=${period.to}&compare=1#key=${summary.createdSite!.readKey}`);
      await waitForPanels(page, 60_000);
      await page.locator("#attribution-compare").selectOption("markov");
      const table = captionedTable(page, "attribution", "Attribution compared: linear vs markov by channel");
      await table.waitFor();
      await page.locator("#attribution-result .summary .change").waitFor();
      const query = "model=linear,markov&groupBy=channel&conversion=purchase&lookbackDays=30";
      const [now, before] = await Promise.all([
        get<Comparison>(`/v1/attribution?${query}&from=${current.from}&to=${current.to}`),
        get<Comparison>(`/v1/attribution?${query}&from=${previous.from}&to=${previous.to}`),
      ]);
      const conversionsBefore = (key: string, model: string) =>
        before.credits.find((credit) => credit.key === key)?.models[model]?.conversions ?? 0;
      const shown = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 2 });
      expect(await tableRows(table)).toEqual(
        now.credits.map((credit) => [
          credit.key,
          ...["linear", "markov"].flatMap((model) => [
            shown(credit.models[model]!.conversions),
            change(credit.models[model]!.conversions, conversionsBefore(credit.key, model)),
            `${(credit.models[model]!.share * 100).toFixed(1)}%`,
          ]),
        ]),
      );
      expect(await page.locator("#attribution-result .summary .change").textContent()).toBe(
        ` · previous period ${count(before.totalConversions)} conversions, ${change(now.totalConversions, before.totalConversions)}`,
      );
      await saveScreenshot(page.locator("#attribution"), `dashboard-${width}-attribution-models-compared`);

      // The customer list (as of now): how many of its people entered the stage in each period.
      const listed: CustomerSummary[] = [];
      let cursor: string | null = null;
      do {
        const answer: { customers: CustomerSummary[]; nextCursor: string | null } = await get(
          `/v1/customers?identified=true&stage=consideration&stalledDays=14&limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
        );
        listed.push(...answer.customers);
        cursor = answer.nextCursor;
      } while (cursor);
      const entered = (range: { from: string; to: string }) =>
        listed.filter((person) => person.stageEnteredAt! >= range.from && person.stageEnteredAt! < range.to).length;
      const [inPeriod, inPrevious] = [entered(current), entered(previous)];
      expect(inPeriod + inPrevious).toBeGreaterThan(0);
      expect(await page.locator("#stalled-result .arrivals").textContent()).toBe(
        `Of them, entered the stage in the period: ${count(inPeriod)}; in the previous period: ${count(inPrevious)}; change ${change(inPeriod, inPrevious)}`,
      );
      if (width === 1400) expect(await seriousAccessibilityViolations(page)).toEqual([]);
      else expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      await saveScreenshot(page.locator("#stalled"), `dashboard-${width}-customers-compared`);
      expect(await panelErrors(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
