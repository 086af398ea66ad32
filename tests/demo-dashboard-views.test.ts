import { readFileSync } from "node:fs";
import type { AttributionResult, CustomerSummary, FunnelResult, JourneyJson as Journey, MomentsOfTruthResult } from "@touchpoint/journeys";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/demo-artifacts.js";
import { seriousAccessibilityViolations } from "./support/axe.js";
import { captionedTable, openDashboard, panelErrors, tableRows, waitForPanels } from "./support/demo-dashboard.js";
import { readApi } from "./support/demo-read-api.js";
import type { SeedSummary } from "./support/demo-seed.js";
import { type SeededDashboard, startSeededDashboard } from "./support/seeded-dashboard.js";

/*
 * Issue 20, as a marketing analyst meets it: a seeded shop (300 customers over 60 days, served
 * by the built collector), every view driven through the page in Chromium, and every number it
 * shows checked against the query API for the same period. Screenshots of each view at 1400 px
 * and 390 px go to tests/artifacts/.
 */

const DAY_MS = 86_400_000;
const day = (time: number) => new Date(time).toISOString().slice(0, 10);
const count = (value: number) => value.toLocaleString("en-US");
/** A change from the previous period as the dashboard writes it: "+12 (+4.0%)", "−3 (−1.5%)", "+5" from 0. */
function change(current: number, previous: number): string {
  const difference = current - previous;
  const sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
  const amount = Math.abs(difference).toLocaleString("en-US", { maximumFractionDigits: 2 });
  return `${sign}${amount}${previous > 0 ? ` (${sign}${((Math.abs(difference) / previous) * 100).toFixed(1)}%)` : ""}`;
}

