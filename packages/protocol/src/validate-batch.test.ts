import { describe, expect, it, vi } from "vitest";
import { createBatchValidator, jsonBytesBound, utf8Bytes } from "./validate-batch.js";

const validator = createBatchValidator();
const base = { id: "0192f0a4-7b1c-7c3e-9a2b-000000000001", anonymousId: "anon-1", timestamp: "2026-11-23T10:00:00.000Z" };

describe("validateEvent", () => {
  it("accepts a touchpoint and defaults a page's name to page_view", () => {
    const tp = validator.validateEvent(
      { ...base, type: "touchpoint", name: "banner_click", properties: { campaign: "winter", position: 1 } },
      0,
      "browser",
    );
    expect(tp).toEqual({
      ok: true,
      event: { ...base, type: "touchpoint", name: "banner_click", properties: { campaign: "winter", position: 1 } },
    });
    const page = validator.validateEvent({ ...base, type: "page" }, 1, "browser");
    expect(page.ok && page.event.type === "page" && page.event.name).toBe("page_view");
  });

  it("names the field and the rule of each problem", () => {
    const result = validator.validateEvent(
      { ...base, type: "touchpoint", name: "2 banners clicked!", properties: { nested: { a: { b: 1 } } } },
      3,
      "browser",
    );
    expect(result).toEqual({
      ok: false,
      rejected: {
        index: 3,
        id: base.id,
        errors: [
          {
            path: "properties.nested.a",
            message: "values must be a string, number, boolean or null, an object of those, or an array of at most 100 of either",
          },
          { path: "name", message: 'must be snake_case or words of letters and digits such as "Order Completed", starting with a letter' },
        ],
      },
    });
  });

  it.each([
    ["Order Completed", "order_completed"],
    ["order-completed", "order_completed"],
    ["orderCompleted", "order_completed"],
    ["Checkout Step 2 Viewed", "checkout_step_2_viewed"],
  ])("stores the name %j as %j and keeps the original in context.originalName", (name, stored) => {
    const result = validator.validateEvent({ ...base, type: "touchpoint", name, context: { path: "/checkout" } }, 0, "browser");
    expect(result).toEqual({
      ok: true,
      event: { ...base, type: "touchpoint", name: stored, context: { path: "/checkout", originalName: name } },
    });
  });

  it("takes one level of nesting and arrays of at most 100 flat objects, such as an order's products", () => {
    const products = [
      { sku: "boots-7", price: 89.9, quantity: 1 },
      { sku: "socks-2", price: 9.5, quantity: 2 },
    ];
    const properties = {
      orderId: "o-1",
      value: "108.9",
      currency: "EUR",
      products,
      coupon: { code: "SPRING", percent: 10 },
      tags: ["gift", "sale"],
    };
    const ok = validator.validateEvent({ ...base, type: "touchpoint", name: "purchase", properties }, 0, "browser");
    expect(ok).toEqual({ ok: true, event: { ...base, type: "touchpoint", name: "purchase", properties } });
    const tooMany = validator.validateEvent(
      { ...base, type: "touchpoint", name: "purchase", properties: { products: Array.from({ length: 101 }, () => ({ sku: "x" })) } },
      0,
      "browser",
    );
    expect(!tooMany.ok && tooMany.rejected.errors).toEqual([
      {
        path: "properties.products",
        message: "values must be a string, number, boolean or null, an object of those, or an array of at most 100 of either",
      },
    ]);
    const deep = validator.validateEvent(
      { ...base, type: "touchpoint", name: "purchase", properties: { products: [{ sku: "x", tags: ["a"] }] } },
      0,
      "browser",
    );
    expect(!deep.ok && deep.rejected.errors).toEqual([
      {
        path: "properties.products.0.tags",
        message: "values must be a string, number, boolean or null, an object of those, or an array of at most 100 of either",
      },
    ]);
  });

  it.each(["", "  ", "null", "undefined", "Anonymous", "GUEST", "0", "NaN", "[object Object]", "true", "FALSE"])(
    "rejects the placeholder customer id %j",
    (customerId) => {
      const result = validator.validateEvent({ ...base, type: "identify", customerId }, 0, "browser");
      expect(result.ok).toBe(false);
      expect(!result.ok && result.rejected.errors[0]?.path).toBe("customerId");
    },
  );

  it("rejects prototype keys, lone surrogates and oversize events", () => {
    const proto = validator.validateEvent(
      JSON.parse(`{"id":"a","anonymousId":"b","timestamp":"2026-11-23T10:00:00Z","type":"page","properties":{"__proto__":{"x":1}}}`),
      0,
      "browser",
    );
    expect(!proto.ok && proto.rejected.errors).toEqual([{ path: "properties.__proto__", message: '"__proto__" is not allowed as a key' }]);
    const surrogate = validator.validateEvent({ ...base, type: "page", properties: { q: "\ud800" } }, 0, "browser");
    expect(!surrogate.ok && surrogate.rejected.errors).toEqual([
      { path: "properties.q", message: "must be well-formed Unicode (no lone surrogates)" },
    ]);
    const huge = validator.validateEvent(
      { ...base, type: "page", properties: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "x".repeat(1999)])) },
      0,
      "browser",
    );
    expect(!huge.ok && huge.rejected.errors[0]?.message).toMatch(/^an event is at most 32768 bytes; this one is \d+$/);
  });

  it("measures an event's size in UTF-8 bytes of its JSON, accepting exactly the limit", () => {
    const event = { ...base, type: "page", properties: { q: "€".repeat(40) } };
    const size = JSON.stringify(event).length + 80; // each "€" is one UTF-16 unit and three bytes
    expect(createBatchValidator({ maxEventBytes: size }).validateEvent(event, 0, "browser").ok).toBe(true);
    const over = createBatchValidator({ maxEventBytes: size - 1 }).validateEvent(event, 0, "browser");
    expect(!over.ok && over.rejected.errors).toEqual([{ path: "", message: `an event is at most ${size - 1} bytes; this one is ${size}` }]);
  });

  it("does not serialise an event that its bound shows to be within the limit", () => {
    const stringify = vi.spyOn(JSON, "stringify");
    try {
      expect(validator.validateEvent({ ...base, type: "page", properties: { q: "€".repeat(40) } }, 0, "browser").ok).toBe(true);
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it("rejects an event nested deeper than the stack allows, by index", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = validator.validateEvent({ ...base, type: "page", properties: { deep } }, 7, "browser");
    expect(result).toEqual({
      ok: false,
      rejected: { index: 7, id: base.id, errors: [{ path: "", message: "is nested too deeply to be an event" }] },
    });
  });

  it("requires an anonymous id from browsers but not from server-side sources", () => {
    const event = {
      id: "e1",
      customerId: "cust-42",
      timestamp: "2026-11-23T10:00:00Z",
      type: "touchpoint",
      name: "support_call",
      context: { channel: "call_center" },
    };
    const browser = validator.validateEvent(event, 0, "browser");
    expect(!browser.ok && browser.rejected.errors[0]?.path).toBe("anonymousId");
    expect(validator.validateEvent(event, 0, "server").ok).toBe(true);
  });
});

