import type { EventContext } from "@touchpoint/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { DAY, MINUTE, at, journeyEvent } from "../testing/journey-event.js";
import { buildJourney } from "./build-journey.js";
import { digestJourney } from "./journey-digest.js";

const adLanding: EventContext = {
  url: "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=spring",
  path: "/",
  referrer: "https://www.google.com/",
  utm: { source: "google", medium: "cpc", campaign: "spring" },
};
const newsletter: EventContext = {
  url: "https://shop.example/?utm_source=news&utm_medium=email",
  path: "/",
  utm: { source: "news", medium: "email", campaign: "" },
};

describe("digestJourney", () => {
  it("keeps what reports read, times in epoch ms, a numeric value, the session's non-empty campaign on each touch, and the devices", () => {
    const s1 = { anonymousId: "anon-1", sessionId: "s1", device: { browser: "Chrome", os: "Windows", type: "desktop" } };
    const s2 = { anonymousId: "anon-1", sessionId: "s2", device: { browser: "Safari", os: "iOS", type: "mobile" } };
    const events = [
      journeyEvent({ id: "e1", timestamp: at(0), ...s1, type: "page", name: "page_view", context: adLanding }),
      journeyEvent({
        id: "e2",
        timestamp: at(MINUTE),
        ...s1,
        name: "catalog_view",
        properties: { sku: "42" },
        context: { ...adLanding, path: "/catalog" },
      }),
      journeyEvent({
        id: "e3",
        timestamp: at(2 * MINUTE),
        ...s1,
        type: "identify",
        customerId: "alice",
        traits: { persona: "researcher" },
      }),
      journeyEvent({ id: "e4", timestamp: at(3 * MINUTE), ...s1, type: "page", name: "page_view", context: { path: "/pricing" } }),
      journeyEvent({ id: "e5", timestamp: at(4 * MINUTE), ...s1, name: "purchase", properties: { value: 120, currency: "EUR" } }),
      journeyEvent({ id: "e6", timestamp: at(DAY), ...s2, type: "page", name: "page_view", context: newsletter }),
      journeyEvent({ id: "e7", timestamp: at(DAY + MINUTE), ...s2, name: "purchase", properties: { value: "lots" } }),
      journeyEvent({ id: "e9", timestamp: at(DAY + 3 * MINUTE), ...s2, name: "purchase", properties: { value: "20" } }),
      journeyEvent({ id: "e8", timestamp: at(DAY + 2 * MINUTE), ...s2, type: "identify", customerId: "alice" }),
    ];
    const journey = buildJourney({ customerId: "alice", model: DEFAULT_STAGE_MODEL, events });
    expect(digestJourney(journey, events)).toEqual({
      customerId: "alice",
      anonymousId: null,
      traits: { persona: "researcher" },
      currentStage: "loyalty",
      stages: [
        { stage: "awareness", time: at(0) },
        { stage: "consideration", time: at(MINUTE) },
        { stage: "evaluation", time: at(3 * MINUTE) },
        { stage: "purchase", time: at(4 * MINUTE) },
        { stage: "loyalty", time: at(DAY + MINUTE) },
      ],
      lastSeenTime: at(DAY + 3 * MINUTE),
      deviceTypes: ["desktop", "mobile"],
      touchpoints: [
        { type: "page", name: "page_view", stage: "awareness", channel: "paid_search", time: at(0), campaign: "spring" },
        { type: "touchpoint", name: "catalog_view", stage: "consideration", channel: "paid_search", time: at(MINUTE), campaign: "spring" },
        { type: "page", name: "page_view", stage: "evaluation", channel: "paid_search", time: at(3 * MINUTE), campaign: "spring" },
        {
          type: "touchpoint",
          name: "purchase",
          stage: "purchase",
          channel: "paid_search",
          time: at(4 * MINUTE),
          value: 120,
          campaign: "spring",
        },
        { type: "page", name: "page_view", stage: "consideration", channel: "email", time: at(DAY) },
        { type: "touchpoint", name: "purchase", stage: "loyalty", channel: "email", time: at(DAY + MINUTE) },
        { type: "touchpoint", name: "purchase", stage: "loyalty", channel: "email", time: at(DAY + 3 * MINUTE), value: 20 },
      ],
      conversions: [
        { id: "e5", name: "purchase", time: at(4 * MINUTE), value: 120 },
        { id: "e7", name: "purchase", time: at(DAY + MINUTE), value: 0 },
        { id: "e9", name: "purchase", time: at(DAY + 3 * MINUTE), value: 20 },
      ],
    });
  });

  it("digests an empty journey", () => {
    expect(digestJourney(buildJourney({ customerId: null, model: DEFAULT_STAGE_MODEL, events: [] }))).toEqual({
      customerId: null,
      anonymousId: null,
      traits: {},
      currentStage: null,
      stages: [],
      lastSeenTime: null,
      deviceTypes: [],
      touchpoints: [],
      conversions: [],
    });
  });
});
