import { describe, expect, it } from "vitest";
import { attributionFixture, attributionWithSpendFixture } from "../fixtures/attribution.js";
import { svgTexts, tableHeaders, tableRows } from "../testing/table-text.js";
import { renderAttribution } from "./attribution-view.js";

describe("renderAttribution", () => {
  it("summarises the query and lists each key's conversions, value and share", () => {
    const view = renderAttribution(attributionFixture);
    expect(view.querySelector(".summary")?.textContent).toBe(
      "150 conversions (purchase) worth 12,345.50 · linear by campaign · 30-day lookback",
    );
    expect(tableHeaders(view)).toEqual(["campaign", "Conversions", "Value", "Share"]);
    expect(tableRows(view)).toEqual([
      ["spring_sale", "62.5", "5,200.25", "41.7%"],
      ["newsletter_march", "45", "3,900.00", "30.0%"],
      ["<img src=x onerror=alert(1)>", "30", "2,500.25", "20.0%"],
      ["(none)", "12.5", "745.00", "8.3%"],
    ]);
  });

  it("gives the previous period's conversions and the change when comparing", () => {
    const view = renderAttribution(attributionFixture, { ...attributionFixture, totalConversions: 120 });
    expect(view.querySelector(".summary .change")?.textContent).toBe(" · previous period 120 conversions, +30 (+25.0%)");
  });

  it("gives each key's change in conversions, from 0 for a key the previous period lacked", () => {
    const previous = {
      ...attributionFixture,
      credits: attributionFixture.credits.filter((credit) => credit.key !== "(none)").map((credit) => ({ ...credit, conversions: 40 })),
    };
    const view = renderAttribution(attributionFixture, previous);
    expect(tableHeaders(view)).toEqual([
      "campaign",
      "Conversions",
      "Change (Change in conversions from the previous period.)",
      "Value",
      "Share",
    ]);
    expect(tableRows(view).map((row) => row.slice(0, 3))).toEqual([
      ["spring_sale", "62.5", "+22.5 (+56.3%)"],
      ["newsletter_march", "45", "+5 (+12.5%)"],
      ["<img src=x onerror=alert(1)>", "30", "−10 (−25.0%)"],
      ["(none)", "12.5", "+12.5"],
    ]);
  });

  it("draws a bar per key, the largest share the longest, keys as text only", () => {
    const view = renderAttribution(attributionFixture);
    expect(svgTexts(view, "label")).toEqual(["spring_sale", "newsletter_march", "<img src=x onerror=aler…", "(none)"]);
    expect(view.querySelectorAll("text.label")[2]?.querySelector("title")?.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(svgTexts(view, "value")).toEqual(["41.7%", "30.0%", "20.0%", "8.3%"]);
    const widths = [...view.querySelectorAll("rect.bar")].map((bar) => Number(bar.getAttribute("width")));
    expect(widths).toEqual([364, 262.1, 174.7, 72.8]);
    expect(view.querySelector("img")).toBeNull();
  });

  it("adds cost, ROAS and CAC columns when spend was recorded, money in the spend's currency", () => {
    const view = renderAttribution(attributionWithSpendFixture, null, "USD");
    expect(tableHeaders(view)).toEqual(["channel", "Conversions", "Value", "Share", "Cost", "ROAS", "CAC"]);
    expect(tableRows(view)).toEqual([
      ["paid_search", "100", "€8,000.00", "66.7%", "€2,000.00", "4", "€25.00"],
      ["email", "50", "€4,345.50", "33.3%", "–", "–", "–"],
    ]);
  });

  it("shows money in the site's currency when no credit is priced, bare when the site has none", () => {
    const inDollars = renderAttribution(attributionFixture, null, "USD");
    expect(inDollars.querySelectorAll(".summary strong")[1]?.textContent).toBe("$12,345.50");
    expect(tableRows(inDollars).map((row) => row[2])).toEqual(["$5,200.25", "$3,900.00", "$2,500.25", "$745.00"]);
    expect(tableRows(renderAttribution(attributionFixture)).map((row) => row[2])).toEqual(["5,200.25", "3,900.00", "2,500.25", "745.00"]);
  });

  it("says so when there was no conversion", () => {
    const view = renderAttribution({ ...attributionFixture, totalConversions: 0, totalValue: 0, credits: [] });
    expect(view.querySelector(".empty")?.textContent).toBe("No conversions in this period.");
    expect(view.querySelector("table")).toBeNull();
  });
});
