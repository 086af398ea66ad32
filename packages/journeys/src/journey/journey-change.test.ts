import { describe, expect, it } from "vitest";
import { journeyChange } from "./journey-change.js";
import type { JourneyDigest } from "./journey-digest.js";

const digest = (fields: Partial<JourneyDigest>): JourneyDigest => ({
  customerId: "alice",
  anonymousId: null,
  traits: {},
  currentStage: null,
  stages: [],
  lastSeenTime: null,
  touchpoints: [],
  conversions: [],
  ...fields,
});

describe("journeyChange", () => {
  it("names the stages entered and the conversions made since the older digest", () => {
    const before = digest({ currentStage: "awareness", stages: [{ stage: "awareness", time: 1_000 }] });
    const after = digest({
      currentStage: "purchase",
      stages: [
        { stage: "awareness", time: 1_000 },
        { stage: "evaluation", time: 5_000 },
        { stage: "purchase", time: 9_000 },
      ],
      conversions: [{ id: "e9", name: "purchase", time: 9_000, value: 40 }],
    });
    expect(journeyChange(before, after)).toEqual({
      previousStage: "awareness",
      currentStage: "purchase",
      stagesEntered: [
        { stage: "evaluation", time: 5_000 },
        { stage: "purchase", time: 9_000 },
      ],
      conversions: [{ id: "e9", name: "purchase", time: 9_000, value: 40 }],
    });
  });

  it("a first digest enters every stage it has; a person without events left enters nothing", () => {
    const only = digest({
      currentStage: "awareness",
      stages: [{ stage: "awareness", time: 1_000 }],
      conversions: [{ id: "e1", name: "purchase", time: 1_000, value: 0 }],
    });
    expect(journeyChange(null, only)).toEqual({
      previousStage: null,
      currentStage: "awareness",
      stagesEntered: only.stages,
      conversions: only.conversions,
    });
    expect(journeyChange(only, null)).toEqual({ previousStage: "awareness", currentStage: null, stagesEntered: [], conversions: [] });
  });

  it("an earlier event that moves a stage entry back counts as entering it at the new time", () => {
    const before = digest({ currentStage: "awareness", stages: [{ stage: "awareness", time: 5_000 }] });
    const after = digest({ currentStage: "awareness", stages: [{ stage: "awareness", time: 2_000 }] });
    expect(journeyChange(before, after).stagesEntered).toEqual([{ stage: "awareness", time: 2_000 }]);
  });
});
