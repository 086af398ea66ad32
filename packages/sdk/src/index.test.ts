import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearDeviceStorage, setUrl, stubNetwork } from "./testing/browser.js";

/** A fresh copy of the package: init() and the default tracker are per page. */
const freshSdk = async () => {
  vi.resetModules();
  return import("./index.js");
};

let network: ReturnType<typeof stubNetwork>;
const sent = () => network.collector.deliveries.flatMap((d) => d.envelope.events);

beforeEach(() => {
  clearDeviceStorage();
  setUrl("https://shop.example/");
  network = stubNetwork();
});
afterEach(clearDeviceStorage);

describe("init", () => {
  it("returns the same tracker when called twice, with one page view", async () => {
    const sdk = await freshSdk();
    const first = sdk.init({ writeKey: "tp_pub_test", endpoint: "https://collector.example", autocapture: false });
    const second = sdk.init({ writeKey: "tp_pub_other", endpoint: "https://elsewhere.example" });
    expect(second).toBe(first);
    await first.flush();
    expect(sent().map((e) => e.type)).toEqual(["page"]);
    expect(network.fetches.map((f) => f.url)).toEqual(["https://collector.example/v1/batch"]);
  });

  it("gives the one-liners of the journey's touchpoints", async () => {
    const sdk = await freshSdk();
    const tracker = sdk.init({ writeKey: "tp_pub_test", endpoint: "https://collector.example", pageviews: false });
    tracker.bannerClick({ campaign: "winter" });
    tracker.catalogView({ list: "boots" });
    tracker.reviewRead({ product: "p-7" });
    tracker.chatbotQuestion({ topic: "sizes" });
    tracker.purchase({ orderId: "o-1", value: 89.9, currency: "EUR" });
    await tracker.flush();
    expect(sent().map((e) => [e.type, "name" in e ? e.name : undefined, e.properties])).toEqual([
      ["touchpoint", "banner_click", { campaign: "winter" }],
      ["touchpoint", "catalog_view", { list: "boots" }],
      ["touchpoint", "review_read", { product: "p-7" }],
      ["touchpoint", "chatbot_question", { topic: "sizes" }],
      ["touchpoint", "purchase", { orderId: "o-1", value: 89.9, currency: "EUR" }],
    ]);
  });
});

describe("the standalone functions", () => {
  it("call the first tracker created, and do nothing before there is one", async () => {
    const sdk = await freshSdk();
    sdk.track("banner_click");
    await sdk.flush();
    sdk.createTracker({ writeKey: "tp_pub_test", endpoint: "https://collector.example" });
    sdk.createTracker({ writeKey: "tp_pub_second", endpoint: "https://collector.example" });
    sdk.identify("cust-9", { persona: "planner" });
    sdk.track("newsletter_signup", { list: "weekly" });
    sdk.bannerClick({ slot: "hero" });
    sdk.purchase({ orderId: "o-2", value: 10, currency: "USD" });
    sdk.page();
    await sdk.flush();
    expect(network.collector.deliveries.map((d) => d.envelope.writeKey)).toEqual(["tp_pub_test"]);
    expect(sent().map((e) => [e.type, "name" in e ? e.name : undefined, e.customerId])).toEqual([
      ["identify", undefined, "cust-9"],
      ["touchpoint", "newsletter_signup", "cust-9"],
      ["touchpoint", "banner_click", "cust-9"],
      ["touchpoint", "purchase", "cust-9"],
      ["page", undefined, "cust-9"],
    ]);
    sdk.reset();
    sdk.consent("denied");
    sdk.catalogView();
    await sdk.flush();
    expect(sent()).toHaveLength(5);
    expect([localStorage.getItem("tp_c"), localStorage.getItem("tp_o")]).toEqual([null, "denied"]);
  });
});
