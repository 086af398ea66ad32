import { describe, expect, it } from "vitest";
import type { AttributionComparisonResponse, CustomerValueResponse, PathsResponse } from "../api-types.js";
import { tableRows } from "../testing/table-text.js";
import { renderAttributionComparison } from "./attribution-comparison-view.js";
import { renderCustomerValue } from "./customer-value-view.js";
import { pathText, renderPaths } from "./paths-view.js";

const credit = (conversions: number, share: number) => ({
  conversions,
  value: conversions * 10,
  share,
  firstConversions: conversions,
  roas: null,
  cac: null,
});

/** Linear and Markov credit for email and direct, 10 conversions worth 100. */
const LINEAR_BESIDE_MARKOV: AttributionComparisonResponse = {
  models: ["linear", "markov"],
  conversion: "purchase",
  groupBy: "channel",
  lookbackDays: 30,
  totalConversions: 10,
  totalValue: 100,
  credits: [
    { key: "email", cost: null, currency: null, models: { linear: credit(6, 0.6), markov: credit(4.5, 0.45) } },
    { key: "direct", cost: null, currency: null, models: { linear: credit(4, 0.4), markov: credit(5.5, 0.55) } },
  ],
};

describe("renderAttributionComparison", () => {
  it("puts each model's conversions and share side by side per key", () => {
    const response = LINEAR_BESIDE_MARKOV;
    const view = renderAttributionComparison(response, (model) => (model === "markov" ? "Markov" : "Linear"));
    expect([...view.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual([
      "channel",
      "Linear: conversions",
      "Linear: share",
      "Markov: conversions",
      "Markov: share",
    ]);
    expect(tableRows(view)).toEqual([
      ["email", "6", "60.0%", "4.5", "45.0%"],
      ["direct", "4", "40.0%", "5.5", "55.0%"],
    ]);
    expect(view.querySelectorAll(".summary strong")[1]?.textContent).toBe("100.00");
    expect(renderAttributionComparison(response, String, "EUR").querySelectorAll(".summary strong")[1]?.textContent).toBe("€100.00");
  });

  it("with the previous period, gives each model's change in conversions per key, from 0 for a key it lacked", () => {
    const current = LINEAR_BESIDE_MARKOV;
    const previous: AttributionComparisonResponse = {
      ...current,
      totalConversions: 8,
      totalValue: 80,
      credits: [{ key: "email", cost: null, currency: null, models: { linear: credit(8, 1), markov: credit(3, 1) } }],
    };
    const view = renderAttributionComparison(current, (model) => (model === "markov" ? "Markov" : "Linear"), null, previous);
    expect([...view.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual([
      "channel",
      "Linear: conversions",
      "Linear: change (Change in conversions from the previous period.)",
      "Linear: share",
      "Markov: conversions",
      "Markov: change (Change in conversions from the previous period.)",
      "Markov: share",
    ]);
    expect(tableRows(view)).toEqual([
      ["email", "6", "−2 (−25.0%)", "60.0%", "4.5", "+1.5 (+50.0%)", "45.0%"],
      ["direct", "4", "+4", "40.0%", "5.5", "+5.5", "55.0%"],
    ]);
    expect(view.querySelector(".summary .change")?.textContent).toBe(" · previous period 8 conversions, +2 (+25.0%)");
  });
});

const valueRow = (key: string, customers: number, value: number, cost: number | null) => ({
  key,
  customers,
  value,
  cltv: value / customers,
  cltvAt: [{ days: 90, customers, cltv: value / customers / 2 }],
  cost,
  currency: cost === null ? null : "EUR",
  cac: cost === null ? null : cost / customers,
  ltvToCac: cost === null ? null : value / cost,
  paybackDays: cost === null ? null : 12.5,
});

describe("renderCustomerValue", () => {
  it("shows CLTV per channel, and cost, CAC, ROAS and LTV:CAC in the spend's currency once spend is recorded", () => {
    const response: CustomerValueResponse = {
      groupBy: "channel",
      conversion: "purchase",
      total: valueRow("(all)", 4, 800, 200),
      groups: [valueRow("paid_search", 3, 600, 200), valueRow("email", 1, 200, null)],
    };
    expect(tableRows(renderCustomerValue(response))).toEqual([
      ["paid_search", "3", "€600.00", "€200.00", "€100.00", "€200.00", "€66.67", "3.00×", "3.00×", "12.5 d"],
      ["email", "1", "€200.00", "€200.00", "€100.00", "–", "–", "–", "–", "–"],
      ["(all)", "4", "€800.00", "€200.00", "€100.00", "€200.00", "€50.00", "4.00×", "4.00×", "12.5 d"],
    ]);
  });

  it("gives each group's change in customers acquired, the total's too", () => {
    const response: CustomerValueResponse = {
      groupBy: "channel",
      conversion: "purchase",
      total: valueRow("(all)", 4, 800, null),
      groups: [valueRow("paid_search", 3, 600, null), valueRow("email", 1, 200, null)],
    };
    const previous: CustomerValueResponse = {
      ...response,
      total: valueRow("(all)", 2, 300, null),
      groups: [valueRow("paid_search", 2, 300, null)],
    };
    expect(tableRows(renderCustomerValue(response, previous)).map((row) => row.slice(0, 3))).toEqual([
      ["paid_search", "3", "+1 (+50.0%)"],
      ["email", "1", "+1"],
      ["(all)", "4", "+2 (+100.0%)"],
    ]);
  });

  it("says a filter, not missing spend, empties the cost columns", () => {
    const response: CustomerValueResponse = {
      groupBy: "channel",
      conversion: "purchase",
      total: valueRow("(all)", 2, 100, null),
      groups: [valueRow("email", 2, 100, null)],
    };
    expect(renderCustomerValue(response, null, true).querySelector(".summary")?.textContent).toBe(
      "2 customers acquired (first purchase), CLTV 50.00 · Filtered: cost, ROAS and CAC stay empty, as spend is recorded for everyone and not per segment.",
    );
  });

  it("says when no spend is recorded, so empty cost columns read as missing data", () => {
    const response: CustomerValueResponse = {
      groupBy: "channel",
      conversion: "purchase",
      total: valueRow("(all)", 2, 100, null),
      groups: [valueRow("email", 2, 100, null)],
    };
    expect(renderCustomerValue(response).querySelector(".summary")?.textContent).toBe(
      "2 customers acquired (first purchase), CLTV 50.00 · no spend recorded for this period, so cost, CAC and ROAS are empty",
    );
  });
});

describe("renderPaths", () => {
  it("lists the top paths as arrows and the path-length and days-to-convert distributions", () => {
    const bucket = (name: string, conversions: number) => ({ bucket: name, conversions, value: conversions * 10, share: conversions / 4 });
    const response: PathsResponse = {
      conversion: "purchase",
      groupBy: "channel",
      lookbackDays: 30,
      totalConversions: 4,
      totalValue: 40,
      distinctPaths: 2,
      paths: [
        { path: ["paid_search", "email"], conversions: 3, value: 30, share: 0.75, meanDaysToConvert: 2.25 },
        { path: [], conversions: 1, value: 10, share: 0.25, meanDaysToConvert: null },
      ],
      pathLength: [bucket("0", 1), bucket("2", 3)],
      daysToConvert: [bucket("(none)", 1), bucket("2", 3)],
    };
    const view = renderPaths(response);
    expect(tableRows(view, "Top conversion paths by channel")).toEqual([
      ["paid_search → email", "3", "30.00", "75.0%", "2.3 d"],
      ["(no touch)", "1", "10.00", "25.0%", "–"],
    ]);
    expect(tableRows(view, "Path length (touches)")).toEqual([
      ["0", "1", "25.0%"],
      ["2", "3", "75.0%"],
    ]);
    expect(tableRows(view, "Days from first touch to conversion")[0]).toEqual(["(none)", "1", "25.0%"]);
    expect(pathText(["a"])).toBe("a");

    const previous: PathsResponse = {
      ...response,
      totalConversions: 2,
      paths: [{ path: ["paid_search", "email"], conversions: 2, value: 20, share: 1, meanDaysToConvert: 3 }],
      pathLength: [bucket("2", 2)],
      daysToConvert: [bucket("2", 2)],
    };
    const compared = renderPaths(response, previous);
    expect(compared.querySelector(".summary .change")?.textContent).toBe(" · previous period 2 conversions, +2 (+100.0%)");
    expect(tableRows(compared, "Top conversion paths by channel").map((row) => row.slice(0, 3))).toEqual([
      ["paid_search → email", "3", "+1 (+50.0%)"],
      // Not among the previous period's top paths: its count then is unknown.
      ["(no touch)", "1", "–"],
    ]);
    expect(tableRows(compared, "Path length (touches)")).toEqual([
      ["0", "1", "25.0%", "+1"],
      ["2", "3", "75.0%", "+1 (+50.0%)"],
    ]);
    expect(tableRows(compared, "Days from first touch to conversion")[1]).toEqual(["2", "3", "75.0%", "+1 (+50.0%)"]);
  });
});
