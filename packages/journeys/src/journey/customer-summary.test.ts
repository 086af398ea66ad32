import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { DAY, HOUR, at, iso, journeyEvent } from "../testing/journey-event.js";
import { buildJourney } from "./build-journey.js";
import { isStalled, summarizeCustomer } from "./customer-summary.js";
import { digestJourney } from "./journey-digest.js";

describe("summarizeCustomer", () => {
  const journey = digestJourney(buildJourney({
    customerId: "alice",
    model: DEFAULT_STAGE_MODEL,
    events: [
      journeyEvent({ id: "a", timestamp: at(0), anonymousId: "v", name: "catalog_view" }),
      journeyEvent({ id: "b", timestamp: at(DAY), anonymousId: "v", name: "review_read" }),
      journeyEvent({ id: "c", timestamp: at(3 * DAY), anonymousId: "v", name: "catalog_view" }),
      journeyEvent({ id: "d", timestamp: at(4 * DAY), anonymousId: "v", type: "identify", customerId: "alice", traits: { persona: "buyer" } }),
    ],
  }));

  it("says where the customer is, since when, and when they were last seen (identify included)", () => {
    expect(summarizeCustomer(journey)).toEqual({
      customerId: "alice",
      currentStage: "evaluation",
      stageEnteredAt: iso(DAY),
      lastSeen: iso(4 * DAY),
      traits: { persona: "buyer" },
    });
  });

  it("is stalled after more than stalledDays in the current stage", () => {
    const summary = summarizeCustomer(journey);
    expect(isStalled(summary, 7, at(8 * DAY))).toBe(false);
    expect(isStalled(summary, 7, at(8 * DAY + 1))).toBe(true);
    expect(isStalled(summary, 0.5, new Date(at(DAY + 13 * HOUR)))).toBe(true);
    expect(isStalled(summary, 0, at(DAY))).toBe(false);
  });

  it("never calls a customer without a stage stalled", () => {
    const empty = summarizeCustomer(digestJourney(buildJourney({ customerId: "bob", events: [], model: DEFAULT_STAGE_MODEL })));
    expect(empty).toEqual({ customerId: "bob", currentStage: null, stageEnteredAt: null, lastSeen: null, traits: {} });
    expect(isStalled(empty, 1, at(100 * DAY))).toBe(false);
  });

  it("rejects a negative or non-finite stalledDays", () => {
    const summary = summarizeCustomer(journey);
    expect(() => isStalled(summary, -1, at(0))).toThrow("stalledDays must be a number of days >= 0, got -1");
    expect(() => isStalled(summary, Number.NaN, at(0))).toThrow("stalledDays must be a number of days >= 0, got NaN");
  });
});