/** Every page of /v1/customers for a query. */
async function allCustomers(get: ReturnType<typeof readApi>, query: string): Promise<CustomerSummary[]> {
  const customers: CustomerSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: { customers: CustomerSummary[]; nextCursor: string | null } = await get(
      `/v1/customers?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
    );
    customers.push(...page.customers);
    cursor = page.nextCursor;
  } while (cursor);
  return customers;
}

/** The customer list's first page: longest in the stage first, then by id (the list's default order). */
function firstPageShown(people: CustomerSummary[]): (string | null)[] {
  const id = (person: CustomerSummary) => person.customerId ?? person.anonymousId ?? "";
  return people
    .toSorted((a, b) => a.stageEnteredAt!.localeCompare(b.stageEnteredAt!) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0))
    .slice(0, 50)
    .map(id);
}

/** Until no panel is waiting for an answer. */
function panelsSettled(page: Page): Promise<unknown> {
  return page.waitForFunction(() => !document.querySelector(".result[aria-busy]"), undefined, { timeout: 60_000 });
}

/** How wide the page scrolls, and the elements that stick out past the viewport (none on a page that fits). */
function pageWidth(page: Page): Promise<{ scroll: number; viewport: number; outside: string[] }> {
  return page.evaluate(`(() => {
    const outside = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !element.closest(".table-scroll, .chart-scroll"))
      .map((element) => (element.closest(".panel") ? "#" + element.closest(".panel").id + " " : "") + element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + (element.className && typeof element.className === "string" ? "." + element.className.split(" ").join(".") : ""));
    return { scroll: document.documentElement.scrollWidth, viewport: window.innerWidth, outside: outside.slice(0, 10) };
  })()`);
}

describe("the dashboard an analyst reads (issue 20)", () => {
  let rig: SeededDashboard | undefined;
  let browser: Browser;
  let summary: SeedSummary;
  let origin: string;
  let get: ReturnType<typeof readApi>;
  let link: string;

  beforeAll(async () => {
    rig = await startSeededDashboard("tp-demo-views-", { customers: 300, days: 60, seed: 3 });
    ({ summary, origin, browser } = rig);
    get = readApi(origin, summary.createdSite!.readKey);
    link = `${origin}/dashboard#key=${summary.createdSite!.readKey}`;
  }, 180_000);
  afterAll(() => rig?.stop());

  it("opens on the last 30 UTC days, says so, keeps the period in the link and the key out of it, and every period-bound panel matches the API", async () => {
    const { page, problems } = await openDashboard(browser, link, 60_000, 1400);
    await waitForPanels(page, 60_000);
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const from = day(today - 29 * DAY_MS);
    const to = day(today);
    expect(await page.locator("#period-label").textContent()).toBe(`Showing ${from} – ${to} (30 UTC days)`);
    expect(page.url()).toBe(`${origin}/dashboard?from=${from}&to=${to}`);
    expect(await page.locator("#period-from").inputValue()).toBe(from);
    expect(await page.locator("#period-preset").inputValue()).toBe("30d");

    // A date-only `to` includes that whole UTC day, as the dashboard's period does.
    const funnel = await get<FunnelResult>(`/v1/funnel?from=${from}&to=${to}`);
    const funnelRows = await tableRows(captionedTable(page, "funnel", "Funnel by stage"));
    expect(funnelRows.map((row) => [row[0], row[1], row[6]])).toEqual(
      funnel.stages.map((stage) => [stage.stage, count(stage.customers), count(stage.stalled)]),
    );
    // Implied stages: the funnel never widens.
    expect(funnel.stages.every((stage, index) => index === 0 || stage.customers <= funnel.stages[index - 1]!.customers)).toBe(true);
    expect(await page.locator("#funnel-result thead th").nth(1).getAttribute("title")).toMatch(
      /^Identified customers and still-anonymous visitors/,
    );
    await page.locator("#funnel-result details.definitions summary").click();
    expect(await page.locator("#funnel-result details.definitions dt").last().textContent()).toBe("Purchase stage vs. purchases");

    const attribution = await get<AttributionResult>(
      `/v1/attribution?model=linear&groupBy=channel&conversion=purchase&lookbackDays=30&from=${from}&to=${to}`,
    );
    expect(await page.locator("#attribution-result .summary strong").first().textContent()).toBe(count(attribution.totalConversions));
    expect((await tableRows(captionedTable(page, "attribution", "Attribution: linear by channel"))).map((row) => [row[0], row[3]])).toEqual(
      attribution.credits.map((credit) => [credit.key, `${(credit.share * 100).toFixed(1)}%`]),
    );

    const moments = await get<MomentsOfTruthResult>(`/v1/moments-of-truth?stage=evaluation&withinDays=7&from=${from}&to=${to}`);
    expect(
      (await tableRows(captionedTable(page, "moments", "Moments of truth in evaluation"))).map((row) => [row[0], row[1]]).toSorted(),
    ).toEqual(moments.touchpoints.map((touchpoint) => [touchpoint.name, count(touchpoint.customers)]).toSorted());
    await saveScreenshot(page, "dashboard-1400-overview");
    await saveScreenshot(page.locator("#funnel"), "dashboard-1400-funnel");
    await saveScreenshot(page.locator("#attribution"), "dashboard-1400-attribution");
    await saveScreenshot(page.locator("#moments"), "dashboard-1400-moments");

    // The CSV export holds what the table shows.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#funnel-result").getByRole("button", { name: "Export CSV: Funnel by stage" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("funnel-by-stage.csv");
    const csv = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(csv[0]).toBe("Stage,People,From previous,Drop-off,Median days to next,P90 days to next,Stalled now");
    expect(csv.slice(1).map((line) => line.split(",")[0])).toEqual(funnel.stages.map((stage) => stage.stage));

    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("splits the funnel into identified customers and anonymous visitors, as the API counts them", async () => {
    const { page, problems } = await openDashboard(browser, link, 60_000, 1400);
    await waitForPanels(page, 60_000);
    await page.locator("#funnel-split").selectOption("identified");
    await page.locator("#funnel-result .funnel-groups").waitFor();
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const split = await get<{
      groups: { key: string; stages: { stage: string; customers: number; conversionFromPrevious: number | null }[] }[];
    }>(`/v1/funnel?from=${day(today - 29 * DAY_MS)}&to=${day(today)}&groupBy=identified`);
    expect(split.groups.map((group) => group.key)).toEqual(["anonymous", "identified"]);
    const [anonymous, identified] = split.groups as [(typeof split.groups)[number], (typeof split.groups)[number]];
    const cell = (stage: { customers: number; conversionFromPrevious: number | null }) =>
      stage.conversionFromPrevious === null
        ? count(stage.customers)
        : `${count(stage.customers)} · ${(stage.conversionFromPrevious * 100).toFixed(1)}%`;
    expect(await tableRows(captionedTable(page, "funnel", "Customers per stage and group (conversion from the previous stage)"))).toEqual(
      anonymous.stages.map((stage, index) => [stage.stage, cell(stage), cell(identified.stages[index]!)]),
    );
    // Together they are the whole funnel.
    const whole = await get<FunnelResult>(`/v1/funnel?from=${day(today - 29 * DAY_MS)}&to=${day(today)}`);
    expect(whole.stages.map((_, index) => anonymous.stages[index]!.customers + identified.stages[index]!.customers)).toEqual(
      whole.stages.map((stage) => stage.customers),
    );
    await saveScreenshot(page.locator("#funnel"), "dashboard-1400-funnel-identified");
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("filters every panel by a channel and a trait chosen in the page, keeps them in the link, and clears them", async () => {
    const { page, problems } = await openDashboard(browser, link, 60_000, 1400);
    await waitForPanels(page, 60_000);
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const [from, to] = [day(today - 29 * DAY_MS), day(today)];
    expect(await page.locator("#filter-state").textContent()).toBe("No filters: every panel counts everyone.");
    // The channel choices hold every channel the reports named (server-side ones too), beside GA4's.
    const named = await get<{ credits: { key: string }[] }>(
      `/v1/attribution?model=linear&groupBy=channel&conversion=purchase&lookbackDays=30&from=${from}&to=${to}`,
    );
    const offered = await page
      .locator("#filter-channel option")
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(named.credits.map((credit) => credit.key).filter((key) => !offered.includes(key))).toEqual([]);
    expect(offered).toEqual(expect.arrayContaining(["", "email", "paid_search", "organic_search", "mobile_push_notifications"]));
    await page.locator("#filter-channel").selectOption("email");
    await page.locator("#filter-trait").fill("persona=researcher");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page
      .locator("#filter-state")
      .filter({ hasText: "Filtered to people with channel email · persona = researcher. Every panel counts only them." })
      .waitFor();
    await panelsSettled(page);
    expect(page.url()).toBe(`${origin}/dashboard?from=${from}&to=${to}&channel=email&trait.persona=researcher`);
    const segment = "channel=email&trait.persona=researcher";

    const funnel = await get<FunnelResult>(`/v1/funnel?from=${from}&to=${to}&${segment}`);
    const everyone = await get<FunnelResult>(`/v1/funnel?from=${from}&to=${to}`);
    expect(funnel.stages[0]!.customers).toBeGreaterThan(0);
    expect(funnel.stages[0]!.customers).toBeLessThan(everyone.stages[0]!.customers);
    expect((await tableRows(captionedTable(page, "funnel", "Funnel by stage"))).map((row) => [row[0], row[1], row[6]])).toEqual(
      funnel.stages.map((stage) => [stage.stage, count(stage.customers), count(stage.stalled)]),
    );

    const attribution = await get<{
      totalConversions: number;
      credits: { key: string; conversions: number; share: number; cost?: number | null }[];
    }>(`/v1/attribution?model=linear&groupBy=channel&conversion=purchase&lookbackDays=30&from=${from}&to=${to}&${segment}`);
    expect(await page.locator("#attribution-result .summary strong").first().textContent()).toBe(count(attribution.totalConversions));
    expect(
      (await tableRows(captionedTable(page, "attribution", "Attribution: linear by channel"))).map((row) => [row[0], row[1], row[3]]),
    ).toEqual(
      attribution.credits.map((credit) => [
        credit.key,
        credit.conversions.toLocaleString("en-US", { maximumFractionDigits: 2 }),
        `${(credit.share * 100).toFixed(1)}%`,
      ]),
    );
    expect(attribution.credits.every((credit) => credit.cost === undefined || credit.cost === null)).toBe(true);
    for (const panel of ["funnel", "attribution", "moments", "value", "paths", "stalled"])
      expect(await page.locator(`#${panel}-result > .filter-note`).textContent()).toBe(
        "Only people with channel email · persona = researcher.",
      );
    expect(await page.locator("#attribution-result .spend-note").textContent()).toBe(
      "Filtered: cost, ROAS and CAC stay empty, as spend is recorded for everyone and not per segment.",
    );

    const value = await get<{ total: { customers: number } }>(`/v1/customer-value?groupBy=channel&from=${from}&to=${to}&${segment}`);
    expect(await page.locator("#value-result .summary strong").first().textContent()).toBe(count(value.total.customers));

    const stalled = await allCustomers(get, `identified=true&stage=consideration&stalledDays=14&${segment}`);
    expect(stalled.length).toBeGreaterThan(0);
    expect(stalled.every((customer) => customer.traits.persona === "researcher")).toBe(true);
    expect(await page.locator("#stalled-result .total").textContent()).toMatch(new RegExp(`^${count(stalled.length)} in total`));
    expect((await tableRows(captionedTable(page, "stalled", "Customers in the stage"))).map((row) => row[0])).toEqual(
      firstPageShown(stalled),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "dashboard-1400-filtered");
    await saveScreenshot(page.locator("header"), "dashboard-1400-filters");

    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.locator("#filter-state").filter({ hasText: "No filters" }).waitFor();
    await panelsSettled(page);
    expect(page.url()).toBe(`${origin}/dashboard?from=${from}&to=${to}`);
    expect((await tableRows(captionedTable(page, "funnel", "Funnel by stage"))).map((row) => row[1])).toEqual(
      everyone.stages.map((stage) => count(stage.customers)),
    );
    expect(await page.locator(".result .filter-note").count()).toBe(0);
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("lists who stopped at a funnel stage, customers or anonymous visitors, under the filters of a shared link", async () => {
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const [from, to] = [day(today - 29 * DAY_MS), day(today)];
    const { page, problems } = await openDashboard(
      browser,
      `${origin}/dashboard?from=${from}&to=${to}&channel=organic_search#key=${summary.createdSite!.readKey}`,
      60_000,
      1400,
    );
    await waitForPanels(page, 60_000);
    expect(await page.locator("#filter-channel").inputValue()).toBe("organic_search");
    const list = page.locator("#stalled-result");

    await page.getByRole("button", { name: "List the identified customers at evaluation now" }).click();
    await panelsSettled(page);
    const customers = await allCustomers(get, "identified=true&stage=evaluation&stalledDays=0&channel=organic_search");
    const everyone = await allCustomers(get, "identified=true&stage=evaluation&stalledDays=0");
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.length).toBeLessThan(everyone.length);
    expect(await list.locator(".total").textContent()).toMatch(new RegExp(`^${count(customers.length)} in total`));
    expect((await tableRows(captionedTable(page, "stalled", "Customers in the stage"))).map((row) => row[0])).toEqual(
      firstPageShown(customers),
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("stalled-title");

    // The first stage where anonymous visitors of the channel stopped.
    let stage = "";
    let visitors: CustomerSummary[] = [];
    for (const candidate of ["awareness", "consideration", "evaluation"]) {
      visitors = await allCustomers(get, `identified=false&stage=${candidate}&stalledDays=0&channel=organic_search`);
      stage = candidate;
      if (visitors.length > 0) break;
    }
    await page.getByRole("button", { name: `List the anonymous visitors at ${stage} now` }).click();
    await captionedTable(page, "stalled", "Anonymous visitors in the stage").waitFor();
    await panelsSettled(page);
    expect(visitors.length).toBeGreaterThan(0);
    expect(visitors.every((visitor) => visitor.customerId === null)).toBe(true);
    expect(await list.locator(".total").textContent()).toMatch(new RegExp(`^${count(visitors.length)} in total`));
    expect((await tableRows(captionedTable(page, "stalled", "Anonymous visitors in the stage"))).map((row) => row[0])).toEqual(
      firstPageShown(visitors),
    );
    expect([await page.locator("#stalled-stage").inputValue(), await page.locator("#stalled-who").inputValue()]).toEqual([
      "awareness",
      "false",
    ]);
    await saveScreenshot(page.locator("#stalled"), "dashboard-1400-stage-drill-down");
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("switches to a preset and compares with the previous period, the link carrying both", async () => {
    const { page, problems } = await openDashboard(browser, link, 60_000, 1400);
    await waitForPanels(page, 60_000);
    await page.locator("#period-preset").selectOption("7d");
    await page.locator("#period-compare").check();
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const [from, to, previousFrom, previousTo] = [day(today - 6 * DAY_MS), day(today), day(today - 13 * DAY_MS), day(today - 7 * DAY_MS)];
    await page
      .locator("#period-label")
      .filter({ hasText: `compared with ${previousFrom} – ${previousTo} (7 UTC days)` })
      .waitFor();
    expect(page.url()).toBe(`${origin}/dashboard?from=${from}&to=${to}&compare=1`);
    const table = captionedTable(page, "funnel", "Funnel by stage");
    await table.locator("thead th", { hasText: "Previous period" }).waitFor();
    const current = await get<FunnelResult>(`/v1/funnel?from=${from}&to=${to}`);
    const previous = await get<FunnelResult>(`/v1/funnel?from=${previousFrom}&to=${previousTo}`);
    expect((await tableRows(table)).map((row) => [row[0], row[1], row[2]])).toEqual(
      current.stages.map((stage, index) => [stage.stage, count(stage.customers), count(previous.stages[index]!.customers)]),
    );
    await saveScreenshot(page.locator("#funnel"), "dashboard-1400-funnel-compared");
    const previousAttribution = await get<AttributionResult>(
      `/v1/attribution?model=linear&groupBy=channel&conversion=purchase&lookbackDays=30&from=${previousFrom}&to=${previousTo}`,
    );
    await page.locator("#attribution-result .summary .change").waitFor();
    expect(await page.locator("#attribution-result .summary .change").textContent()).toMatch(
      new RegExp(`^ · previous period ${count(previousAttribution.totalConversions)} conversions, `),
    );
    const previousValue = await get<{ total: { customers: number } }>(
      `/v1/customer-value?groupBy=channel&from=${previousFrom}&to=${previousTo}`,
    );
    await page.locator("#value-result .summary .change").waitFor();
    expect(await page.locator("#value-result .summary .change").textContent()).toMatch(
      new RegExp(`^ · previous period ${count(previousValue.total.customers)} customers, `),
    );

    // Every panel bound to the period gives its changes: per attribution key, per touchpoint, per path.
    await panelsSettled(page);
    const currentAttribution = await get<AttributionResult>(
      `/v1/attribution?model=linear&groupBy=channel&conversion=purchase&lookbackDays=30&from=${from}&to=${to}`,
    );
    const conversionsBefore = (key: string) => previousAttribution.credits.find((credit) => credit.key === key)?.conversions ?? 0;
    expect((await tableRows(captionedTable(page, "attribution", "Attribution: linear by channel"))).map((row) => [row[0], row[2]])).toEqual(
      currentAttribution.credits.map((credit) => [credit.key, change(credit.conversions, conversionsBefore(credit.key))]),
    );
    const moments = await get<MomentsOfTruthResult>(`/v1/moments-of-truth?stage=evaluation&withinDays=7&from=${from}&to=${to}`);
    const previousMoments = await get<MomentsOfTruthResult>(
      `/v1/moments-of-truth?stage=evaluation&withinDays=7&from=${previousFrom}&to=${previousTo}`,
    );
    const customersBefore = (name: string) => previousMoments.touchpoints.find((moment) => moment.name === name)?.customers ?? 0;
    expect(
      (await tableRows(captionedTable(page, "moments", "Moments of truth in evaluation"))).map((row) => [row[0], row[4]]).toSorted(),
    ).toEqual(moments.touchpoints.map((moment) => [moment.name, change(moment.customers, customersBefore(moment.name))]).toSorted());
    const paths = await get<{ totalConversions: number }>(
      `/v1/paths?conversion=purchase&groupBy=channel&transform=exposure&limit=10&lookbackDays=30&from=${from}&to=${to}`,
    );
    const previousPaths = await get<{ totalConversions: number }>(
      `/v1/paths?conversion=purchase&groupBy=channel&transform=exposure&limit=10&lookbackDays=30&from=${previousFrom}&to=${previousTo}`,
    );
    expect(await page.locator("#paths-result .summary .change").textContent()).toBe(
      ` · previous period ${count(previousPaths.totalConversions)} conversions, ${change(paths.totalConversions, previousPaths.totalConversions)}`,
    );
    await saveScreenshot(page.locator("#attribution"), "dashboard-1400-attribution-compared-period");
    await saveScreenshot(page.locator("#moments"), "dashboard-1400-moments-compared");
    await saveScreenshot(page.locator("#value"), "dashboard-1400-customer-value-compared");
    await saveScreenshot(page.locator("#paths"), "dashboard-1400-paths-compared");

    // Identified beside anonymous, each with its change.
    await page.locator("#funnel-split").selectOption("identified");
    const matrix = captionedTable(page, "funnel", "Customers per stage and group (conversion from the previous stage)");
    await matrix.locator("thead th", { hasText: "identified: change" }).waitFor();
    type Grouped = { groups: { key: string; stages: { stage: string; customers: number }[] }[] };
    const split = await get<Grouped>(`/v1/funnel?from=${from}&to=${to}&groupBy=identified`);
    const splitBefore = await get<Grouped>(`/v1/funnel?from=${previousFrom}&to=${previousTo}&groupBy=identified`);
    const before = (key: string, stage: string) =>
      splitBefore.groups.find((group) => group.key === key)?.stages.find((candidate) => candidate.stage === stage)?.customers ?? 0;
    expect((await tableRows(matrix)).map((row) => [row[0], row[2], row[4]])).toEqual(
      split.groups[0]!.stages.map((stage, index) => [
        stage.stage,
        change(stage.customers, before(split.groups[0]!.key, stage.stage)),
        change(split.groups[1]!.stages[index]!.customers, before(split.groups[1]!.key, stage.stage)),
      ]),
    );
    await saveScreenshot(page.locator("#funnel"), "dashboard-1400-funnel-identified-compared");

    // A shared link opens the same view.
    const shared = await openDashboard(browser, `${page.url()}#key=${summary.createdSite!.readKey}`, 60_000, 1400);
    expect(await shared.page.locator("#period-label").textContent()).toBe(await page.locator("#period-label").textContent());
    expect(await shared.page.locator("#period-compare").isChecked()).toBe(true);
    expect(problems).toEqual([]);
    expect(shared.problems).toEqual([]);
    await shared.page.context().close();
    await page.context().close();
  });

  it("lists stalled customers with their total, pages and sorts them, separates anonymous visitors, and opens a journey on a time axis", async () => {
    const { page, problems } = await openDashboard(browser, link, 60_000, 1400);
    await waitForPanels(page, 60_000);
    const stalled = await allCustomers(get, "identified=true&stage=consideration&stalledDays=14");
    expect(stalled.length).toBeGreaterThan(50);
    const list = page.locator("#stalled-result");
    expect(await list.locator(".total").textContent()).toBe(`${count(stalled.length)} in total · showing 1–50`);
    const longestFirst = stalled.toSorted((a, b) =>
      a.stageEnteredAt! < b.stageEnteredAt! ? -1 : a.stageEnteredAt! > b.stageEnteredAt! ? 1 : a.customerId! < b.customerId! ? -1 : 1,
    );
    expect((await tableRows(captionedTable(page, "stalled", "Customers in the stage"))).map((row) => row[0])).toEqual(
      longestFirst.slice(0, 50).map((customer) => customer.customerId),
    );
    await list.getByRole("button", { name: "Next page" }).click();
    expect(await list.locator(".total").textContent()).toBe(
      `${count(stalled.length)} in total · showing 51–${Math.min(100, stalled.length)}`,
    );
    await list.getByRole("button", { name: "Customer", exact: true }).click();
    const byId = stalled.map((customer) => customer.customerId!).toSorted();
    expect((await tableRows(captionedTable(page, "stalled", "Customers in the stage"))).map((row) => row[0])).toEqual(byId.slice(0, 50));
    await saveScreenshot(page.locator("#stalled"), "dashboard-1400-stalled");

    // From the funnel: everyone whose furthest stage is evaluation now.
    await page.getByRole("button", { name: "List the identified customers at evaluation now" }).click();
    await list
      .locator(".total")
      .filter({ hasNotText: `${count(stalled.length)} in total` })
      .waitFor();
    const atEvaluation = await allCustomers(get, "identified=true&stage=evaluation&stalledDays=0");
    expect(await list.locator(".total").textContent()).toMatch(new RegExp(`^${count(atEvaluation.length)} in total`));
    expect(await page.locator("#stalled-days").inputValue()).toBe("0");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("stalled-title");
    await page.locator("#stalled-stage").selectOption("consideration");
    await page.locator("#stalled-days").fill("14");

    const anonymous = await allCustomers(get, "identified=false&stage=consideration&stalledDays=14");
    await page.locator("#stalled-who").selectOption("false");
    await captionedTable(page, "stalled", "Anonymous visitors in the stage").waitFor();
    expect(await list.locator(".total").textContent()).toMatch(new RegExp(`^${count(anonymous.length)} in total`));
    expect(anonymous.every((visitor) => visitor.customerId === null && visitor.anonymousId)).toBe(true);

    // Open one anonymous visitor's journey straight from the list.
    const visitor = (await tableRows(captionedTable(page, "stalled", "Anonymous visitors in the stage")))[0]![0]!;
    await list.getByRole("button", { name: `Open the journey of ${visitor}` }).click();
    await page.locator("#journey-result .journey-title .identity", { hasText: visitor }).waitFor();
    expect(await page.locator("#journey-result .journey-title").textContent()).toBe(`Anonymous visitor ${visitor}`);

    // A customer with several sessions: stage entries in time order, page views with their path, a mark per touchpoint.
    const customerId = longestFirst[0]!.customerId!;
    await page.locator("#stalled-who").selectOption("true");
    await captionedTable(page, "stalled", "Customers in the stage").waitFor();
    await list
      .getByRole("button", { name: `Open the journey of ${customerId}` })
      .first()
      .click();
    await page.locator("#journey-result .journey-title .identity", { hasText: customerId }).waitFor();
    const journey = await get<Journey>(`/v1/journeys/${encodeURIComponent(customerId)}`);
    const view = page.locator("#journey-result article.journey");
    expect(await view.locator(".stage-steps .step-name").allTextContents()).toEqual(
      journey.stages.toSorted((a, b) => a.enteredAt.localeCompare(b.enteredAt)).map((entry) => entry.stage),
    );
    expect(await view.locator("svg.journey-chart .dot").count()).toBe(journey.touchpoints.length);
    expect(await view.locator("svg.journey-chart rect.session-band").count()).toBe(journey.sessions.length);
    expect(await view.locator("svg.journey-chart path.stage-entry").count()).toBe(journey.stages.length);
    const rows = await tableRows(captionedTable(page, "journey", "Touchpoints in time order"));
    expect(rows.map((row) => [row[1], row[2]])).toEqual(
      journey.touchpoints.map((touchpoint) => [touchpoint.timestamp.slice(0, 16).replace("T", " "), touchpoint.name]),
    );
    const pageRows = journey.touchpoints.flatMap((touchpoint, index) =>
      touchpoint.type === "page" ? [[rows[index]![6], touchpoint.context.path ?? touchpoint.context.url]] : [],
    );
    expect(pageRows.length).toBeGreaterThan(0);
    for (const [shown, path] of pageRows) expect(shown!.startsWith(path!)).toBe(true);
    await saveScreenshot(page.locator("#journey"), "dashboard-1400-journey");

    expect(problems).toEqual([]);
    // A failed search clears the journey shown before.
    await page.locator("#journey-id").fill("nobody-at-all");
    await page.locator("#journey").getByRole("button", { name: "Update" }).click();
    await page.locator("#journey .status.error", { hasText: 'No customer or anonymous visitor "nobody-at-all".' }).waitFor();
    expect(await page.locator("#journey-result > *").count()).toBe(0);
    // The search's two 404s (no such customer, no such visitor) are the API's answer, and all that went wrong.
    expect(problems.toSorted()).toEqual([
      `404 GET ${origin}/v1/journeys/nobody-at-all`,
      `404 GET ${origin}/v1/journeys?anonymousId=nobody-at-all`,
      "console error: Failed to load resource: the server responded with a status of 404 (Not Found)",
      "console error: Failed to load resource: the server responded with a status of 404 (Not Found)",
    ]);
    await page.context().close();
  });

  it("compares attribution models side by side, prices channels once spend is recorded, and lists conversion paths", async () => {
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const [from, to] = [day(today - 29 * DAY_MS), day(today)];
    const { page, problems } = await openDashboard(browser, link, 60_000, 1400);
    await waitForPanels(page, 60_000);
    // 3,000 EUR on paid search over the period, recorded through the page with the secret key.
    await page.locator("#spend summary").click();
    await page.locator("#spend-secret").fill(summary.createdSite!.secretKey);
    await page.locator("#spend-key").fill("paid_search");
    expect([await page.locator("#spend-from").inputValue(), await page.locator("#spend-to").inputValue()]).toEqual([from, to]);
    await page.locator("#spend-amount").fill("3000");
    await page.getByRole("button", { name: "Record spend" }).click();
    await page.locator("#spend .status", { hasText: `Recorded €3,000.00 on channel paid_search, ${from} – ${to}.` }).waitFor();
    await page.locator("#value-result td", { hasText: "€3,000.00" }).first().waitFor();
    // The key was used for that request only.
    expect(
      await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + location.href),
    ).not.toContain(summary.createdSite!.secretKey);

    await page.locator("#attribution-compare").selectOption("markov");
    const compared = captionedTable(page, "attribution", "Attribution compared: linear vs markov by channel");
    await compared.waitFor();
    const comparison = await get<{ credits: { key: string; models: Record<string, { conversions: number; share: number }> }[] }>(
      `/v1/attribution?model=linear,markov&groupBy=channel&conversion=purchase&lookbackDays=30&from=${from}&to=${to}`,
    );
    const share = (value: number | undefined) => (value === undefined ? "–" : `${(value * 100).toFixed(1)}%`);
    expect((await tableRows(compared)).map((row) => [row[0], row[2], row[4]])).toEqual(
      comparison.credits.map((credit) => [credit.key, share(credit.models.linear?.share), share(credit.models.markov?.share)]),
    );
    await saveScreenshot(page.locator("#attribution"), "dashboard-1400-attribution-compared");

    type ValueRow = {
      key: string;
      customers: number;
      cltv: number | null;
      cost: number | null;
      cac: number | null;
      currency: string | null;
    };
    const value = await get<{ total: ValueRow; groups: ValueRow[] }>(`/v1/customer-value?groupBy=channel&from=${from}&to=${to}`);
    const euros = (amount: number | null) =>
      amount === null ? "–" : `€${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const valueRows = await tableRows(captionedTable(page, "value", "Customer value by channel"));
    expect(valueRows.map((row) => [row[0], row[1], row[5], row[6]])).toEqual(
      [...value.groups, value.total].map((group) => [group.key, count(group.customers), euros(group.cost), euros(group.cac)]),
    );
    const paidSearch = value.groups.find((group) => group.key === "paid_search")!;
    expect(paidSearch).toMatchObject({ cost: 3000, currency: "EUR" });
    expect(paidSearch.cac).toBeCloseTo(3000 / paidSearch.customers, 6);
    await saveScreenshot(page.locator("#value"), "dashboard-1400-customer-value");

    type Buckets = { bucket: string; conversions: number }[];
    const paths = await get<{ paths: { path: string[]; conversions: number }[]; pathLength: Buckets; daysToConvert: Buckets }>(
      `/v1/paths?conversion=purchase&groupBy=channel&transform=exposure&limit=10&lookbackDays=30&from=${from}&to=${to}`,
    );
    expect((await tableRows(captionedTable(page, "paths", "Top conversion paths by channel"))).map((row) => [row[0], row[1]])).toEqual(
      paths.paths.map((path) => [path.path.length ? path.path.join(" → ") : "(no touch)", count(path.conversions)]),
    );
    expect((await tableRows(captionedTable(page, "paths", "Path length (touches)"))).map((row) => [row[0], row[1]])).toEqual(
      paths.pathLength.map((bucket) => [bucket.bucket, count(bucket.conversions)]),
    );
    // The time-to-convert distribution: days from each converting person's first touch.
    const daysToConvert = (await tableRows(captionedTable(page, "paths", "Days from first touch to conversion"))).map((row) => [
      row[0],
      row[1],
    ]);
    expect(daysToConvert).toEqual(paths.daysToConvert.map((bucket) => [bucket.bucket, count(bucket.conversions)]));
    expect(paths.daysToConvert.some((bucket) => bucket.conversions > 0)).toBe(true);
    await saveScreenshot(page.locator("#paths"), "dashboard-1400-paths");
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical axe-core violation in ${colorScheme} mode, and works from the keyboard`, async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      await page.goto(`${origin}/dashboard`);
      // The key form first.
      await page.locator("#read-key").waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.keyboard.type(summary.createdSite!.readKey);
      await page.keyboard.press("Enter");
      await waitForPanels(page, 60_000);
      // The first Tab reaches the skip link; the journey opens from the stalled list with Enter.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the customer journey");
      await page.locator("#stalled-result .link-button").first().focus();
      await page.keyboard.press("Enter");
      await page.locator("#journey-result article.journey").waitFor();
      await page.locator("#funnel-result details.definitions summary").focus();
      await page.keyboard.press("Enter");
      expect(await page.locator("#funnel-result details.definitions").getAttribute("open")).toBe("");
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `dashboard-1400-${colorScheme}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it("fits a 390 px phone: nothing wider than the screen, Apply and Apply filters in view, filtered and compared too", async () => {
    const { page, problems } = await openDashboard(browser, link, 60_000, 390);
    await waitForPanels(page, 60_000);
    expect(await pageWidth(page)).toEqual({ scroll: 390, viewport: 390, outside: [] });
    for (const name of ["Apply", "Apply filters"]) {
      const apply = await page.getByRole("button", { name, exact: true }).boundingBox();
      expect(apply!.x).toBeGreaterThanOrEqual(0);
      expect(apply!.x + apply!.width).toBeLessThanOrEqual(390);
    }
    await saveScreenshot(page, "dashboard-390-overview");
    for (const id of ["funnel", "attribution", "moments", "value", "paths", "stalled"])
      await saveScreenshot(page.locator(`#${id}`), `dashboard-390-${id}`);
    await page.locator("#stalled-result .link-button").first().click();
    await page.locator("#journey-result article.journey").waitFor();
    expect(await pageWidth(page)).toEqual({ scroll: 390, viewport: 390, outside: [] });
    await saveScreenshot(page.locator("#journey"), "dashboard-390-journey");
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();

    // Filtered and compared, the identified split and two models side by side: still 390 px wide.
    const today = Date.parse(`${day(Date.now())}T00:00:00.000Z`);
    const filtered = await openDashboard(
      browser,
      `${origin}/dashboard?from=${day(today - 6 * DAY_MS)}&to=${day(today)}&compare=1&channel=email&trait.persona=researcher#key=${summary.createdSite!.readKey}`,
      60_000,
      390,
    );
    await waitForPanels(filtered.page, 60_000);
    await panelsSettled(filtered.page);
    expect(await pageWidth(filtered.page)).toEqual({ scroll: 390, viewport: 390, outside: [] });
    await saveScreenshot(filtered.page.locator("header"), "dashboard-390-filters");
    await saveScreenshot(filtered.page, "dashboard-390-filtered-compared");
    for (const id of ["funnel", "attribution", "moments", "value", "paths"])
      await saveScreenshot(filtered.page.locator(`#${id}`), `dashboard-390-${id}-compared`);
    await filtered.page.getByRole("button", { name: "List the identified customers at consideration now" }).click();
    await panelsSettled(filtered.page);
    await saveScreenshot(filtered.page.locator("#stalled"), "dashboard-390-stage-drill-down");
    await filtered.page.locator("#funnel-split").selectOption("identified");
    await filtered.page.locator("#funnel-result .funnel-groups").waitFor();
    await saveScreenshot(filtered.page.locator("#funnel"), "dashboard-390-funnel-identified");
    await filtered.page.locator("#attribution-compare").selectOption("markov");
    await captionedTable(filtered.page, "attribution", "Attribution compared: linear vs markov by channel").waitFor();
    await saveScreenshot(filtered.page.locator("#attribution"), "dashboard-390-attribution-models");
    expect(await pageWidth(filtered.page)).toEqual({ scroll: 390, viewport: 390, outside: [] });
    expect(await panelErrors(filtered.page)).toEqual([]);
    expect(filtered.problems).toEqual([]);
    await filtered.page.context().close();
  });
});
