import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "./limits.js";
import { plainValidEnvelope, plainValidEvent } from "./plain-valid-event.js";
import { envelopeSchema, eventSchema } from "./schemas.js";
import { createBatchValidator, toFieldErrors } from "./validate-batch.js";

const limits = DEFAULT_LIMITS;
const events = eventSchema(limits);
const envelopes = envelopeSchema(limits);

/** Leaves the key out instead of setting it. */
const ABSENT = Symbol("absent");

const STRINGS: unknown[] = [
  "ok",
  "",
  " ",
  "a".repeat(35),
  "a".repeat(36),
  "a".repeat(64),
  "a".repeat(65),
  "a".repeat(128),
  "a".repeat(129),
  "a".repeat(256),
  "a".repeat(257),
  "a".repeat(512),
  "a".repeat(513),
  "a".repeat(1024),
  "a".repeat(1025),
  "a".repeat(limits.maxStringLength),
  "a".repeat(limits.maxStringLength + 1),
  "x\u0000y",
  "tab\there",
  "del\u007f",
  "lone \ud800 surrogate",
  "smile 😀",
  " padded ",
  "null",
  "Guest",
  "order_completed",
  "Order Completed",
  "9lives",
  "a__b",
  "2026-01-31T12:00:00.000Z",
  12,
  1.5,
  null,
  true,
  {},
  [],
  undefined,
  ABSENT,
];

const TIMESTAMPS: unknown[] = [
  "2026-01-31T12:00:00.000Z",
  "2026-01-31T12:00:00Z",
  "2026-01-31T12:00:00.123456+05:30",
  "2026-01-31T12:00:00",
  "2026-01-31 12:00:00Z",
  "2026-02-29T00:00:00Z",
  "2024-02-29T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-01-31T24:00:00Z",
  "2026-01-31",
  1769860800000,
];

const PROPERTIES: unknown[] = [
  {},
  { plan: "pro", seats: 3, trial: false, note: null },
  { order: { id: "o-1", value: 89.9 } },
  { deep: { deeper: { deepest: 1 } } },
  { products: [{ sku: "a", price: 1 }, { sku: "b" }] },
  { tags: ["a", "b", 3] },
  { "": 1 },
  { ["k".repeat(65)]: 1 },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { list: Array.from({ length: 101 }, (_, i) => i) },
  { text: "a".repeat(limits.maxStringLength + 1) },
  { skipped: undefined, kept: 1 },
  [],
  "plan=pro",
  null,
];

const SCREENS: unknown[] = [
  { width: 1440, height: 900 },
  { width: 0, height: 100_000 },
  { width: 1.5, height: 900 },
  { width: -1, height: 900 },
  { width: 100_001, height: 900 },
  { width: 1440 },
  { width: "1440", height: 900 },
  { width: 1440, height: 900, depth: 24 },
  [],
];

const UTMS: unknown[] = [
  { source: "newsletter", medium: "email", campaign: "spring", term: "shoes", content: "a" },
  { campaign: "spring", source: "google" },
  { source: "a".repeat(257) },
  { source: 1 },
  { source: undefined },
  { extra: "x" },
  [],
];

const BASES: Record<string, Record<string, unknown>> = {
  page: {
    id: "e-1",
    type: "page",
    anonymousId: "anon-1",
    sessionId: "s-1",
    timestamp: "2026-01-31T12:00:00.000Z",
    context: {
      url: "https://shop.example/catalog",
      path: "/catalog",
      referrer: "https://www.google.com/",
      title: "Catalog",
      locale: "en-GB",
      screen: { width: 1440, height: 900 },
      utm: { source: "newsletter", medium: "email", campaign: "spring_sale" },
    },
  },
  touchpoint: {
    type: "touchpoint",
    name: "banner_click",
    id: "e-2",
    customerId: "c-1",
    timestamp: "2026-01-31T12:00:00Z",
    properties: { banner: "spring_sale", position: 1 },
    context: { userAgent: "Mozilla/5.0", channel: "call_center", originalName: "Banner Click" },
  },
  identify: {
    id: "e-3",
    type: "identify",
    anonymousId: "anon-1",
    customerId: "c-1",
    timestamp: "2026-01-31T12:00:00Z",
    traits: { plan: "pro" },
    extra: "dropped",
  },
};

