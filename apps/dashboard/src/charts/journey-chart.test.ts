import { describe, expect, it } from "vitest";
import type { Journey, JourneyTouchpoint } from "../api-types.js";
import { DEFAULT_STAGES } from "../context.js";
import { journeyFixture } from "../fixtures/journey.js";
import { svgTexts } from "../testing/table-text.js";
import { journeyChart, ratingOf, stageLanes } from "./journey-chart.js";

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
  it("orders lanes by the stage model, then stages the model does not name, then touchpoints without a stage", () => {
    const journey: Journey = {
      ...journeyFixture,
      stages: [{ stage: "awareness", enteredAt: first.timestamp }, { stage: "webinar", enteredAt: first.timestamp }],
      touchpoints: [
        { ...first, stage: "webinar" },
        { ...first, stage: null },
        { ...first, stage: "awareness" },
      ],
    };
    expect(stageLanes(journey, DEFAULT_STAGES)).toEqual(["awareness", "webinar", "(no stage)"]);
  });
});

describe("journeyChart", () => {
  it("gives a long journey 12 px per touchpoint and a sideways scroll, and labels only bands wide enough", () => {
    const touchpoints = Array.from({ length: 300 }, (_, index) => ({ ...first, id: `t${index}`, sessionId: index < 299 ? "long" : "short", stage: "awareness" }));
    const chart = journeyChart({ ...journeyFixture, touchpoints, sessions: [] }, DEFAULT_STAGES);
    expect(chart.getAttribute("width")).toBe(String(130 + 300 * 12 + 20));
    expect(chart.querySelectorAll("circle.dot")).toHaveLength(300);
    expect(chart.querySelectorAll("rect.session-band")).toHaveLength(2);
    expect(svgTexts(chart, "session-label")).toEqual(["paid_search"]);
    expect(chart.querySelectorAll("rect.session-band title")[1]?.textContent).toBe("Session from paid_search, 2026-03-01 09:00");
  });
});
