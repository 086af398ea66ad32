import { describe, expect, it } from "vitest";
import { momentsFixture } from "../fixtures/moments.js";
import { svgTexts, tableRows } from "../testing/table-text.js";
import { renderMomentsOfTruth } from "./moments-view.js";

describe("renderMomentsOfTruth", () => {
  it("lists the stage's touchpoints, the most decisive first", () => {
    const view = renderMomentsOfTruth(momentsFixture);
    expect(view.querySelector(".summary")?.textContent).toBe(
      "Share of customers who advanced from evaluation within 7 days, by touchpoint.",
    );
    expect(tableRows(view)).toEqual([
      ["review_read", "300", "60.0%", "10.0%"],
      ["chatbot_question", "120", "45.0%", "20.0%"],
      ["pricing_page", "80", "12.5%", "50.0%"],
    ]);
  });

  it("gives each touchpoint's change in customers and in the advanced share against the previous period", () => {
    const previous = { ...momentsFixture, touchpoints: [{ name: "review_read", customers: 250, advanced: 0.5, quiet: 0.2 }] };
    expect(tableRows(renderMomentsOfTruth(momentsFixture, previous))).toEqual([
      ["review_read", "300", "60.0%", "10.0%", "+50 (+20.0%)", "+10.0 pp"],
      ["chatbot_question", "120", "45.0%", "20.0%", "+120", "–"],
      ["pricing_page", "80", "12.5%", "50.0%", "+80", "–"],
    ]);
  });

  it("draws the advanced share on a 0..100% scale", () => {
    const view = renderMomentsOfTruth(momentsFixture);
    expect(svgTexts(view, "label")).toEqual(["review_read", "chatbot_question", "pricing_page"]);
    const widths = [...view.querySelectorAll("rect.bar")].map((bar) => Number(bar.getAttribute("width")));
    expect(widths).toEqual([218.4, 163.8, 45.5]);
  });

  it("says so when the stage had no touchpoint", () => {
    expect(renderMomentsOfTruth({ stage: "loyalty", withinDays: 7, touchpoints: [] }).textContent).toBe("No touchpoints seen in loyalty.");
  });
});
