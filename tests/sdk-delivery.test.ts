import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queuedInPage, scriptTag, startSdkLab, type SdkLab } from "./support/sdk-lab.js";
import { trackerReady } from "./support/sdk-stage.js";

/*
 * Events that must not be lost, in real Chromium against the real collector: a queue left by the
 * previous page or by a closed tab, a burst of a thousand calls, and a link followed while the
 * collector is unreachable. A proxy in front of the collector plays the outage.
 */

type Global = { touchpoint: { track(name: string, properties?: object): void } };
const track = (page: Page, names: string[]) =>
  page.evaluate((list) => {
    for (const name of list) (window as unknown as Global).touchpoint.track(name);
  }, names);
/*
 * Stored names, sorted: the order of stored times across batches depends on the clock-skew
 * correction of each batch, and the page's clock jumps when the test moves it.
 */
const names = (lab: SdkLab) =>
  lab
    .events()
    .map((e) => e.name)
    .toSorted();
const numbers = (events: { properties: Record<string, unknown> }[]) => events.map((e) => Number(e.properties.i)).toSorted((a, b) => a - b);

describe("the SDK never loses an event", () => {
  let lab: SdkLab;

  beforeAll(async () => {
    lab = await startSdkLab({
      name: "Delivery shop",
      pages: {
        "/": (addresses) => `<!doctype html><html><head><title>Shop</title>${scriptTag(addresses)}</head>
          <body><a id="next" href="/next">Next page</a></body></html>`,
        "/next": (addresses) => `<!doctype html><html><head><title>Next</title>${scriptTag(addresses)}</head><body>Next</body></html>`,
        "/debug": (addresses) =>
          `<!doctype html><html><head><title>Debug</title>${scriptTag(addresses, "data-debug")}</head><body>Debug</body></html>`,
        "/idle": (addresses) =>
          `<!doctype html><html><head><title>Idle</title>${scriptTag(addresses, "data-consent=pending")}</head><body>Idle</body></html>`,
      },
    });
  });
  afterAll(() => lab?.close());

  it("a reload adopts the previous page's queue and sends it at once; a closed tab's queue leaves on an idle tab's timer", async () => {
    const { page, context } = await lab.visitor();
    await page.goto(`${lab.shop.origin}/`);
    await trackerReady(page);
    await lab.runUntil(page, (events) => events.length === 1);

    lab.proxy.setMode(503);
    await track(page, ["failed_one", "failed_two", "failed_three"]);
    // The batch leaves after a second and is answered 503: the three wait in the page's storage.
    await page.clock.runFor(1500);
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith("tp_q_")));
    await page.reload();
    await trackerReady(page);
    lab.proxy.setMode("pass");
    // No new call and the clock moved by seconds, not the minute after which a queue counts as orphaned.
    await lab.runUntil(page, (events) => events.length === 5, 500, 8);
    expect(names(lab)).toEqual(["failed_one", "failed_three", "failed_two", "page_view", "page_view"]);
    // The queue is written to storage a second after it changed.
    await page.clock.runFor(1000);
    expect(await queuedInPage(page)).toEqual([]);

    // A tab closes while the collector is down; another tab of the site stays open and idle.
    await page.close();
    const idle = await context.newPage();
    await idle.goto(`${lab.shop.origin}/idle`);
    await trackerReady(idle);
    const closing = await context.newPage();
    await closing.goto(`${lab.shop.origin}/`);
    await trackerReady(closing);
    await lab.runUntil(closing, (events) => events.length === 6);
    lab.proxy.setMode(503);
    await track(closing, ["from_closed_tab"]);
    await closing.clock.runFor(1500);
    await closing.close();
    lab.proxy.setMode("pass");
    expect(await queuedInPage(idle)).toEqual(["from_closed_tab"]);
    // The idle tab (its consent pending: it sends nothing of its own) takes the queue on its timer.
    await lab.runUntil(idle, (events) => events.length === 7, 5000, 20);
    expect(names(lab)).toContain("from_closed_tab");
    await idle.clock.runFor(1000);
    expect(await queuedInPage(idle)).toEqual([]);
    await context.close();
  });

  it("stores every event of a burst of 1,000 calls, and reports an overflow once", async () => {
    const { page, context } = await lab.visitor();
    const warnings: ConsoleMessage[] = [];
    page.on("console", (message) => void warnings.push(message));
    const before = lab.events().length;
    await page.goto(`${lab.shop.origin}/debug`);
    await trackerReady(page);
    await lab.runUntil(page, (events) => events.length === before + 1);
    await page.evaluate(() => {
      for (let i = 0; i < 1000; i++) (window as unknown as Global).touchpoint.track("burst", { i });
    });
    const stored = await lab.runUntil(page, (events) => events.length === before + 1001, 500, 120);
    expect(numbers(stored.filter((e) => e.name === "burst"))).toEqual(Array.from({ length: 1000 }, (_, i) => i));

    // 1,500 at once while the collector answers 503: the oldest 500 go, said in one report.
    lab.proxy.setMode(503);
    await page.evaluate(() => {
      for (let i = 0; i < 1500; i++) (window as unknown as Global).touchpoint.track("overflowing", { i });
    });
    await page.clock.runFor(100);
    lab.proxy.setMode("pass");
    const delivered = await lab.runUntil(page, (events) => events.length === before + 2001, 1000, 120);
    expect(numbers(delivered.filter((e) => e.name === "overflowing"))).toEqual(Array.from({ length: 1000 }, (_, i) => i + 500));
    const reports = await Promise.all(warnings.map((message) => message.args()[1]?.jsonValue()));
    expect(reports.filter((report) => (report as { type?: string } | undefined)?.type === "overflow")).toEqual([
      { type: "overflow", count: 500 },
    ]);
    await context.close();
  });

  it("a link followed while the collector is unreachable loses nothing: the next page sends what the beacon carried", async () => {
    const { page, context } = await lab.visitor();
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/`);
    await trackerReady(page);
    await lab.runUntil(page, (events) => fresh(events).length === 1);
    // The collector becomes unreachable before any send has failed: the click goes by beacon, into the void.
    lab.proxy.setMode("drop");
    await track(page, ["clicked_before_leaving"]);
    await page.click("#next");
    await page.waitForURL("**/next");
    await trackerReady(page);
    lab.proxy.setMode("pass");
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 3));
    expect(stored.map((e) => e.name).toSorted()).toEqual(["clicked_before_leaving", "page_view", "page_view"]);
    await context.close();
  });
});
