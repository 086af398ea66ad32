import { snippet } from "@touchpoint/sdk";
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptTag, startSdkLab, type SdkLab } from "./support/sdk-lab.js";
import { trackerReady } from "./support/sdk-stage.js";

/*
 * The SDK never breaks the page it runs on and never drops a call without a word: what a web
 * developer passes by mistake is refused with a console warning (once per kind, without
 * data-debug) and everything else is stored. Real Chromium, the real collector.
 */

type Touchpoint = Record<string, (...args: unknown[]) => unknown>;

/** Runs `calls` on the page's touchpoint global; answers the errors they threw into the page, if any. */
const callInPage = (page: Page, calls: string) =>
  page.evaluate((source) => {
    const touchpoint = (window as unknown as { touchpoint: Touchpoint }).touchpoint;
    try {
      new Function("touchpoint", source)(touchpoint);
      return null;
    } catch (error) {
      return String(error);
    }
  }, calls);

/** What the SDK wrote with console.warn: its second argument, the error object. */
const sdkWarnings = (messages: ConsoleMessage[]) =>
  Promise.all(messages.filter((m) => m.type() === "warning" && m.text().startsWith("touchpoint:")).map((m) => m.args()[1]!.jsonValue()));

describe("the SDK on a page that gets things wrong", () => {
  let lab: SdkLab;

  beforeAll(async () => {
    lab = await startSdkLab({
      name: "Host page shop",
      pages: {
        "/": (addresses) => `<!doctype html><html><head><title>Shop</title>${scriptTag(addresses)}</head><body>Shop</body></html>`,
        // Prototype.js 1.6 and a library that reformats dates, loaded before the SDK.
        "/hostile": (addresses) => `<!doctype html><html><head><title>Old shop</title>
          <script>
            Array.prototype.toJSON = function () { return "ARRAY:" + this.length; };
            String.prototype.toJSON = function () { return '"' + this + '"'; };
            Date.prototype.toISOString = function () { return this.toLocaleString(); };
          </script>
          ${scriptTag(addresses)}</head><body>Old shop</body></html>`,
        "/wrong-key": (addresses) =>
          `<!doctype html><html><head><title>Shop</title>${scriptTag({ ...addresses, writeKey: "tp_pub_wrong" })}</head><body>Shop</body></html>`,
        // Trusted Types enforced, the touchpoint policy allowed: the snippet must still load the SDK.
        "/trusted-types": (addresses) => `<!doctype html><html><head><title>Strict shop</title>
          <meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types touchpoint">
          ${snippet(addresses.writeKey, addresses.endpoint)}
          <script>touchpoint.track("before_load"); touchpoint.alias("old-id");</script>
          </head><body>Strict shop</body></html>`,
      },
    });
  });
  afterAll(() => lab?.close());

  it("identify(undefined | null | 0 | {}) is refused and reported; the device's later events are stored", async () => {
    const { page, context } = await lab.visitor();
    const messages: ConsoleMessage[] = [];
    page.on("console", (message) => void messages.push(message));
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/`);
    await trackerReady(page);
    expect(
      await callInPage(
        page,
        `touchpoint.identify(undefined); touchpoint.identify(null); touchpoint.identify(0); touchpoint.identify({}); touchpoint.track("after_bad_identify");`,
      ),
    ).toBeNull();
    // Once per kind of mistake, without data-debug.
    expect(await sdkWarnings(messages)).toEqual([
      { type: "invalid", call: "identify", errors: [{ path: "customerId", message: "must be a string or a number" }] },
    ]);
    await page.reload();
    await trackerReady(page);
    await callInPage(page, `touchpoint.track("after_reload"); touchpoint.identify("cust-ok-1"); touchpoint.track("as_customer");`);
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 6));
    expect(stored.map((e) => [e.name, e.customerId]).toSorted()).toEqual([
      ["after_bad_identify", null],
      ["after_reload", null],
      ["as_customer", "cust-ok-1"],
      ["identify", "cust-ok-1"],
      ["page_view", null],
      ["page_view", null],
    ]);
    await context.close();
  });

  it("circular and bigint properties do not throw into the page: the property is dropped, the event stored", async () => {
    const { page, context } = await lab.visitor();
    const pageErrors: Error[] = [];
    page.on("pageerror", (error) => void pageErrors.push(error));
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/`);
    await trackerReady(page);
    const thrown = await callInPage(
      page,
      `const circular = { ok: 1 }; circular.self = circular;
       touchpoint.track("circular_props", circular);
       touchpoint.track("bigint_props", { n: 10n, kept: "yes" });
       touchpoint.purchase({ orderId: "o-1", value: 10n, currency: "EUR" });`,
    );
    expect(thrown).toBeNull();
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 4));
    expect(Object.fromEntries(stored.map((e) => [e.name, e.properties]))).toEqual({
      page_view: {},
      circular_props: { ok: 1, self: { ok: 1 } },
      bigint_props: { kept: "yes" },
      purchase: { orderId: "o-1", currency: "EUR" },
    });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("a page with Prototype.js's Array.prototype.toJSON and its own Date.prototype.toISOString still has every event stored, each sent once", async () => {
    const { page, context } = await lab.visitor();
    const fresh = lab.after();
    const postsBefore = lab.proxy.seen.length;
    await page.goto(`${lab.shop.origin}/hostile`);
    await trackerReady(page);
    await callInPage(page, `touchpoint.track("order_reviewed", { tags: ["gift", "sale"], note: "fine" });`);
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 2));
    expect(stored.map((e) => [e.name, e.properties]).toSorted()).toEqual([
      ["order_reviewed", { tags: ["gift", "sale"], note: "fine" }],
      ["page_view", {}],
    ]);
    await page.clock.runFor(5000);
    const posts = lab.proxy.seen.slice(postsBefore).filter((r) => r.path === "/v1/batch");
    expect(posts.every((r) => r.status === 200)).toBe(true);
    expect(posts.flatMap((r) => r.eventIds).toSorted()).toEqual(stored.map((e) => e.id).toSorted());
    // The page's own globals are as it set them.
    expect(await page.evaluate(() => [JSON.stringify([1, 2]), new Date(0).toISOString() === new Date(0).toLocaleString()])).toEqual([
      '"ARRAY:2"',
      true,
    ]);
    await context.close();
  });

  it("Segment-style calls are stored; a missing name, a wrong consent value and a wrong write key are each warned about once", async () => {
    const { page, context } = await lab.visitor();
    const messages: ConsoleMessage[] = [];
    page.on("console", (message) => void messages.push(message));
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/`);
    await trackerReady(page);
    const thrown = await callInPage(
      page,
      `touchpoint.track("Order Completed", { orderId: "o-77", value: "20", currency: "EUR", coupon: { code: "SPRING", percent: 10 } });
       touchpoint.purchase({ orderId: "o-78", value: 54.5, currency: "EUR", products: [{ sku: "boots-7", price: 49.5, quantity: 1 }, { sku: "socks-2", price: 5, quantity: 1 }] });
       touchpoint.page("Home");
       touchpoint.track();
       touchpoint.track();
       touchpoint.consent("yes");`,
    );
    expect(thrown).toBeNull();
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 4));
    const byName = (name: string) => stored.filter((e) => e.name === name);
    expect(byName("order_completed").map((e) => [e.properties, e.context.originalName])).toEqual([
      [{ orderId: "o-77", value: "20", currency: "EUR", coupon: { code: "SPRING", percent: 10 } }, "Order Completed"],
    ]);
    expect(byName("purchase").map((e) => e.properties.products)).toEqual([
      [
        { sku: "boots-7", price: 49.5, quantity: 1 },
        { sku: "socks-2", price: 5, quantity: 1 },
      ],
    ]);
    expect(byName("page_view").map((e) => e.properties)).toEqual([{}, { name: "Home" }]);
    expect(await sdkWarnings(messages)).toEqual([
      {
        type: "invalid",
        call: "track",
        errors: [
          { path: "name", message: 'must be snake_case or words of letters and digits such as "Order Completed", starting with a letter' },
        ],
      },
      { type: "invalid", call: "consent", errors: [{ path: "state", message: 'must be "granted", "pending" or "denied"' }] },
    ]);

    const wrongKey = await context.newPage();
    const wrongKeyMessages: ConsoleMessage[] = [];
    wrongKey.on("console", (message) => void wrongKeyMessages.push(message));
    await wrongKey.goto(`${lab.shop.origin}/wrong-key`);
    await trackerReady(wrongKey);
    await callInPage(wrongKey, `touchpoint.track("banner_click"); touchpoint.flush();`);
    await wrongKey.clock.runFor(3000);
    await expect.poll(() => sdkWarnings(wrongKeyMessages)).toEqual([{ type: "dropped", status: 401, count: 2 }]);
    await context.close();
  });

  it("under Trusted Types the snippet loads the SDK; a method it does not have is reported, before and after loading, and never throws", async () => {
    const { page, context } = await lab.visitor();
    const messages: ConsoleMessage[] = [];
    const pageErrors: Error[] = [];
    page.on("console", (message) => void messages.push(message));
    page.on("pageerror", (error) => void pageErrors.push(error));
    const fresh = lab.after();
    await page.goto(`${lab.shop.origin}/trusted-types`);
    await trackerReady(page);
    expect(await callInPage(page, `touchpoint.group("acme"); touchpoint.track("after_load");`)).toBeNull();
    const stored = fresh(await lab.runUntil(page, (events) => fresh(events).length === 3));
    expect(stored.map((e) => e.name).toSorted()).toEqual(["after_load", "before_load", "page_view"]);
    expect(pageErrors).toEqual([]);
    const unknown = (method: string) => ({ type: "invalid", call: method, errors: [{ path: "", message: "is not a touchpoint method" }] });
    expect(await sdkWarnings(messages)).toEqual([unknown("alias"), unknown("group")]);
    await context.close();
  });
});
