import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/demo-artifacts.js";
import { captionedTable, openDashboard, panelErrors, searchJourney, tableRows, waitForPanels } from "./support/demo-dashboard.js";
import { CollectorProcess, createSite, freePort, type SiteKeys } from "./support/process-collector.js";
import { BROWSER_USER_AGENT, batchBody } from "./support/process-events.js";
import { launchChromium } from "./support/sdk-browser.js";

/*
 * Event text is attacker-controlled: anyone can post to a site's public write key. A customer
 * whose id, traits, campaign, page URL and touchpoint properties are HTML and script must show up
 * on the dashboard as that text, and run nothing.
 */

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>window.__pwned=1</script>";

function hostileEvents(now: number) {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const shared = { anonymousId: "visitor-hostile-1", sessionId: "session-hostile-1" };
  const context = {
    url: `https://shop.example/?q=${SCRIPT}`,
    path: "/",
    title: SCRIPT,
    utm: { source: "newsletter", medium: "email", campaign: IMG },
  };
  return [
    { ...shared, id: "hostile-1", type: "page", timestamp: at(10), context },
    {
      ...shared,
      id: "hostile-2",
      type: "touchpoint",
      name: "banner_click",
      timestamp: at(9),
      properties: { headline: IMG, note: SCRIPT },
      context,
    },
    {
      ...shared,
      id: "hostile-3",
      type: "identify",
      customerId: IMG,
      timestamp: at(8),
      traits: { persona: SCRIPT, nickname: IMG },
      context,
    },
    {
      ...shared,
      id: "hostile-4",
      type: "touchpoint",
      name: "purchase",
      timestamp: at(7),
      properties: { orderId: SCRIPT, value: 42, currency: "EUR" },
      context,
    },
    {
      ...shared,
      id: "hostile-5",
      type: "touchpoint",
      name: "survey_response",
      timestamp: at(6),
      properties: { rating: 2, comment: IMG },
      context,
    },
  ];
}

describe("the dashboard shows hostile event text as text", () => {
  let dir: string;
  let site: SiteKeys;
  let collector: CollectorProcess;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tp-demo-xss-"));
    const db = join(dir, "touchpoint.db");
    site = await createSite(db, "Hostile shop");
    const port = await freePort();
    collector = await CollectorProcess.start({ db, port });
    origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("renders script and HTML from events literally, creates no element from them, fires no dialog and runs nothing", async () => {
    const posted = await fetch(`${origin}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "text/plain", "user-agent": BROWSER_USER_AGENT },
      body: batchBody(site.writeKey, hostileEvents(Date.now())),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ accepted: 5, duplicates: 0, suppressed: 0, bots: 0, rejected: [] });

    // Problems include every dialog, from the first moment the page exists.
    const { page, problems } = await openDashboard(browser, `${origin}/dashboard#key=${site.readKey}`);
    await waitForPanels(page);

    const journey = await searchJourney(page, IMG);
    expect(await journey.locator(".journey-title .identity").textContent()).toBe(IMG);
    expect(await journey.locator(".traits dd").allTextContents()).toEqual([SCRIPT, IMG]);
    const touchpoints = await tableRows(captionedTable(page, "journey", "Touchpoints in time order"));
    expect(touchpoints.map((row) => [row[2], row[5]])).toEqual([
      ["page_view", "–"],
      ["banner_click", `headline${IMG}note${SCRIPT}`],
      ["purchase", `orderId${SCRIPT}value42currencyEUR`],
      ["survey_response", `rating2comment${IMG}`],
    ]);
    const sessions = await tableRows(captionedTable(page, "journey", "Sessions"));
    expect(sessions.map((row) => [row[1], row[3]])).toEqual([["email", `https://shop.example/?q=${SCRIPT}`]]);
    await saveScreenshot(page.locator("#journey"), "demo-dashboard-xss-journey");

    // The campaign, as an attribution key.
    await page.getByLabel("Credit by").selectOption("campaign");
    const byCampaign = captionedTable(page, "attribution", "Attribution: linear by campaign");
    await byCampaign.waitFor();
    expect((await tableRows(byCampaign)).map((row) => row.slice(0, 3))).toEqual([[IMG, "1", "42.00"]]);

    // The trait, as a funnel group.
    await page.getByLabel("Split by trait").fill("persona");
    await page.locator("#funnel").getByRole("button", { name: "Update" }).click();
    await page.locator("#funnel-result .funnel-group h3").first().waitFor();
    expect(await page.locator("#funnel-result .funnel-group h3").allTextContents()).toEqual([SCRIPT]);

    // The customers list: the stalled panel, on the stage she is in, opens her journey by her id.
    await page.locator("#stalled").getByLabel("Stage", { exact: true }).selectOption("loyalty");
    await page.locator("#stalled").getByLabel("Stalled for more than (days)").fill("0");
    await page.locator("#stalled").getByRole("button", { name: "Update" }).click();
    await expect
      .poll(() =>
        page
          .locator("#stalled-result")
          .getByRole("button", { name: `Open the journey of ${IMG}` })
          .count(),
      )
      .toBe(1);

    // Nothing made it into the DOM as markup, nothing ran.
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").evaluateAll((scripts) => scripts.map((script) => script.getAttribute("src")))).toEqual([
      "/dashboard/dashboard.js",
    ]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
