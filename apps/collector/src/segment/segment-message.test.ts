import { createBatchValidator } from "@touchpoint/protocol";
import { describe, expect, it } from "vitest";
import { segmentToEvent } from "./segment-message.js";

const receivedAt = Date.parse("2026-03-01T12:00:10.000Z");
const server = { receivedAt, correctSkew: false };
const browser = { receivedAt, correctSkew: true };
const validator = createBatchValidator();

/** What analytics.js sends for analytics.track("Order Completed", { revenue: 42.5, ... }). */
const orderCompleted = {
  type: "track",
  event: "Order Completed",
  messageId: "ajs-next-1a2b3c",
  anonymousId: "anon-1",
  userId: "cust-7",
  properties: { order_id: "o-1", revenue: 42.5, currency: "EUR", products: [{ product_id: "p-1", price: 42.5 }] },
  context: {
    page: {
      url: "https://shop.example/checkout?gclid=G-1&utm_source=google",
      path: "/checkout",
      referrer: "",
      title: "Checkout",
      search: "?gclid=G-1&utm_source=google",
    },
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
    locale: "en-US",
    screen: { width: 1280, height: 720 },
    campaign: { source: "google", medium: "cpc", name: "spring", term: "shoes", content: "ad-1" },
    library: { name: "analytics.js", version: "npm:next-1.84.3" },
  },
  timestamp: "2026-03-01T12:00:00.000Z",
  sentAt: "2026-03-01T12:00:05.000Z",
  integrations: {},
};

