import type { EventContext } from "@touchpoint/protocol";
import { describe, expect, it } from "vitest";
import { ATTRIBUTION_GROUP_BY, ATTRIBUTION_MODELS } from "../attribution/options.js";
import { createAttribution } from "../attribution/create-attribution.js";
import { createFunnel } from "../funnel/create-funnel.js";
import { createMomentsOfTruth } from "../moments/create-moments-of-truth.js";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { DAY, MINUTE, at, iso, journeyEvent } from "../testing/journey-event.js";
import type { Journey } from "../types.js";
import { buildJourney } from "./build-journey.js";
import { summarizeCustomer } from "./customer-summary.js";
import { digestJourney } from "./journey-digest.js";

const adLanding: EventContext = {
  url: "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=spring",
  path: "/",
  referrer: "https://www.google.com/",
  utm: { source: "google", medium: "cpc", campaign: "spring" },
};
const newsletter: EventContext = { url: "https://shop.example/?utm_source=news&utm_medium=email", path: "/", utm: { source: "news", medium: "email" } };

function aliceJourney(): Journey {
  const s1 = { anonymousId: "anon-1", sessionId: "s1" };
  const s2 = { anonymousId: "anon-1", sessionId: "s2" };
  return buildJourney({
    customerId: "alice",
    model: DEFAULT_STAGE_MODEL,
    events: [
      journeyEvent({ id: "e1", timestamp: at(0), ...s1, type: "page", name: "page_view", context: adLanding }),
      journeyEvent({ id: "e2", timestamp: at(MINUTE), ...s1, name: "catalog_view", properties: { sku: "42" }, context: { ...adLanding, path: "/catalog" } }),
      journeyEvent({ id: "e3", timestamp: at(2 * MINUTE), ...s1, type: "identify", customerId: "alice", traits: { persona: "researcher" } }),
      journeyEvent({ id: "e4", timestamp: at(3 * MINUTE), ...s1, type: "page", name: "page_view", context: { path: "/pricing" } }),
      journeyEvent({ id: "e5", timestamp: at(4 * MINUTE), ...s1, name: "purchase", properties: { value: 120, currency: "EUR" } }),
      journeyEvent({ id: "e6", timestamp: at(DAY), ...s2, type: "page", name: "page_view", context: newsletter }),
      journeyEvent({ id: "e7", timestamp: at(DAY + MINUTE), ...s2, name: "purchase", properties: { value: "lots" } }),
    ],
  });
}

function anonymousJourney(): Journey {
  return buildJourney({
    customerId: null,
    model: DEFAULT_STAGE_MODEL,
    events: [
      journeyEvent({ id: "a1", timestamp: at(2 * DAY), anonymousId: "anon-2", sessionId: "s3", type: "page", name: "page_view", context: newsletter }),
      journeyEvent({ id: "a2", timestamp: at(2 * DAY + MINUTE), anonymousId: "anon-2", sessionId: "s3", name: "catalog_view", context: newsletter }),
    ],
  });
}

describe("digestJourney", () => {
  it("keeps what reports read and only the value and campaign of each touchpoint's payload", () => {
    expect(digestJourney(aliceJourney())).toEqual({
      customerId: "alice",
      traits: { persona: "researcher" },
      currentStage: "loyalty",
      stages: [
        { stage: "awareness", enteredAt: iso(0) },
        { stage: "consideration", enteredAt: iso(MINUTE) },
        { stage: "evaluation", enteredAt: iso(3 * MINUTE) },
        { stage: "purchase", enteredAt: iso(4 * MINUTE) },
        { stage: "loyalty", enteredAt: iso(DAY + MINUTE) },
      ],
      touchpoints: [
        { type: "page", name: "page_view", stage: "awareness", channel: "paid_search", timestamp: iso(0), properties: {}, context: { utm: { campaign: "spring" } } },
        { type: "touchpoint", name: "catalog_view", stage: "consideration", channel: "paid_search", timestamp: iso(MINUTE), properties: {}, context: { utm: { campaign: "spring" } } },
        { type: "page", name: "page_view", stage: "evaluation", channel: "paid_search", timestamp: iso(3 * MINUTE), properties: {}, context: {} },
        { type: "touchpoint", name: "purchase", stage: "purchase", channel: "paid_search", timestamp: iso(4 * MINUTE), properties: { value: 120 }, context: {} },
        { type: "page", name: "page_view", stage: "consideration", channel: "email", timestamp: iso(DAY), properties: {}, context: {} },
        { type: "touchpoint", name: "purchase", stage: "loyalty", channel: "email", timestamp: iso(DAY + MINUTE), properties: {}, context: {} },
      ],
      conversions: [
        { id: "e5", name: "purchase", timestamp: iso(4 * MINUTE), value: 120 },
        { id: "e7", name: "purchase", timestamp: iso(DAY + MINUTE), value: 0 },
      ],
      lastSeen: iso(DAY + MINUTE),
    });
  });

  it("summarizes a customer exactly as the full journey does", () => {
    const journey = aliceJourney();
    expect(summarizeCustomer(digestJourney(journey))).toEqual(summarizeCustomer(journey));
  });

  it("gives every report the same answer as the full journeys", () => {
    const journeys = [aliceJourney(), anonymousJourney()];
    const digests = journeys.map(digestJourney);
    const now = at(30 * DAY);
    const stages = DEFAULT_STAGE_MODEL.stages;
    const funnel = (input: readonly Pick<Journey, "stages">[]) => {
      const accumulator = createFunnel({ stages, now });
      for (const journey of input) accumulator.addJourney(journey);
      return accumulator.result();
    };
    expect(funnel(digests)).toEqual(funnel(journeys));
    for (const model of ATTRIBUTION_MODELS) {
      for (const groupBy of ATTRIBUTION_GROUP_BY) {
        const attribution = (input: readonly Journey[] | ReturnType<typeof digestJourney>[]) => {
          const accumulator = createAttribution({ model, groupBy });
          for (const journey of input) accumulator.addJourney(journey);
          return accumulator.result();
        };
        expect(attribution(digests)).toEqual(attribution(journeys));
      }
    }
    const moments = (input: readonly Journey[] | ReturnType<typeof digestJourney>[]) => {
      const accumulator = createMomentsOfTruth({ stage: "consideration", stages, now });
      for (const journey of input) accumulator.addJourney(journey);
      return accumulator.result();
    };
    expect(moments(digests)).toEqual(moments(journeys));
  });
});
