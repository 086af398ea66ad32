import { snippet } from "@touchpoint/sdk";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visitorPage } from "./support/sdk-browser.js";
import { startSdkStage, trackerReady } from "./support/sdk-stage.js";
import { readSdkEvents, waitForSdkEvents } from "./support/sdk-stored-events.js";

/*
 * The async snippet (the text the README shows) on a page of its own origin, the collector on
 * another; then the collector goes away for a while.
 */

type Global = { touchpoint: { track(name: string, properties?: object): void; q?: unknown[] } };

/** Names and ids of the events waiting in the page's retry queues (localStorage tp_q_*). */
const queuedInPage = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith("tp_q_"))
      .flatMap((key) => (JSON.parse(localStorage.getItem(key)!) as { e: { id: string; name?: string }[] }).e.map((e) => e.name ?? "")),
  );

describe("the SDK in Chromium when the collector is down", () => {
  let stage: Awaited<ReturnType<typeof startSdkStage>>;

  beforeAll(async () => {
    stage = await startSdkStage({
      name: "Snippet shop",
      pages: {
        "/": ({ writeKey, collectorOrigin }) => `<!doctype html><html><head><title>Snippet shop</title>
          ${snippet(writeKey, collectorOrigin)}
          <script>touchpoint.track("early_call", { before: "script" });</script>
          </head><body><p>Welcome</p></body></html>`,
      },
    });
  });
  afterAll(() => stage?.close());

  it("replays the snippet's early call, keeps events in localStorage while the collector is down, and delivers them once when it is back", async () => {
    const page = await visitorPage(stage.browser);
    await page.goto(`${stage.shop.origin}/`);
    await trackerReady(page);
    const first = await waitForSdkEvents(stage.db, stage.site.id, (events) => events.length === 2);
    // The call made before the script loaded keeps its own, earlier time.
    expect(first.map((e) => e.name)).toEqual(["early_call", "page_view"]);
    expect(first[0]!.timestamp).toBeLessThanOrEqual(first[1]!.timestamp);

    await stage.stopCollector();
    await page.evaluate(() => {
      (window as unknown as Global).touchpoint.track("offline_one", { n: 1 });
      (window as unknown as Global).touchpoint.track("offline_two", { n: 2 });
    });
    // The batch leaves after a second and fails; the events wait in the page's storage.
    await page.waitForTimeout(2500);
    expect(await queuedInPage(page)).toEqual(["offline_one", "offline_two"]);

    await stage.restartCollector();
    const stored = await waitForSdkEvents(stage.db, stage.site.id, (events) => events.length >= 4, 90_000);
    await page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith("tp_q_")), null, { timeout: 10_000 });
    expect(readSdkEvents(stage.db, stage.site.id).map((e) => e.name)).toEqual(["early_call", "page_view", "offline_one", "offline_two"]);
    expect(stored.map((e) => e.properties)).toEqual([{ before: "script" }, {}, { n: 1 }, { n: 2 }]);
    await page.close();
  });
});