describe("segmentToEvent", () => {
  it("maps a track call: messageId, ids, campaign, page context, spec name and order value", () => {
    expect(segmentToEvent(orderCompleted, server)).toEqual({
      ok: true,
      event: {
        id: "ajs-next-1a2b3c",
        type: "touchpoint",
        name: "purchase",
        anonymousId: "anon-1",
        customerId: "cust-7",
        timestamp: "2026-03-01T12:00:00.000Z",
        properties: { order_id: "o-1", revenue: 42.5, currency: "EUR", products: [{ product_id: "p-1", price: 42.5 }], value: 42.5 },
        context: {
          url: "https://shop.example/checkout?gclid=G-1&utm_source=google",
          path: "/checkout",
          title: "Checkout",
          locale: "en-US",
          userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
          screen: { width: 1280, height: 720 },
          utm: { source: "google", medium: "cpc", campaign: "spring", term: "shoes", content: "ad-1" },
          clickId: { gclid: "G-1" },
          originalName: "Order Completed",
        },
      },
    });
  });

  it("passes Touchpoint's validator unchanged, keeping the original name", () => {
    const mapped = segmentToEvent(orderCompleted, server);
    if (!mapped.ok) throw new Error("not mapped");
    const valid = validator.validateEvent(mapped.event, 0, "browser");
    expect(valid).toMatchObject({
      ok: true,
      event: { type: "touchpoint", name: "purchase", context: { originalName: "Order Completed" } },
    });
  });

  it.each([
    ["Product List Viewed", "catalog_view"],
    ["Product Viewed", "product_view"],
    ["Product Added", "add_to_cart"],
    ["Checkout Started", "begin_checkout"],
    ["Promotion Clicked", "banner_click"],
    ["product_viewed", "product_view"],
    ["Coupon Applied", "Coupon Applied"],
  ])("names the spec event %j %j", (event, name) => {
    const mapped = segmentToEvent({ ...orderCompleted, event, properties: {} }, server);
    expect(mapped.ok && mapped.event.name).toBe(name);
  });

  it("keeps a completed order's own value and does not invent one", () => {
    const own = segmentToEvent({ ...orderCompleted, properties: { value: 10, revenue: 42.5 } }, server);
    expect(own.ok && own.event.properties).toEqual({ value: 10, revenue: 42.5 });
    const total = segmentToEvent({ ...orderCompleted, properties: { total: 30 } }, server);
    expect(total.ok && total.event.properties).toEqual({ total: 30, value: 30 });
    const none = segmentToEvent({ ...orderCompleted, properties: {} }, server);
    expect(none.ok && none.event.properties).toEqual({});
  });

  it("corrects a browser's clock by receivedAt - sentAt, and prefers originalTimestamp", () => {
    // Sent 5 s after it happened, received 10 s after on our clock: the browser is 5 s slow.
    const corrected = segmentToEvent(orderCompleted, browser);
    expect(corrected.ok && corrected.event.timestamp).toBe("2026-03-01T12:00:05.000Z");
    const batchSentAt = segmentToEvent({ ...orderCompleted, sentAt: undefined }, { ...browser, batchSentAt: "2026-03-01T12:00:09.000Z" });
    expect(batchSentAt.ok && batchSentAt.event.timestamp).toBe("2026-03-01T12:00:01.000Z");
    const original = segmentToEvent({ ...orderCompleted, originalTimestamp: "2026-03-01T11:59:00.000Z" }, server);
    expect(original.ok && original.event.timestamp).toBe("2026-03-01T11:59:00.000Z");
    const none = segmentToEvent({ ...orderCompleted, timestamp: undefined }, server);
    expect(none.ok && none.event.timestamp).toBe("2026-03-01T12:00:10.000Z");
  });

  it("maps a page call to page_view with its name and category as properties", () => {
    const page = {
      type: "page",
      name: "Pricing",
      category: "Docs",
      messageId: "m-page",
      anonymousId: "anon-1",
      properties: {
        path: "/pricing",
        url: "https://shop.example/pricing",
        title: "Pricing",
        referrer: "https://www.google.com/",
        search: "",
      },
      timestamp: "2026-03-01T12:00:00.000Z",
    };
    expect(segmentToEvent(page, server)).toEqual({
      ok: true,
      event: {
        id: "m-page",
        type: "page",
        name: "page_view",
        anonymousId: "anon-1",
        timestamp: "2026-03-01T12:00:00.000Z",
        properties: { name: "Pricing", category: "Docs", ...page.properties },
        context: { url: "https://shop.example/pricing", path: "/pricing", title: "Pricing", referrer: "https://www.google.com/" },
      },
    });
  });

  it("maps a screen call to screen_view, the path's type when the message has none", () => {
    const screen = segmentToEvent({ name: "Home", messageId: "m-s", anonymousId: "a" }, { ...server, pathType: "screen" });
    expect(screen).toEqual({
      ok: true,
      event: {
        id: "m-s",
        type: "page",
        name: "screen_view",
        anonymousId: "a",
        timestamp: "2026-03-01T12:00:10.000Z",
        properties: { name: "Home" },
        context: {},
      },
    });
  });

  it("maps identify, group and alias to identify events linking the ids", () => {
    const identify = segmentToEvent(
      { type: "identify", messageId: "m-i", userId: 42, anonymousId: "anon-1", traits: { email: "a@example.com", plan: "pro" } },
      server,
    );
    expect(identify).toEqual({
      ok: true,
      event: {
        id: "m-i",
        type: "identify",
        customerId: "42",
        anonymousId: "anon-1",
        timestamp: "2026-03-01T12:00:10.000Z",
        traits: { email: "a@example.com", plan: "pro" },
        context: {},
      },
    });
    const group = segmentToEvent(
      {
        type: "group",
        messageId: "m-g",
        userId: "cust-7",
        groupId: "acme",
        traits: { name: "Acme", employees: 120, address: { city: "Oslo" } },
      },
      server,
    );
    expect(group).toEqual({
      ok: true,
      event: {
        id: "m-g",
        type: "identify",
        customerId: "cust-7",
        timestamp: "2026-03-01T12:00:10.000Z",
        traits: { group: { name: "Acme", employees: 120, id: "acme" } },
        context: {},
      },
    });
    const alias = segmentToEvent({ type: "alias", messageId: "m-a", userId: "cust-7", previousId: "anon-9" }, server);
    expect(alias).toEqual({
      ok: true,
      event: {
        id: "m-a",
        type: "identify",
        customerId: "cust-7",
        anonymousId: "anon-9",
        timestamp: "2026-03-01T12:00:10.000Z",
        context: {},
      },
    });
  });

  it.each([
    [[1], "", "must be a JSON object"],
    [{ type: "track", event: "x", anonymousId: "a" }, "messageId", "is required: it is the event's id, which makes a retry a duplicate"],
    [{ type: "launch", messageId: "m" }, "type", "must be one of track, page, screen, identify, group, alias"],
    [{ type: "track", messageId: "m", anonymousId: "a" }, "event", "is required: the name of what the user did"],
    [
      { type: "identify", messageId: "m", anonymousId: "a", traits: { plan: "pro" } },
      "userId",
      "is required: Touchpoint identifies a customer by userId (traits alone are not kept)",
    ],
    [{ type: "group", messageId: "m", userId: "u" }, "groupId", "is required"],
    [{ type: "alias", messageId: "m", userId: "u" }, "previousId", "is required"],
    [{ type: "track", event: "x", messageId: "m", anonymousId: "a", timestamp: "yesterday" }, "timestamp", "must be an ISO-8601 date-time"],
  ])("refuses %j at %j", (message, path, text) => {
    const mapped = segmentToEvent(message, server);
    expect(mapped).toEqual({ ok: false, id: (message as { messageId?: string }).messageId ?? null, errors: [{ path, message: text }] });
  });
});
