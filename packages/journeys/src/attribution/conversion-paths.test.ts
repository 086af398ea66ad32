import { describe, expect, it } from "vitest";
import type { AttributionJourney, AttributionTouchpoint } from "./attribution-journey.js";
import { journeyPaths } from "./conversion-paths.js";
import { channelJourney, day, touch } from "./journey-fixtures.js";
import { resolveAttributionOptions, type AttributionOptions } from "./options.js";
import type { PathTouch } from "./path-touch.js";

function paths(journey: AttributionJourney, options: Omit<AttributionOptions, "model"> = {}) {
  const { converting, nonConverting } = journeyPaths(journey, resolveAttributionOptions({ model: "linear", ...options }));
  const keys = (path: PathTouch[]) => path.map((touch) => `${touch.key}@${(touch.time - day(0)) / 86_400_000}`);
  return {
    converting: converting.map((conversion) => ({ path: keys(conversion.path), value: conversion.value, first: conversion.first })),
    nonConverting: nonConverting && keys(nonConverting),
  };
}

function journeyOf(touchpoints: AttributionTouchpoint[], stages: AttributionJourney["stages"] = []): AttributionJourney {
  return { touchpoints, stages, conversions: [] };
}

describe("conversion paths", () => {
  it("start after the previous conversion of the same kind", () => {
    const journey = channelJourney(
      [
        ["email", 0],
        ["social", 6],
        ["search", 10],
      ],
      [
        [5, 10],
        [12, 20],
      ],
    );
    expect(paths(journey)).toEqual({
      converting: [
        { path: ["email@0"], value: 10, first: true },
        { path: ["social@6", "search@10"], value: 20, first: false },
      ],
      nonConverting: null,
    });
  });

  it("hold touches at or after lookbackDays before the conversion and strictly before it", () => {
    const journey = channelJourney(
      [
        ["early", 9.99],
        ["edge", 10],
        ["late", 19.5],
        ["same_time", 20],
      ],
      [[20, 1]],
    );
    expect(paths(journey, { lookbackDays: 10 }).converting[0]?.path).toEqual(["edge@10", "late@19.5"]);
  });

  it("count conversions in [from, to); an earlier conversion still bounds the path", () => {
    const journey = channelJourney(
      [
        ["a", 1],
        ["b", 7],
        ["c", 16],
      ],
      [
        [5, 1],
        [15, 2],
        [20, 3],
      ],
    );
    expect(paths(journey, { from: day(10), to: day(20) })).toEqual({
      converting: [{ path: ["b@7"], value: 2, first: false }],
      nonConverting: null,
    });
  });

  it("give a customer without a conversion in the period one non-converting path, ending at their last touch in it", () => {
    const journey = channelJourney([
      ["a", 1],
      ["b", 8],
      ["c", 25],
    ]);
    expect(paths(journey, { from: day(0), to: day(20) })).toEqual({ converting: [], nonConverting: ["a@1", "b@8"] });
    expect(paths(journey, { from: day(0), to: day(20), lookbackDays: 5 }).nonConverting).toEqual(["b@8"]);
  });

  it("start a non-converting path after a conversion before the period", () => {
    const journey = channelJourney(
      [
        ["a", 1],
        ["b", 3],
        ["c", 5],
      ],
      [[2, 9]],
    );
    expect(paths(journey, { from: day(4) })).toEqual({ converting: [], nonConverting: ["b@3", "c@5"] });
  });

  it("give no non-converting path to a customer with no touch in the period", () => {
    expect(paths(channelJourney([["a", 1]]), { from: day(2) })).toEqual({ converting: [], nonConverting: null });
    expect(paths(channelJourney([["a", 1]], [[2, 5]]), { from: day(3) })).toEqual({ converting: [], nonConverting: null });
  });

  it("under groupBy=touchpoint, drop page views from a path with other touchpoints, keep them when they are all it has", () => {
    const mixed = journeyOf([
      touch({ type: "page", day: 0 }),
      touch({ name: "catalog_view", day: 1 }),
      touch({ type: "page", name: "pricing", day: 2 }),
      touch({ name: "purchase", day: 3 }),
    ]);
    expect(paths(mixed, { groupBy: "touchpoint" }).converting[0]?.path).toEqual(["catalog_view@1"]);
    expect(paths(mixed, { groupBy: "channel" }).converting[0]?.path).toEqual(["direct@0", "direct@1", "direct@2"]);
    const pagesOnly = journeyOf([
      touch({ type: "page", day: 0 }),
      touch({ type: "page", name: "pricing", day: 1 }),
      touch({ name: "purchase", day: 2 }),
    ]);
    expect(paths(pagesOnly, { groupBy: "touchpoint" }).converting[0]?.path).toEqual(["page_view@0", "pricing@1"]);
  });

  it("key touches by stage and campaign, with (not set) for neither", () => {
    const journey = journeyOf([
      touch({ day: 0, stage: "awareness", campaign: "spring" }),
      touch({ day: 1 }),
      touch({ name: "purchase", day: 2 }),
    ]);
    expect(paths(journey, { groupBy: "stage" }).converting[0]?.path).toEqual(["awareness@0", "(not set)@1"]);
    expect(paths(journey, { groupBy: "campaign" }).converting[0]?.path).toEqual(["spring@0", "(not set)@1"]);
  });

  it("treat a stage entry as the conversion for stage:<name>, the entering touch not in its path, nothing after it", () => {
    const journey = journeyOf(
      [
        touch({ name: "banner_click", day: 1, stage: "awareness" }),
        touch({ name: "catalog_view", day: 3, stage: "consideration" }),
        touch({ name: "review_read", day: 6, stage: "evaluation" }),
        touch({ name: "chatbot_question", day: 7, stage: "evaluation" }),
      ],
      [
        { stage: "awareness", time: day(1) },
        { stage: "consideration", time: day(3) },
        { stage: "evaluation", time: day(6) },
      ],
    );
    expect(paths(journey, { conversion: "stage:evaluation", groupBy: "touchpoint" })).toEqual({
      converting: [{ path: ["banner_click@1", "catalog_view@3"], value: 0, first: true }],
      nonConverting: null,
    });
    expect(paths(journey, { conversion: "stage:evaluation", from: day(6.5) })).toEqual({ converting: [], nonConverting: null });
    expect(paths(journey, { conversion: "stage:purchase", groupBy: "touchpoint" }).nonConverting).toEqual([
      "banner_click@1",
      "catalog_view@3",
      "review_read@6",
      "chatbot_question@7",
    ]);
  });

  it("take touchpoints of a name the stage model does not list as conversions, valued by properties.value", () => {
    const journey = journeyOf([
      touch({ name: "banner_click", day: 0 }),
      touch({ name: "signup", day: 1, value: 12 }),
      touch({ name: "signup", day: 2 }),
    ]);
    expect(paths(journey, { conversion: "signup", groupBy: "touchpoint" }).converting).toEqual([
      { path: ["banner_click@0"], value: 12, first: true },
      { path: [], value: 0, first: false },
    ]);
  });

  it("ignore identify events and sort touches that arrive out of order", () => {
    const identify: AttributionTouchpoint = { ...touch({ day: 1 }), type: "identify", name: "identify" };
    const journey = journeyOf([
      touch({ channel: "b", day: 2 }),
      identify,
      touch({ channel: "a", day: 0 }),
      touch({ name: "purchase", day: 3 }),
    ]);
    expect(paths(journey).converting[0]?.path).toEqual(["a@0", "b@2"]);
  });
});
