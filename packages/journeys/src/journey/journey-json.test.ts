import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { MINUTE, at, journeyEvent } from "../testing/journey-event.js";
import { buildJourney } from "./build-journey.js";
import { journeyJson } from "./journey-json.js";

describe("journeyJson", () => {
  it("writes every time of the journey as ISO-8601 and keeps the engine's fields in their order", () => {
    const journey = buildJourney({
      customerId: "ada",
      model: DEFAULT_STAGE_MODEL,
      events: [
        journeyEvent({ id: "e1", type: "page", anonymousId: "v1", sessionId: "s1", timestamp: at(0), context: { path: "/pricing" } }),
        journeyEvent({
          id: "e2",
          name: "purchase",
          customerId: "ada",
          sessionId: "s1",
          timestamp: at(5 * MINUTE + 1),
          properties: { value: 30, currency: "EUR" },
        }),
      ],
    });
    expect(journey.firstSeen).toBe(at(0));
    expect(JSON.stringify(journeyJson(journey))).toBe(
      JSON.stringify({
        customerId: "ada",
        anonymousIds: ["v1"],
        traits: {},
        currentStage: "purchase",
        stages: [
          { stage: "evaluation", enteredAt: "2026-03-02T09:00:00.000Z" },
          { stage: "purchase", enteredAt: "2026-03-02T09:05:00.001Z" },
        ],
        sessions: [
          {
            id: "s1",
            channel: "direct",
            startedAt: "2026-03-02T09:00:00.000Z",
            endedAt: "2026-03-02T09:05:00.001Z",
            landingUrl: null,
            referrer: null,
            utm: null,
            touchpoints: 2,
          },
        ],
        touchpoints: [
          {
            id: "e1",
            type: "page",
            name: "page_view",
            stage: "evaluation",
            channel: "direct",
            timestamp: "2026-03-02T09:00:00.000Z",
            sessionId: "s1",
            properties: {},
            context: { path: "/pricing" },
          },
          {
            id: "e2",
            type: "touchpoint",
            name: "purchase",
            stage: "purchase",
            channel: "direct",
            timestamp: "2026-03-02T09:05:00.001Z",
            sessionId: "s1",
            properties: { value: 30, currency: "EUR" },
            context: {},
          },
        ],
        conversions: [{ id: "e2", name: "purchase", timestamp: "2026-03-02T09:05:00.001Z", value: 30, currency: "EUR" }],
        lifetimeValue: 30,
        firstSeen: "2026-03-02T09:00:00.000Z",
        lastSeen: "2026-03-02T09:05:00.001Z",
      }),
    );
  });

  it("has no first or last time for a journey without events", () => {
    const json = journeyJson(buildJourney({ customerId: null, events: [], model: DEFAULT_STAGE_MODEL }));
    expect(json).toMatchObject({ firstSeen: null, lastSeen: null, stages: [], sessions: [] });
  });
});
