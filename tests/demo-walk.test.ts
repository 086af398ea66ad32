import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FunnelResult, JourneyJson as Journey } from "@touchpoint/journeys";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/demo-artifacts.js";
import {
  captionedTable,
  openDashboard,
  panelErrors,
  searchJourney,
  shownSvgTexts,
  tableRows,
  waitForPanels,
} from "./support/demo-dashboard.js";
import { watchPageProblems } from "./support/demo-page-problems.js";
import { startDemoCommand, type RunningDemo } from "./support/demo-process.js";
import { caughtUpReport, readApi, type AsOf } from "./support/demo-read-api.js";
import { CATALOG_CARDS, FEATURED_CARDS, walkShop, type Shopper } from "./support/demo-shop-walk.js";
import { waitForVisitorEvents } from "./support/demo-visitor-events.js";
import { launchChromium, visitorPage } from "./support/sdk-browser.js";

/*
 * What a newcomer sees after `npm start`: the built CLI's `demo` command, the demo shop walked by
 * one customer in headless Chromium, and that customer's journey on the dashboard the command
 * links to. Screenshots land in tests/artifacts/.
 */

const SHOPPER: Shopper = {
  email: "ada.walker@example.com",
  name: "Ada Walker",
  persona: "trail_runner",
  productId: "rain-jacket",
  reviewId: "rj-1",
  chatbotSuggestion: 3,
  rating: 4,
};
/** She arrives from a paid social ad: the landing page view is awareness (DEFAULT_STAGE_MODEL). */
const LANDING_QUERY = "utm_source=facebook&utm_medium=paid_social&utm_campaign=spring_sale";

/** Every touchpoint of the walk with its stage in the default model; page views after the landing have none. */
const EXPECTED_TOUCHPOINTS: [name: string, stage: string | null][] = [
  ["page_view", "awareness"],
  ...Array.from({ length: FEATURED_CARDS }, (): [string, string] => ["catalog_view", "consideration"]),
  ["banner_click", "awareness"],
  ["page_view", null],
  ...Array.from({ length: CATALOG_CARDS }, (): [string, string] => ["catalog_view", "consideration"]),
  ["page_view", null],
  ["review_read", "evaluation"],
  ["chatbot_question", "evaluation"],
  ["add_to_cart", "purchase"],
  ["page_view", null],
  ["page_view", null],
  ["begin_checkout", "purchase"],
  ["page_view", null],
  ["purchase", "purchase"],
  ["page_view", null],
  ["survey_response", "loyalty"],
];
const STAGES = ["awareness", "consideration", "evaluation", "purchase", "loyalty"];

