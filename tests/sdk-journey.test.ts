import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visitorPage } from "./support/sdk-browser.js";
import { startSdkStage, trackerReady, type StageAddresses } from "./support/sdk-stage.js";
import { readSdkEvents, waitForSdkEvents } from "./support/sdk-stored-events.js";

/*
 * A visitor's journey in real headless Chromium. The shop is on one origin (127.0.0.1:P), the
 * script comes from the collector on another (localhost:C), and events go through a recording
 * proxy to the collector, so the test can see which ones travelled by beacon.
 */

const SHOP = ({ scriptUrl, endpoint, writeKey }: StageAddresses) => `<!doctype html>
<html><head><title>Trail shop</title>
<script async src="${scriptUrl}" data-write-key="${writeKey}" data-endpoint="${endpoint}"></script>
<style>body{margin:0} .tall{height:1800px} section{height:500px}</style></head>
<body>
  <a id="banner" href="#" data-tp-event="banner_click" data-tp-prop-campaign="spring">Spring sale: 20% off boots</a>
  <div class="tall"></div>
  <section id="catalog" data-tp-view="catalog_view" data-tp-prop-list="boots">Boots, socks, tents</section>
  <div class="tall"></div>
  <section id="review" data-tp-view="review_read" data-tp-prop-product="boots-7">"Dry feet after ten hours of rain."</section>
  <button id="chatbot">Ask our assistant</button>
  <a id="product" href="/product/boots-7">Trail boots</a>
  <script>
    document.getElementById("banner").addEventListener("click", (e) => e.preventDefault());
    document.getElementById("chatbot").addEventListener("click", () => touchpoint.chatbotQuestion({ topic: "sizes" }));
    document.getElementById("product").addEventListener("click", (e) => {
      e.preventDefault();
      history.pushState({}, "", "/product/boots-7");
      document.title = "Trail boots";
    });
  </script>
</body></html>`;

describe("the SDK in Chromium, against the real collector", () => {
  let stage: Awaited<ReturnType<typeof startSdkStage>>;

  beforeAll(async () => {
    stage = await startSdkStage({ name: "Trail shop", pages: { "/": SHOP }, recordTraffic: true });
  });
  afterAll(() => stage?.close());

  it("stores every touchpoint of the visit exactly once, the last ones sent by beacon as the tab closes", async () => {
    const page = await visitorPage(stage.browser);
    // The page's clock moves only when the test moves it, so what leaves in a batch and what is
    // still queued when the tab closes does not depend on how busy the machine is.
    await page.clock.install();
    /** Moves the page's clock on until the collector has stored `count` events. */
    const runUntilStored = async (count: number) => {
      for (let step = 0; readSdkEvents(stage.db, stage.site.id).length < count; step++) {
        if (step === 100) throw new Error(`fewer than ${count} events stored`);
        await page.clock.runFor(500);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await page.goto(`${stage.shop.origin}/?utm_source=newsletter&utm_medium=email&utm_campaign=spring`);
    await trackerReady(page);

    await page.click("#banner");
    await runUntilStored(2);
    await page.locator("#catalog").scrollIntoViewIfNeeded();
    await runUntilStored(3);
    await page.locator("#review").scrollIntoViewIfNeeded();
    await runUntilStored(4);
    // What follows is still queued when the tab closes.
    await page.click("#chatbot");
    await page.click("#product");
    // The SDK counts the new page a tick later (it waits for the router's title).
    await page.clock.runFor(1);
    await page.evaluate(() =>
      (window as unknown as { touchpoint: { identify(id: string, traits: object): void } }).touchpoint.identify("cust-e2e-1", {
        persona: "hiker",
      }),
    );
    await page.close();

    const stored = await waitForSdkEvents(stage.db, stage.site.id, (events) => events.length >= 7);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const final = await waitForSdkEvents(stage.db, stage.site.id, () => true);
    expect(final).toEqual(stored);
    expect(stored.map((e) => [e.type, e.name, e.customerId])).toEqual([
      ["page", "page_view", null],
      ["touchpoint", "banner_click", null],
      ["touchpoint", "catalog_view", null],
      ["touchpoint", "review_read", null],
      ["touchpoint", "chatbot_question", null],
      ["page", "page_view", null],
      ["identify", expect.any(String), "cust-e2e-1"],
    ]);
    expect(stored.map((e) => e.properties)).toEqual([
      {},
      { campaign: "spring" },
      { list: "boots" },
      { product: "boots-7" },
      { topic: "sizes" },
      {},
      {},
    ]);
    expect(stored.map((e) => e.context.path)).toEqual(["/", "/", "/", "/", "/", "/product/boots-7", "/product/boots-7"]);
    // One visitor, one session, and the campaign of the landing URL on every event.
    expect(new Set(stored.map((e) => e.anonymousId)).size).toBe(1);
    expect(new Set(stored.map((e) => e.sessionId)).size).toBe(1);
    expect(
      stored.every((e) => JSON.stringify(e.context.utm) === JSON.stringify({ source: "newsletter", medium: "email", campaign: "spring" })),
    ).toBe(true);

    // On the wire: text/plain only (CORS-simple: not one preflight), and the last three by beacon.
    const posts = stage.proxy!.seen.filter((r) => r.path === "/v1/batch");
    expect(stage.proxy!.seen.filter((r) => r.method === "OPTIONS")).toEqual([]);
    expect(posts.every((r) => r.contentType === "text/plain;charset=UTF-8" && r.status === 200)).toBe(true);
    const beaconed = posts.filter((r) => r.fetchMode === "no-cors").flatMap((r) => r.eventIds);
    expect(beaconed).toEqual(stored.slice(4).map((e) => e.id));
    expect(posts.filter((r) => r.fetchMode === "cors").flatMap((r) => r.eventIds)).toEqual(stored.slice(0, 4).map((e) => e.id));
  });

  it("two tabs of one browser share localStorage but never send each other's events", async () => {
    const first = await visitorPage(stage.browser);
    const second = await first.context().newPage();
    const before = stage.proxy!.seen.length;
    const countBefore = (await waitForSdkEvents(stage.db, stage.site.id, () => true)).length;
    for (const page of [first, second]) {
      await page.goto(`${stage.shop.origin}/`);
      await trackerReady(page);
    }
    for (let round = 0; round < 3; round++) {
      for (const page of [first, second]) await page.click("#banner");
    }
    const stored = await waitForSdkEvents(stage.db, stage.site.id, (events) => events.length === countBefore + 8);
    const sentIds = stage.proxy!.seen.slice(before).flatMap((r) => r.eventIds);
    expect(sentIds.toSorted()).toEqual(
      stored
        .slice(countBefore)
        .map((e) => e.id)
        .toSorted(),
    );
    expect(new Set(stored.slice(countBefore).map((e) => e.anonymousId)).size).toBe(1);
    await first.context().close();
  });
});
