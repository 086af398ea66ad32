import { describe, expect, it } from "vitest";
import type { Journey, JourneyTouchpoint } from "../api-types.js";
import { DEFAULT_STAGES } from "../context.js";
import { journeyFixture } from "../fixtures/journey.js";
import { journeyChart, ratingOf, stageLanes, stageReached } from "./journey-chart.js";

const [first] = journeyFixture.touchpoints as [JourneyTouchpoint];

describe("ratingOf", () => {
  it("reads a numeric rating, also one sent as a numeric string", () => {
    expect(ratingOf({ ...first, properties: { rating: 4 } })).toBe(4);
    expect(ratingOf({ ...first, properties: { rating: "2.5" } })).toBe(2.5);
  });

  it("ignores anything else", () => {
    for (const rating of ["", "great", true, null]) expect(ratingOf({ ...first, properties: { rating } })).toBeNull();
    expect(ratingOf({ ...first, properties: {} })).toBeNull();
  });
});

describe("stageLanes", () => {
  it("orders lanes by the stage model, then stages the model does not name; a touch without a stage adds no lane", () => {
    const journey: Journey = {
      ...journeyFixture,
      stages: [
        { stage: "awareness", enteredAt: first.timestamp },
        { stage: "webinar", enteredAt: first.timestamp },
      ],
      touchpoints: [
        { ...first, stage: "webinar" },
        { ...first, stage: null },
        { ...first, stage: "awareness" },
      ],
    };
    expect(stageLanes(journey, DEFAULT_STAGES)).toEqual(["awareness", "webinar"]);
  });
});

describe("stageReached", () => {
  it("stays on the furthest stage so far through touches without a stage or of an earlier one", () => {
    const at = (stage: string | null) => ({ ...first, stage });
    const journey: Journey = {
      ...journeyFixture,
      touchpoints: [at(null), at("consideration"), at(null), at("awareness"), at("evaluation")],
    };
    expect(stageReached(journey, DEFAULT_STAGES)).toEqual([null, "consideration", "consideration", "consideration", "evaluation"]);
  });
});

describe("journeyChart", () => {
  it("keeps a busy journey to one width, with a band per session and labels only where they fit", () => {
    const touchpoints = Array.from({ length: 300 }, (_, index) => ({
      ...first,
      id: `t${index}`,
      sessionId: "s1",
      stage: "awareness",
      timestamp: new Date(Date.parse(first.timestamp) + index * 60_000).toISOString(),
    }));
    const chart = journeyChart({ ...journeyFixture, touchpoints }, DEFAULT_STAGES);
    expect(chart.getAttribute("width")).toBe(String(130 + 760 + 24));
    expect(chart.querySelectorAll("circle.dot")).toHaveLength(300);
    expect(chart.querySelectorAll("rect.session-band")).toHaveLength(3);
    expect(chart.querySelectorAll("rect.session-band title")[1]?.textContent).toBe(
      "Session from direct, 2026-03-03 17:58 – 18:02 UTC, 4 touchpoints",
    );
  });
});