/** Every base event with one field (top level or in the context) set to each value of its pool, or left out. */
function* variants(): Generator<[string, unknown]> {
  const top: Record<string, unknown[]> = {
    id: STRINGS,
    anonymousId: STRINGS,
    customerId: STRINGS,
    sessionId: STRINGS,
    name: STRINGS,
    type: ["page", "touchpoint", "identify", "track", "Page", ...STRINGS.slice(-4)],
    timestamp: [...TIMESTAMPS, ...STRINGS.slice(-8)],
    properties: PROPERTIES,
    traits: PROPERTIES,
    context: [{}, { clickId: { gclid: "abc" } }, { unknown: 1 }, [], "ctx", null, undefined, ABSENT],
    extra: [1, ABSENT],
  };
  const inContext: Record<string, unknown[]> = {
    url: STRINGS,
    path: STRINGS,
    referrer: STRINGS,
    title: STRINGS,
    locale: STRINGS,
    userAgent: STRINGS,
    channel: STRINGS,
    originalName: STRINGS,
    screen: [...SCREENS, undefined, ABSENT],
    utm: [...UTMS, undefined, ABSENT],
    clickId: [{ gclid: "abc" }, ABSENT],
  };
  const set = (object: Record<string, unknown>, key: string, value: unknown) => {
    const copy = { ...object };
    if (value === ABSENT) delete copy[key];
    else copy[key] = value;
    return copy;
  };
  for (const [baseName, base] of Object.entries(BASES)) {
    yield [`${baseName} as is`, base];
    for (const [key, pool] of Object.entries(top)) {
      for (const [i, value] of pool.entries()) yield [`${baseName}.${key} #${i}`, set(base, key, value)];
    }
    const context = (base.context ?? {}) as Record<string, unknown>;
    for (const [key, pool] of Object.entries(inContext)) {
      for (const [i, value] of pool.entries()) yield [`${baseName}.context.${key} #${i}`, set(base, "context", set(context, key, value))];
    }
  }
}

describe("plainValidEvent", () => {
  it("answers only for events the schema accepts, with exactly the schema's output", () => {
    let answered = 0;
    let accepted = 0;
    for (const [name, input] of variants()) {
      const plain = plainValidEvent(input, limits);
      const parsed = events.safeParse(input);
      if (parsed.success) accepted++;
      if (plain === undefined) continue;
      answered++;
      expect({ name, success: parsed.success }).toEqual({ name, success: true });
      expect(plain, name).toStrictEqual(parsed.data);
      // Stored as JSON: the key order must be the schema's too.
      expect(JSON.stringify(plain), name).toBe(JSON.stringify(parsed.data));
    }
    // The fast path must carry the common case, not only be safe: most accepted variants go through it.
    expect(answered).toBeGreaterThan(accepted * 0.8);
  });

  it("answers for the common shapes: page views with a context, named touchpoints, identifies, a page without a name", () => {
    for (const base of Object.values(BASES)) expect(plainValidEvent(base, limits)).toBeDefined();
    const { context: _, ...bare } = BASES.page!;
    expect(plainValidEvent(bare, limits)).toEqual({ ...bare, name: "page_view" });
  });

  it("leaves renames, click ids and keys set to undefined to the schema", () => {
    expect(plainValidEvent({ ...BASES.touchpoint, name: "Banner Click" }, limits)).toBeUndefined();
    expect(plainValidEvent({ ...BASES.page, context: { clickId: { gclid: "abc" } } }, limits)).toBeUndefined();
    expect(plainValidEvent({ ...BASES.page, sessionId: undefined }, limits)).toBeUndefined();
  });

  it("keeps validateEvent's answers those of the schema alone, errors included", () => {
    const validator = createBatchValidator(limits);
    for (const [name, input] of variants()) {
      const result = validator.validateEvent(input, 0, "server");
      const parsed = events.safeParse(input);
      if (!parsed.success) {
        expect(result.ok ? [] : result.rejected.errors, name).toEqual(toFieldErrors(parsed.error.issues));
        continue;
      }
      const needsId = parsed.data.anonymousId === undefined && parsed.data.customerId === undefined;
      expect(result, name).toStrictEqual(needsId ? { ok: false, rejected: expect.anything() } : { ok: true, event: parsed.data });
    }
  });
});

describe("plainValidEnvelope", () => {
  it("answers only for envelopes the schema accepts, with exactly the schema's output", () => {
    const base = { writeKey: "tp_pub_abc", sentAt: "2026-01-31T12:00:00.000Z", events: [{}] };
    const inputs: unknown[] = [
      base,
      { ...base, extra: 1 },
      { ...base, writeKey: "" },
      { ...base, writeKey: "k".repeat(128) },
      { ...base, writeKey: "k".repeat(129) },
      { ...base, writeKey: "k\u0000" },
      { ...base, writeKey: 1 },
      { ...base, sentAt: "yesterday" },
      { ...base, sentAt: "2026-01-31T12:00:00" },
      { ...base, events: [] },
      { ...base, events: new Array(limits.maxEventsPerBatch).fill({}) },
      { ...base, events: new Array(limits.maxEventsPerBatch + 1).fill({}) },
      { ...base, events: {} },
      { writeKey: "tp_pub_abc", events: [{}] },
      [],
      null,
    ];
    let answered = 0;
    for (const [i, input] of inputs.entries()) {
      const plain = plainValidEnvelope(input, limits);
      const parsed = envelopes.safeParse(input);
      if (plain === undefined) continue;
      answered++;
      expect({ i, success: parsed.success }).toEqual({ i, success: true });
      expect(plain).toStrictEqual(parsed.data);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(parsed.data));
    }
    expect(answered).toBe(4);
  });
});