describe("touchpoint demo, walked as a customer in Chromium", () => {
  let dir: string;
  let db: string;
  let demo: RunningDemo;
  let browser: Browser;
  let funnelBefore: FunnelResult;
  let journey: Journey;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tp-demo-walk-"));
    db = join(dir, "touchpoint.db");
    demo = await startDemoCommand(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (demo) expect(await demo.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  const api = () => readApi(demo.collectorUrl, demo.readKey);

  it("stores every touchpoint of the walk, in order, with its stage, and the funnel counts her once in every stage", async () => {
    expect(demo.output()).toMatch(/Seeded a history: 300 customers and 90 visitors, \d+ events over 30 days\./);
    funnelBefore = await caughtUpReport<FunnelResult & AsOf>(api(), "/v1/funnel");

    const page: Page = await visitorPage(browser);
    await page.setViewportSize({ width: 1280, height: 900 });
    const shopProblems = watchPageProblems(page);
    const anonymousId = await walkShop(page, { shopUrl: demo.shopUrl, db, shopper: SHOPPER, landingQuery: LANDING_QUERY });
    // Every touchpoint and the identify.
    const stored = await waitForVisitorEvents(db, anonymousId, EXPECTED_TOUCHPOINTS.length + 1);
    expect(stored.filter((event) => event.type === "identify")).toHaveLength(1);
    expect(shopProblems).toEqual([]);
    await page.context().close();

    journey = await api()<Journey>(`/v1/journeys/${encodeURIComponent(SHOPPER.email)}`);
    expect(journey.touchpoints.map((t) => [t.name, t.stage])).toEqual(EXPECTED_TOUCHPOINTS);
    expect(journey.touchpoints.filter((t) => t.type === "page").map((t) => t.context.path)).toEqual([
      "/",
      "/catalog.html",
      "/product.html",
      "/login.html",
      "/cart.html",
      "/checkout.html",
      "/thanks.html",
    ]);
    const propertiesOf = (name: string) => journey.touchpoints.filter((t) => t.name === name).map((t) => t.properties);
    expect(
      propertiesOf("catalog_view")
        .map((p) => `${String(p.list)}:${String(p.product)}`)
        .toSorted(),
    ).toEqual([
      "catalog:day-pack",
      "catalog:headlamp",
      "catalog:merino-tee",
      "catalog:rain-jacket",
      "catalog:thermos",
      "catalog:trail-runner",
      "featured:headlamp",
      "featured:rain-jacket",
      "featured:trail-runner",
    ]);
    expect(propertiesOf("banner_click")).toEqual([{ campaign: "spring_sale", placement: "home_hero" }]);
    expect(propertiesOf("review_read")).toEqual([{ productId: "rain-jacket", reviewId: "rj-1", stars: 5 }]);
    expect(propertiesOf("chatbot_question")).toEqual([{ question: "Is the rain jacket waterproof?" }]);
    expect(propertiesOf("add_to_cart")).toEqual([{ productId: "rain-jacket", price: 129, currency: "EUR", quantity: 1 }]);
    expect(propertiesOf("begin_checkout")).toEqual([{ value: 129, currency: "EUR", items: 1 }]);
    const [purchase] = propertiesOf("purchase");
    expect(purchase).toEqual({ orderId: expect.stringMatching(/^ord_[0-9a-f]{8}$/), value: 129, currency: "EUR" });
    expect(propertiesOf("survey_response")).toEqual([{ rating: 4, orderId: purchase?.orderId }]);

    expect(journey.customerId).toBe(SHOPPER.email);
    expect(journey.anonymousIds).toEqual([anonymousId]);
    expect(journey.traits).toEqual({ persona: "trail_runner", name: "Ada Walker" });
    expect(journey.currentStage).toBe("loyalty");
    expect(journey.stages.map((entry) => entry.stage)).toEqual(STAGES);
    expect(journey.sessions.map((s) => [s.channel, s.touchpoints, s.utm])).toEqual([
      ["paid_social", EXPECTED_TOUCHPOINTS.length, { source: "facebook", medium: "paid_social", campaign: "spring_sale" }],
    ]);
    expect(journey.conversions.map((c) => [c.name, c.value, c.currency])).toEqual([["purchase", 129, "EUR"]]);
    expect(journey.lifetimeValue).toBe(129);

    const funnelAfter = await caughtUpReport<FunnelResult & AsOf>(api(), "/v1/funnel");
    expect(funnelAfter.stages.map((s) => [s.stage, s.customers])).toEqual(funnelBefore.stages.map((s) => [s.stage, s.customers + 1]));
    expect(funnelAfter.stages.map((s) => s.stage)).toEqual(STAGES);
  });

  it("shows her journey and the funnel on the dashboard the demo links to", async () => {
    if (!journey) throw new Error("the walk did not finish");
    const { page, problems } = await openDashboard(browser, demo.dashboardLink);
    await waitForPanels(page);
    // The read key left the address bar as soon as the page read it; the period (last 30 UTC days) is in it.
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00.000Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    expect(page.url()).toBe(`${demo.collectorUrl}/dashboard?from=${from}&to=${today}`);
    await saveScreenshot(page, "demo-dashboard-overview");

    const funnel = await api()<FunnelResult>(`/v1/funnel?from=${from}&to=${today}`);
    const funnelRows = await tableRows(captionedTable(page, "funnel", "Funnel by stage"));
    expect(funnelRows.map((row) => [row[0], row[1]])).toEqual(funnel.stages.map((s) => [s.stage, s.customers.toLocaleString("en-US")]));

    const view = await searchJourney(page, SHOPPER.email);
    const touchpointRows = await tableRows(captionedTable(page, "journey", "Touchpoints in time order"));
    // #, time, touchpoint, stage, channel, properties
    expect(touchpointRows.map((row) => [row[0], row[2], row[3], row[4]])).toEqual(
      EXPECTED_TOUCHPOINTS.map(([name, stage], index) => [String(index + 1), name, stage ?? "–", "paid_social"]),
    );
    const propertyText = (properties: Record<string, unknown>) =>
      Object.keys(properties).length === 0
        ? "–"
        : Object.entries(properties)
            .map(([key, value]) => key + (typeof value === "string" ? value : JSON.stringify(value)))
            .join("");
    expect(touchpointRows.map((row) => row[5])).toEqual(journey.touchpoints.map((t) => propertyText(t.properties)));

    const facts = Object.fromEntries(
      await view
        .locator(".facts .fact")
        .evaluateAll((facts) => facts.map((fact) => [fact.querySelector("dt")?.textContent, fact.querySelector("dd")?.textContent])),
    );
    expect(facts).toMatchObject({
      "Current stage": "loyalty",
      Touchpoints: String(EXPECTED_TOUCHPOINTS.length),
      Sessions: "1",
      Conversions: "1",
      "Lifetime value": "€129.00",
      "Devices (anonymous ids)": "1",
    });
    expect(await view.locator(".stage-steps .step-name").allTextContents()).toEqual(STAGES);
    expect(await view.locator(".traits dt").allTextContents()).toEqual(["persona", "name"]);
    expect(await view.locator(".traits dd").allTextContents()).toEqual(["trail_runner", "Ada Walker"]);
    // The timeline: a mark per touchpoint on the lane of the furthest stage reached, and the survey's rating on the curve.
    const chart = view.locator("svg.journey-chart");
    expect(await chart.locator("circle.dot").count()).toBe(EXPECTED_TOUCHPOINTS.length);
    expect(await shownSvgTexts(chart.locator("text.label"))).toEqual([...STAGES, "Rating"]);
    expect(await chart.locator(".rating-value").allTextContents()).toEqual(["4"]);
    expect(await shownSvgTexts(chart.locator(".session-label"))).toEqual(["paid_social"]);
    await saveScreenshot(page.locator("#journey"), "demo-dashboard-journey");

    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
