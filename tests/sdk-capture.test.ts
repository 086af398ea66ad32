import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptTag, startSdkLab, type SdkLab } from "./support/sdk-lab.js";
import { trackerReady } from "./support/sdk-stage.js";

/*
 * What the SDK records of a visit, in real Chromium against the real collector: campaigns and
 * sessions, back-forward cache restores, impressions of tall and late-marked elements, empty
 * hash links, and the order of events made in one millisecond.
 */

type Global = { touchpoint: { track(name: string, properties?: object): void; flush(): Promise<void>; user(): { anonymousId: string } } };

interface Journey {
  touchpoints: { name: string }[];
}

const page = (addresses: Parameters<typeof scriptTag>[0], body: string) =>
  `<!doctype html><html><head><title>Capture shop</title>${scriptTag(addresses)}
  <style>body{margin:0} .tall{height:3000px;background:#eee}</style></head><body>${body}</body></html>`;

describe("what the SDK records", () => {
  let lab: SdkLab;

  beforeAll(async () => {
    lab = await startSdkLab({
      name: "Capture shop",
      backForwardCache: true,
      pages: {
        "/": (addresses) => page(addresses, `<a id="other" href="/other">Other page</a><a id="top" href="#">Back to top</a>`),
        "/other": (addresses) => page(addresses, "Other page"),
        "/impressions": (addresses) =>
          page(
            addresses,
            `<div style="height:2000px"></div>
             <section id="guide" class="tall" data-tp-view="guide_read">A guide three viewports tall</section>
             <div style="height:2000px"></div>
             <section id="late" style="height:200px">A review marked later</section>`,
          ),
      },
    });
  });
  afterAll(() => lab?.close());

  it("a landing with a new campaign ten seconds into a session starts a new session with that campaign", async () => {
    const { page: tab, context } = await lab.visitor();
    const fresh = lab.after();
    await tab.goto(`${lab.shop.origin}/?utm_source=google&utm_medium=cpc&utm_campaign=boots&gclid=G-1`);
    await trackerReady(tab);
    await tab.clock.runFor(10_000);
    await tab.goto(`${lab.shop.origin}/?utm_source=newsletter&utm_medium=email&utm_campaign=spring`);
    await trackerReady(tab);
    await tab.evaluate(() => (window as unknown as Global).touchpoint.track("newsletter_read"));
    const stored = fresh(await lab.runUntil(tab, (events) => fresh(events).length === 3));
    const views = stored.filter((e) => e.name === "page_view");
    const ad = views.find((e) => e.context.utm?.source === "google");
    const email = views.find((e) => e.context.utm?.source === "newsletter");
    expect(ad!.context.utm).toEqual({ source: "google", medium: "cpc", campaign: "boots" });
    expect(email!.context.utm).toEqual({ source: "newsletter", medium: "email", campaign: "spring" });
    expect(email!.context.clickId).toBeUndefined();
    expect(email!.sessionId).not.toBe(ad!.sessionId);
    expect(stored.filter((e) => e.name === "newsletter_read").map((e) => [e.sessionId, e.context.utm?.source])).toEqual([
      [email!.sessionId, "newsletter"],
    ]);
    await context.close();
  });

  it("a page restored from the back-forward cache records a page view; a link to # records none", async () => {
    const { page: tab, context } = await lab.visitor();
    const fresh = lab.after();
    await tab.goto(`${lab.shop.origin}/`);
    await trackerReady(tab);
    await tab.click("#top");
    await tab.clock.runFor(1500);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fresh(lab.events()).map((e) => e.name)).toEqual(["page_view"]);
    await tab.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await tab.click("#other");
    await tab.waitForURL("**/other");
    await trackerReady(tab);
    await tab.goBack({ waitUntil: "commit" });
    // Restored, not reloaded: the page's own state is still there.
    await tab.waitForFunction(() => (window as unknown as { marker?: number }).marker === 1);
    const stored = fresh(await lab.runUntil(tab, (events) => fresh(events).length >= 3));
    await tab.clock.runFor(3000);
    const final = fresh(lab.events());
    expect(final.map((e) => [e.name, e.context.path]).toSorted()).toEqual([
      ["page_view", "/"],
      ["page_view", "/"],
      ["page_view", "/other"],
    ]);
    expect(final).toHaveLength(stored.length);
    await context.close();
  });

  it("an element three viewports tall is seen once half the viewport shows it; data-tp-view set later is watched", async () => {
    const { page: tab, context } = await lab.visitor();
    const fresh = lab.after();
    await tab.goto(`${lab.shop.origin}/impressions`);
    await trackerReady(tab);
    await tab.evaluate(() => document.getElementById("guide")!.scrollIntoView());
    // The observer reports on a rendering step, in real time, not on the page's faked clock: step
    // the clock until the guide's second in view has passed and its event is stored.
    await lab.runUntil(tab, (events) => fresh(events).some((e) => e.name === "guide_read"));
    await tab.evaluate(() => document.getElementById("late")!.setAttribute("data-tp-view", "review_read"));
    await tab.evaluate(() => document.getElementById("late")!.scrollIntoView());
    await tab.clock.runFor(1500);
    const stored = fresh(await lab.runUntil(tab, (events) => fresh(events).length === 3));
    expect(stored.map((e) => e.name).toSorted()).toEqual(["guide_read", "page_view", "review_read"]);
    await context.close();
  });

  it("keeps the call order of events made in the same millisecond", async () => {
    const { page: tab, context } = await lab.visitor();
    const fresh = lab.after();
    await tab.goto(`${lab.shop.origin}/other`);
    await trackerReady(tab);
    await tab.clock.setFixedTime(Date.now() + 60_000);
    const anonymousId = await tab.evaluate(async () => {
      const { touchpoint } = window as unknown as Global;
      for (let step = 1; step <= 40; step++) touchpoint.track(`step_${step}`);
      await touchpoint.flush();
      return touchpoint.user().anonymousId;
    });
    await lab.runUntil(tab, (events) => fresh(events).length === 41);
    const journey = await lab.query<Journey>(`/v1/journeys?anonymousId=${anonymousId}`);
    expect(journey.touchpoints.map((t) => t.name).filter((name) => name.startsWith("step_"))).toEqual(
      Array.from({ length: 40 }, (_, i) => `step_${i + 1}`),
    );
    await context.close();
  });
});
