import { snippet } from "@touchpoint/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptTag, startSdkLab, type SdkLab } from "./support/sdk-lab.js";
import { trackerReady } from "./support/sdk-stage.js";

/*
 * What users of Segment, PostHog and Umami expect from a script-tag site, in real Chromium
 * against the real collector: who the visitor is, super properties, query scrubbing, a consent
 * decision under Global Privacy Control, and cookieless visitors per tab.
 */

type Touchpoint = {
  identify(id: string): void;
  track(name: string, properties?: object): void;
  user(): unknown;
  consent(state: string): void;
};
const html = (head: string) => `<!doctype html><html><head><title>Feature shop</title>${head}</head><body>Feature shop</body></html>`;

describe("what a script-tag site can ask of the SDK", () => {
  let lab: SdkLab;

  beforeAll(async () => {
    lab = await startSdkLab({
      name: "Feature shop",
      pages: {
        "/snippet": ({ writeKey, endpoint }) =>
          html(`${snippet(writeKey, endpoint)}
          <script>
            touchpoint.register({ plan: "pro" });
            touchpoint.ready((tracker) => { window.seen = tracker.user(); window.anonymousId = tracker.getAnonymousId(); });
          </script>`),
        "/strip": (addresses) => html(scriptTag(addresses, 'data-strip-query="token,email"')),
        "/": (addresses) => html(scriptTag(addresses)),
        "/cookieless": (addresses) => html(scriptTag(addresses, "data-cookieless")),
      },
    });
  });
  afterAll(() => lab?.close());

  it("ready, user and getAnonymousId tell who the visitor is; register adds super properties", async () => {
    const { page, context } = await lab.visitor();
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/snippet`);
    await trackerReady(page);
    await page.evaluate(() => {
      const touchpoint = (window as unknown as { touchpoint: Touchpoint }).touchpoint;
      touchpoint.identify("cust-feature-1");
      touchpoint.track("banner_click", { slot: "hero" });
    });
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 3));
    const seen = await page.evaluate(() => (window as unknown as { seen: unknown; anonymousId: string }).seen);
    const anonymousId = await page.evaluate(() => (window as unknown as { anonymousId: string }).anonymousId);
    expect(seen).toEqual({ anonymousId, customerId: null });
    expect(await page.evaluate(() => (window as unknown as { touchpoint: Touchpoint }).touchpoint.user())).toEqual({
      anonymousId,
      customerId: "cust-feature-1",
    });
    expect(stored.map((e) => [e.name, e.anonymousId, e.properties]).toSorted()).toEqual([
      ["banner_click", anonymousId, { plan: "pro", slot: "hero" }],
      ["identify", anonymousId, {}],
      ["page_view", anonymousId, { plan: "pro" }],
    ]);
    await context.close();
  });

  it("data-strip-query keeps tokens in a link's query out of the stored URL", async () => {
    const { page, context } = await lab.visitor();
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/strip?token=s3cr3t&email=ada%40example.com&utm_source=mail&page=2`);
    await trackerReady(page);
    const [view] = fresh(await lab.runUntil(page, (events) => fresh(events).length === 1));
    expect(view!.context.url).toBe(`${lab.shop.origin}/strip?utm_source=mail&page=2`);
    expect(view!.context.utm).toEqual({ source: "mail" });
    await context.close();
  });

  it("under Global Privacy Control, consent('granted') is remembered on the next pages", async () => {
    const { page, context } = await lab.visitor();
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/`);
    await trackerReady(page);
    await page.clock.runFor(3000);
    expect(fresh(lab.events())).toEqual([]);
    await page.evaluate(() => (window as unknown as { touchpoint: Touchpoint }).touchpoint.consent("granted"));
    await page.goto(`${lab.shop.origin}/?next`);
    await trackerReady(page);
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 1));
    expect(stored.map((e) => e.context.url)).toEqual([`${lab.shop.origin}/?next`]);
    await context.close();
  });

  it("cookieless: one visitor for the pages of a tab, another in a new tab, nothing in localStorage or cookies", async () => {
    const { page, context } = await lab.visitor();
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/cookieless`);
    await trackerReady(page);
    await page.reload();
    await trackerReady(page);
    const other = await context.newPage();
    await other.goto(`${lab.shop.origin}/cookieless`);
    await trackerReady(other);
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 3));
    const firstTab = await page.evaluate(() => sessionStorage.getItem("tp_a"));
    expect(stored.filter((e) => e.anonymousId === firstTab)).toHaveLength(2);
    expect(new Set(stored.map((e) => e.anonymousId)).size).toBe(2);
    expect(await page.evaluate(() => [localStorage.length, document.cookie])).toEqual([0, ""]);
    await context.close();
  });
});
