import type { EventContext } from "@touchpoint/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { stageModelSchema } from "../stages/stage-model.js";
import { DAY, HOUR, MINUTE, at, journeyEvent } from "../testing/journey-event.js";
import { buildJourney } from "./build-journey.js";

describe("buildJourney", () => {
  // Alice: lands from a Google ad, browses, identifies, buys; comes back from the newsletter the
  // next day and buys again; calls the call center the day after.
  const adLanding: EventContext = {
    url: "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0",
    path: "/",
    referrer: "https://www.google.com/",
    utm: { source: "google", medium: "cpc", campaign: "spring" },
    clickId: { gclid: "Cj0" },
  };
  const newsletterLanding: EventContext = {
    url: "https://shop.example/?utm_source=newsletter&utm_medium=email",
    path: "/",
    utm: { source: "newsletter", medium: "email" },
  };
  const s1 = { anonymousId: "anon-1", sessionId: "s1" };
  const s2 = { anonymousId: "anon-1", sessionId: "s2" };
  const events = [
    journeyEvent({ id: "e09", timestamp: at(DAY + 65 * MINUTE), ...s2, name: "purchase", properties: { value: 30.5, currency: "EUR" } }),
    journeyEvent({ id: "e03", timestamp: at(3 * MINUTE), ...s1, name: "catalog_view", context: { path: "/catalog" } }),
    journeyEvent({ id: "e01", timestamp: at(0), ...s1, type: "page", name: "page_view", context: adLanding }),
    journeyEvent({ id: "e10", timestamp: at(DAY + 66 * MINUTE), ...s2, type: "identify", customerId: "alice", traits: { plan: "pro" } }),
    journeyEvent({
      id: "e05",
      timestamp: at(5 * MINUTE),
      ...s1,
      type: "identify",
      customerId: "alice",
      traits: { plan: "free", name: "Alice" },
    }),
    journeyEvent({
      id: "e02",
      timestamp: at(1 * MINUTE),
      ...s1,
      name: "banner_click",
      properties: { banner: "spring-sale" },
      context: { path: "/" },
    }),
    journeyEvent({
      id: "e11",
      timestamp: at(2 * DAY),
      customerId: "alice",
      name: "support_contact",
      properties: { topic: "delivery" },
      context: { channel: "call_center" },
    }),
    journeyEvent({ id: "e04", timestamp: at(4 * MINUTE), ...s1, type: "page", name: "page_view", context: { path: "/pricing" } }),
    journeyEvent({
      id: "e07",
      timestamp: at(10 * MINUTE),
      ...s1,
      name: "purchase",
      properties: { value: 120, currency: "EUR", order_id: "o-1" },
    }),
    journeyEvent({ id: "e06", timestamp: at(6 * MINUTE), ...s1, name: "review_read", context: { path: "/products/42" } }),
    journeyEvent({ id: "e08", timestamp: at(DAY + 60 * MINUTE), ...s2, type: "page", name: "page_view", context: newsletterLanding }),
  ];

  it("orders touchpoints, places them in stages and sessions, and totals the conversions", () => {
    expect(buildJourney({ customerId: "alice", events, model: DEFAULT_STAGE_MODEL })).toEqual({
      customerId: "alice",
      anonymousIds: ["anon-1"],
      traits: { plan: "pro", name: "Alice" },
      currentStage: "loyalty",
      stages: [
        { stage: "awareness", enteredAt: at(0) },
        { stage: "consideration", enteredAt: at(3 * MINUTE) },
        { stage: "evaluation", enteredAt: at(4 * MINUTE) },
        { stage: "purchase", enteredAt: at(10 * MINUTE) },
        { stage: "loyalty", enteredAt: at(DAY + 65 * MINUTE) },
      ],
      sessions: [
        {
          id: "s1",
          channel: "paid_search",
          startedAt: at(0),
          endedAt: at(10 * MINUTE),
          landingUrl: adLanding.url,
          referrer: "https://www.google.com/",
          utm: adLanding.utm,
          touchpoints: 6,
        },
        {
          id: "s2",
          channel: "email",
          startedAt: at(DAY + 60 * MINUTE),
          endedAt: at(DAY + 65 * MINUTE),
          landingUrl: newsletterLanding.url,
          referrer: null,
          utm: newsletterLanding.utm,
          touchpoints: 2,
        },
        {
          id: "e11",
          channel: "call_center",
          startedAt: at(2 * DAY),
          endedAt: at(2 * DAY),
          landingUrl: null,
          referrer: null,
          utm: null,
          touchpoints: 1,
        },
      ],
      touchpoints: [
        {
          id: "e01",
          type: "page",
          name: "page_view",
          stage: "awareness",
          channel: "paid_search",
          timestamp: at(0),
          sessionId: "s1",
          properties: {},
          context: adLanding,
        },
        {
          id: "e02",
          type: "touchpoint",
          name: "banner_click",
          stage: "awareness",
          channel: "paid_search",
          timestamp: at(MINUTE),
          sessionId: "s1",
          properties: { banner: "spring-sale" },
          context: { path: "/" },
        },
        {
          id: "e03",
          type: "touchpoint",
          name: "catalog_view",
          stage: "consideration",
          channel: "paid_search",
          timestamp: at(3 * MINUTE),
          sessionId: "s1",
          properties: {},
          context: { path: "/catalog" },
        },
        {
          id: "e04",
          type: "page",
          name: "page_view",
          stage: "evaluation",
          channel: "paid_search",
          timestamp: at(4 * MINUTE),
          sessionId: "s1",
          properties: {},
          context: { path: "/pricing" },
        },
        {
          id: "e06",
          type: "touchpoint",
          name: "review_read",
          stage: "evaluation",
          channel: "paid_search",
          timestamp: at(6 * MINUTE),
          sessionId: "s1",
          properties: {},
          context: { path: "/products/42" },
        },
        {
          id: "e07",
          type: "touchpoint",
          name: "purchase",
          stage: "purchase",
          channel: "paid_search",
          timestamp: at(10 * MINUTE),
          sessionId: "s1",
          properties: { value: 120, currency: "EUR", order_id: "o-1" },
          context: {},
        },
        {
          id: "e08",
          type: "page",
          name: "page_view",
          stage: "consideration",
          channel: "email",
          timestamp: at(DAY + 60 * MINUTE),
          sessionId: "s2",
          properties: {},
          context: newsletterLanding,
        },
        {
          id: "e09",
          type: "touchpoint",
          name: "purchase",
          stage: "loyalty",
          channel: "email",
          timestamp: at(DAY + 65 * MINUTE),
          sessionId: "s2",
          properties: { value: 30.5, currency: "EUR" },
          context: {},
        },
        {
          id: "e11",
          type: "touchpoint",
          name: "support_contact",
          stage: "loyalty",
          channel: "call_center",
          timestamp: at(2 * DAY),
          sessionId: "e11",
          properties: { topic: "delivery" },
          context: { channel: "call_center" },
        },
      ],
      conversions: [
        { id: "e07", name: "purchase", timestamp: at(10 * MINUTE), value: 120, currency: "EUR" },
        { id: "e09", name: "purchase", timestamp: at(DAY + 65 * MINUTE), value: 30.5, currency: "EUR" },
      ],
      lifetimeValue: 150.5,
      firstSeen: at(0),
      lastSeen: at(2 * DAY),
    });
  });

  it("re-reads the same history under a custom model", () => {
    const model = stageModelSchema.parse({
      stages: ["lead", "qualified", "won"],
      rules: [
        { stage: "lead", event: "page_view", landing: true, channel: ["paid_search"] },
        { stage: "qualified", event: "page_view", path: "/pricing*" },
        { stage: "won", event: "support_contact" },
      ],
      conversions: ["support_contact", "purchase"],
    });
    const journey = buildJourney({ customerId: "alice", events, model });
    expect(journey.touchpoints.map((t) => [t.id, t.stage])).toEqual([
      ["e01", "lead"],
      ["e02", null],
      ["e03", null],
      ["e04", "qualified"],
      ["e06", null],
      ["e07", null],
      ["e08", null],
      ["e09", null],
      ["e11", "won"],
    ]);
    expect(journey.stages).toEqual([
      { stage: "lead", enteredAt: at(0) },
      { stage: "qualified", enteredAt: at(4 * MINUTE) },
      { stage: "won", enteredAt: at(2 * DAY) },
    ]);
    expect(journey.currentStage).toBe("won");
    expect(journey.conversions.map((c) => [c.id, c.value])).toEqual([
      ["e07", 120],
      ["e09", 30.5],
      ["e11", 0],
    ]);
  });

  it("counts finite numeric values, numeric strings among them, and string currencies", () => {
    const purchase = (id: string, properties: Record<string, string | number | null>) =>
      journeyEvent({ id, timestamp: at(Number(id.slice(1)) * MINUTE), anonymousId: "a", name: "purchase", properties });
    const journey = buildJourney({
      customerId: null,
      events: [
        purchase("p1", { value: 10, currency: "USD" }),
        purchase("p2", { value: "12", currency: 978 }),
        purchase("p3", { value: Number.POSITIVE_INFINITY }),
        purchase("p4", { value: null }),
        purchase("p5", { value: -2.5, currency: "USD" }),
      ],
      model: DEFAULT_STAGE_MODEL,
    });
    expect(journey.conversions.map((c) => [c.id, c.value, c.currency])).toEqual([
      ["p1", 10, "USD"],
      ["p2", 12, null],
      ["p3", 0, null],
      ["p4", 0, null],
      ["p5", -2.5, "USD"],
    ]);
    expect(journey.lifetimeValue).toBe(19.5);
    expect(journey.touchpoints.map((t) => t.stage)).toEqual(["purchase", "loyalty", "loyalty", "loyalty", "loyalty"]);
  });

  it("starts the journey at the stage first reached, without inventing earlier ones", () => {
    const journey = buildJourney({
      customerId: "zoe",
      events: [journeyEvent({ id: "x", timestamp: at(0), customerId: "zoe", name: "add_to_cart", context: { channel: "store" } })],
      model: DEFAULT_STAGE_MODEL,
    });
    expect(journey.stages).toEqual([{ stage: "purchase", enteredAt: at(0) }]);
    expect(journey.currentStage).toBe("purchase");
  });

  it("takes a landing from the site host as no source: direct, not a new contact from outside", () => {
    const landing = journeyEvent({
      id: "l",
      timestamp: at(0),
      anonymousId: "a",
      type: "page",
      name: "page_view",
      context: { url: "https://app.shop.example/", path: "/", referrer: "https://shop.example/" },
    });
    expect(
      buildJourney({ customerId: null, events: [landing], model: DEFAULT_STAGE_MODEL, siteHost: "shop.example" }).touchpoints[0],
    ).toMatchObject({
      channel: "direct",
      stage: null,
    });
    expect(buildJourney({ customerId: null, events: [landing], model: DEFAULT_STAGE_MODEL }).touchpoints[0]).toMatchObject({
      channel: "referral",
      stage: "awareness",
    });
  });

  it("takes a session that continues a visit from inside the site as no landing: its page view starts no awareness", () => {
    const events = [
      journeyEvent({
        id: "e1",
        timestamp: at(0),
        anonymousId: "a",
        sessionId: "s1",
        type: "page",
        name: "page_view",
        context: { url: "https://shop.example/p/1", path: "/p/1" },
      }),
      journeyEvent({
        id: "e2",
        timestamp: at(HOUR),
        anonymousId: "a",
        sessionId: "s2",
        type: "page",
        name: "page_view",
        context: { url: "https://shop.example/", path: "/", referrer: "https://www.google.com/" },
      }),
      journeyEvent({
        id: "e3",
        timestamp: at(3 * HOUR),
        anonymousId: "a",
        sessionId: "s3",
        type: "page",
        name: "page_view",
        context: { url: "https://shop.example/p/2", path: "/p/2", referrer: "https://shop.example/" },
      }),
    ];
    const journey = buildJourney({ customerId: null, events, model: DEFAULT_STAGE_MODEL });
    expect(journey.touchpoints.map((t) => [t.id, t.channel, t.stage])).toEqual([
      ["e1", "direct", null],
      ["e2", "organic_search", "awareness"],
      ["e3", "organic_search", null],
    ]);
  });

  it("is empty without events", () => {
    expect(buildJourney({ customerId: "nobody", events: [], model: DEFAULT_STAGE_MODEL })).toEqual({
      customerId: "nobody",
      anonymousIds: [],
      traits: {},
      currentStage: null,
      stages: [],
      sessions: [],
      touchpoints: [],
      conversions: [],
      lifetimeValue: 0,
      firstSeen: null,
      lastSeen: null,
    });
  });
});
