import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../apps/collector/src/testing/webhook-receiver.js";
import { seriousAccessibilityViolations } from "./support/axe.js";
import { saveScreenshot } from "./support/demo-artifacts.js";
import { captionedTable, openDashboard, panelErrors, searchJourney, tableRows } from "./support/demo-dashboard.js";
import { CollectorProcess, createSite, freePort, type SiteKeys, requireBuiltCollector } from "./support/process-collector.js";
import { launchChromium } from "./support/sdk-browser.js";

/*
 * Issues 17 and 20 in the dashboard: a collector with two real rules, one of which fired (a
 * signed webhook to a real receiver and a touchpoint) and one still waiting. Through the page in
 * Chromium: the header names the site and its currency, the rules panel (opened with the secret
 * key, typed in and submitted with the keyboard) shows the counts GET /v1/rule-activity gives, the
 * journey labels the automation touchpoint and lists the person's runs and deliveries, and the
 * attribution panel lists the recorded spend.
 */

interface RuleActivity {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  runs: { waiting: number; done: number; cancelled: number };
  branches: { branch: string; runs: number; deliveries: { pending: number; delivered: number; failed: number } }[];
  deliveries: { pending: number; delivered: number; failed: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How wide the page scrolls, beside the viewport. */
function pageWidth(page: Page): Promise<{ scroll: number; viewport: number }> {
  return page.evaluate(`({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })`);
}

describe("the dashboard's automation view (issue 17) and site header (issue 20)", () => {
  let dir: string;
  let site: SiteKeys;
  let collector: CollectorProcess;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let origin: string;
  let activity: RuleActivity[];

  async function api(key: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
    return res.json();
  }

  beforeAll(async () => {
    requireBuiltCollector();
    dir = mkdtempSync(join(tmpdir(), "tp-dashboard-automation-"));
    const db = join(dir, "touchpoint.db");
    site = await createSite(db, "Trail shop");
    receiver = await startWebhookReceiver();
    const port = await freePort();
    // The receiver listens on loopback.
    collector = await CollectorProcess.start({ db, port, args: ["--allow-private-webhooks"] });
    origin = `http://127.0.0.1:${port}`;

    const reminder = await api(site.secretKey, "POST", "/v1/rules", {
      name: "cart reminder",
      when: { event: "cart_abandoned" },
      wait: "PT1S",
      branches: [
        { if: { event: "purchase" }, do: [] },
        { if: { noEvent: "purchase" }, do: [{ webhook: receiver.url("/remind") }, { track: "cart_reminder_sent" }] },
      ],
    });
    await api(site.secretKey, "POST", "/v1/rules", {
      name: "call list",
      when: { event: "cart_abandoned" },
      wait: "P1D",
      branches: [{ do: [] }],
    });
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const touch = (id: string, customerId: string, name: string, ms: number, properties = {}) => ({
      id,
      type: "touchpoint",
      name,
      customerId,
      timestamp: at(ms),
      properties,
    });
    await api(site.secretKey, "POST", "/v1/batch", {
      writeKey: site.writeKey,
      sentAt: at(0),
      events: [
        touch("c1", "ann", "catalog_view", -60_000),
        touch("c2", "bob", "catalog_view", -60_000),
        touch("c3", "cy", "catalog_view", -60_000),
        touch("a1", "ann", "cart_abandoned", -1_000),
        touch("a2", "bob", "cart_abandoned", -1_000),
        touch("a3", "cy", "cart_abandoned", -1_000),
        touch("p3", "cy", "purchase", -500, { value: 30, currency: "EUR" }),
      ],
    });
    await api(site.secretKey, "POST", "/v1/spend", {
      groupBy: "channel",
      key: "email",
      from: at(-86_400_000).slice(0, 10),
      to: at(0).slice(0, 10),
      amount: 120,
      currency: "EUR",
    });
    // Until the reminder has fired for all three and both webhooks are delivered.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { runs } = await api(site.secretKey, "GET", `/v1/rules/${reminder.id}/runs?state=done`);
      const delivered = runs
        .flatMap((run: { deliveries: { status: string }[] }) => run.deliveries)
        .filter((d: { status: string }) => d.status === "delivered");
      if ((runs.length === 3 && delivered.length === 2) || Date.now() > deadline) break;
      await sleep(100);
    }
    activity = (await api(site.secretKey, "GET", "/v1/rule-activity")).rules;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the API counts what happened: the reminder fired for the two without a purchase, the call list waits", () => {
    expect(activity.map((rule) => [rule.name, rule.runs, rule.branches, rule.deliveries])).toEqual([
      [
        "cart reminder",
        { waiting: 0, done: 3, cancelled: 0 },
        [
          { branch: "0", runs: 1, deliveries: { pending: 0, delivered: 0, failed: 0 } },
          { branch: "1", runs: 2, deliveries: { pending: 0, delivered: 2, failed: 0 } },
        ],
        { pending: 0, delivered: 2, failed: 0 },
      ],
      ["call list", { waiting: 3, done: 0, cancelled: 0 }, [], { pending: 0, delivered: 0, failed: 0 }],
    ]);
    expect(receiver.received.map((hook) => JSON.parse(hook.body).customerId).sort()).toEqual(["ann", "bob"]);
  });

  it("shows the site, the rules' counts, a person's runs and deliveries and the recorded spend, matching the API", async () => {
    const { page, problems } = await openDashboard(browser, `${origin}/dashboard#key=${site.readKey}`, 60_000, 1400);
    await page.locator("#site-name strong").waitFor();
    expect(await page.locator("#site-name").textContent()).toBe("Site: Trail shop · money in EUR");
    expect(await page.locator("#rules-result").textContent()).toBe("Rules are read with the site's secret key: enter it above.");
    expect(await page.locator("#attribution-result .spend-list").textContent()).toBe(
      "Recorded spend is listed with the site's secret key: enter it in Automation rules or Record spend.",
    );

    // The keyboard way in: type the key and press Enter.
    await page.locator("#rules-secret").fill(site.secretKey);
    await page.locator("#rules-secret").press("Enter");
    await captionedTable(page, "rules", "Automation rules").waitFor();
    const count = (value: number) => value.toLocaleString("en-US");
    expect(await tableRows(captionedTable(page, "rules", "Automation rules"))).toEqual(
      activity.map((rule) => [
        rule.name,
        rule.enabled ? "yes" : "no",
        count(rule.version),
        count(rule.runs.waiting),
        count(rule.runs.done),
        count(rule.runs.cancelled),
        count(rule.deliveries.delivered),
        count(rule.deliveries.pending),
        count(rule.deliveries.failed),
      ]),
    );
    expect(await tableRows(captionedTable(page, "rules", "Branches of cart reminder"))).toEqual([
      ["Branch 1 (0)", "1", "0", "0", "0"],
      ["Branch 2 (1)", "2", "2", "0", "0"],
    ]);
    expect(await page.locator("#rules-result p.empty").textContent()).toBe("call list: no branch taken yet.");
    await saveScreenshot(page.locator("#rules"), "dashboard-1400-rules");

    // The key, now held by the page, lists the spend under attribution.
    await captionedTable(page, "attribution", "Recorded spend").waitFor();
    expect(await tableRows(captionedTable(page, "attribution", "Recorded spend"))).toEqual([
      ["channel", "email", expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), "€120.00"],
    ]);

    const journey = await searchJourney(page, "ann");
    const touchpoints = await tableRows(
      journey.locator("table").filter({ has: page.locator("caption", { hasText: "Touchpoints in time order" }) }),
    );
    expect(touchpoints.map((row) => [row[2], row[4], row[6]])).toEqual([
      ["catalog_view", expect.any(String), "–"],
      ["cart_abandoned", expect.any(String), "–"],
      ["cart_reminder_sent", "automation", "automation (cart reminder)"],
    ]);
    expect(await journey.locator("polygon.dot.automation title").textContent()).toMatch(
      /^cart_reminder_sent \(automation: cart reminder\) · /,
    );
    const reminderRuns = (await api(site.secretKey, "GET", `/v1/rules/${activity[0]!.id}/runs?customerId=ann`)).runs;
    const callRuns = (await api(site.secretKey, "GET", `/v1/rules/${activity[1]!.id}/runs?customerId=ann`)).runs;
    const triggered = reminderRuns[0].trigger.timestamp.slice(0, 16).replace("T", " ");
    await journey.locator(".journey-automation table").waitFor();
    expect(await tableRows(journey.locator(".journey-automation table"))).toEqual([
      ["cart reminder", triggered, "done", "Branch 2 (1)", "delivered", String(reminderRuns[0].deliveries[0].attempts), "–"],
      ["call list", triggered, callRuns[0].state, "–", "no webhook", "–", "–"],
    ]);
    await saveScreenshot(page.locator("#journey"), "dashboard-1400-journey-automation");

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("fits a 390 px phone with the rules and a journey's runs shown, and has no serious axe violation in dark mode", async () => {
    const { page, problems } = await openDashboard(browser, `${origin}/dashboard#key=${site.readKey}`, 60_000, 390);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.locator("#rules-secret").fill(site.secretKey);
    await page.locator("#rules-secret").press("Enter");
    await captionedTable(page, "rules", "Automation rules").waitFor();
    const journey = await searchJourney(page, "ann");
    await journey.locator(".journey-automation table").waitFor();
    expect(await pageWidth(page)).toEqual({ scroll: 390, viewport: 390 });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page.locator("#rules"), "dashboard-390-rules");
    await saveScreenshot(page.locator("#journey"), "dashboard-390-journey-automation");
    expect(await panelErrors(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