describe("parseEnvelope", () => {
  it("refuses too many events with the limit and the count, and other faults naming the field", () => {
    const tooMany = validator.parseEnvelope({ writeKey: "k", sentAt: "2026-11-23T10:00:00Z", events: new Array(1001).fill({}) });
    expect(tooMany).toEqual({ ok: false, refusal: { reason: "too_many_events", limit: 1000, count: 1001 } });
    const bad = validator.parseEnvelope({ writeKey: "k", sentAt: "yesterday", events: [{}] });
    expect(bad).toEqual({
      ok: false,
      refusal: {
        reason: "invalid_envelope",
        issues: [{ path: "sentAt", message: "must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00.000Z" }],
      },
    });
  });
});

describe("utf8Bytes", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["\u007f\u0080", 3],
    ["é\u07ff", 4],
    ["\u0800€\uffff", 9],
    ["a😀b", 6],
    ["\ud800", 3],
    ["x\udc00\ud83d", 7],
  ])("counts %j as %i bytes, as TextEncoder encodes it", (s, bytes) => {
    expect(utf8Bytes(s)).toBe(bytes);
    expect(new TextEncoder().encode(s).length).toBe(bytes);
  });
});

describe("jsonBytesBound", () => {
  it("adds 6 bytes a UTF-16 unit, 24 a number, 4 or 5 a literal, and the punctuation", () => {
    // {"a":"xy","n":1,"b":[true,null]}: braces 2; "a":"xy", 10 + 14; "n":1, 10 + 24; "b":[true,null], 10 + (2 + 6 + 5).
    expect(jsonBytesBound({ a: "xy", n: 1, b: [true, null] }, 1000)).toBe(83);
  });

  it.each([
    ["a lone surrogate", "\ud800"],
    ["a control character", "\u0001"],
    ["a surrogate pair", "😀"],
    ["three-byte characters", "€€€"],
    ["the longest number", -1.7976931348623157e308],
    ["a tiny number", -5e-324],
    ["a prototype key", JSON.parse('{"__proto__":{"x":[1,"\\u0000"]}}')],
  ])("is at least the UTF-8 size of the JSON of %s", (_, value) => {
    expect(jsonBytesBound(value, 1000)).toBeGreaterThanOrEqual(utf8Bytes(JSON.stringify(value)));
  });

  it("is infinite for what it cannot bound, and past the budget", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 8; i++) deep = [deep];
    expect(jsonBytesBound(deep, 1000)).toBe(2 * 8 + 8 + 24); // eight levels are bounded
    expect(jsonBytesBound([deep], 1000)).toBe(Number.POSITIVE_INFINITY); // the ninth is measured exactly
    expect(jsonBytesBound({ at: new Date(0) }, 1000)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesBound({ n: 1n }, 1000)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesBound({ gone: undefined }, 1000)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesBound(["x".repeat(10)], 63)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesBound(["x".repeat(10)], 65)).toBe(65);
  });
});
