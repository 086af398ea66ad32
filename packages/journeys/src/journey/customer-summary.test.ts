import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { DAY, HOUR, at, iso, journeyEvent } from "../testing/journey-event.js";
import { buildJourney } from "./build-journey.js";
import { isStalled, summarizeCustomer } from "./customer-summary.js";
import { digestJourney } from "./journey-digest.js";

describe("summarizeCustomer", () => {
  const journey = digestJourney(
    buildJourney({
      customerId: "alice",
      model: DEFAULT_STAGE_MODEL,
      events: [
        journeyEvent({ id: "a", timestamp: at(0), anonymousId: "v", name: "catalog_view" }),
        journeyEvent({ id: "b", timestamp: at(DAY), anonymousId: "v", name: "review_read" }),
        journeyEvent({ id: "c", timestamp: at(3 * DAY), anonymousId: "v", name: "catalog_view" }),
        journeyEvent({
          id: "d",
          timestamp: at(4 * DAY),
          anonymousId: "v",
          type: "identify",
          customerId: "alice",
          traits: { persona: "buyer" },
        }),
      ],
    }),
  );

  it("says where the customer is, since when, and when they were last seen (identify included)", () => {
    expect(summarizeCustomer(journey, at(5 * DAY))).toEqual({
      customerId: "alice",
      anonymousId: null,
      currentStage: "evaluation",
      stageEnteredAt: iso(DAY),
      lastSeen: iso(4 * DAY),
      traits: { persona: "buyer" },
    });
  });

  it("is stalled after more than stalledDays in the current stage", () => {
    const summary = summarizeCustomer(journey, at(8 * DAY));
    expect(isStalled(summary, 7, at(8 * DAY))).toBe(false);
    expect(isStalled(summary, 7, at(8 * DAY + 1))).toBe(true);
    expect(isStalled(summary, 0.5, new Date(at(DAY + 13 * HOUR)))).toBe(true);
    expect(isStalled(summary, 0, at(DAY))).toBe(false);
  });

  it("never calls a customer without a stage stalled", () => {
    const empty = summarizeCustomer(digestJourney(buildJourney({ customerId: "bob", events: [], model: DEFAULT_STAGE_MODEL })), at(0));
    expect(empty).toEqual({ customerId: "bob", anonymousId: null, currentStage: null, stageEnteredAt: null, lastSeen: null, traits: {} });
    expect(isStalled(empty, 1, at(100 * DAY))).toBe(false);
  });

  it("stands where the customer was at `now`: a stage entry dated later does not exist yet", () => {
    expect(summarizeCustomer(journey, at(12 * HOUR))).toMatchObject({ currentStage: "consideration", stageEnteredAt: iso(0) });
    expect(summarizeCustomer(journey, at(DAY))).toMatchObject({ currentStage: "evaluation", stageEnteredAt: iso(DAY) });
    expect(summarizeCustomer(journey, at(-1))).toMatchObject({ currentStage: null, stageEnteredAt: null });
  });

  it("names an anonymous visitor by their anonymous id", () => {
    const visitor = digestJourney(
      buildJourney({
        customerId: null,
        model: DEFAULT_STAGE_MODEL,
        events: [journeyEvent({ id: "v1", timestamp: at(0), anonymousId: "anon-7", name: "review_read" })],
      }),
    );
    expect(summarizeCustomer(visitor, at(DAY))).toEqual({
      customerId: null,
      anonymousId: "anon-7",
      currentStage: "evaluation",
      stageEnteredAt: iso(0),
      lastSeen: iso(0),
      traits: {},
    });
  });

  it("rejects a negative or non-finite stalledDays", () => {
    const summary = summarizeCustomer(journey, at(8 * DAY));
    expect(() => isStalled(summary, -1, at(0))).toThrow("stalledDays must be a number of days >= 0, got -1");
    expect(() => isStalled(summary, Number.NaN, at(0))).toThrow("stalledDays must be a number of days >= 0, got NaN");
  });
});
