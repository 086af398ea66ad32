import { describe, expect, it } from "vitest";
import type { AttributionResult } from "./create-attribution.js";
import { withSpend, type SpendRow } from "./spend.js";

const result: AttributionResult = {
  model: "linear",
  conversion: "purchase",
  groupBy: "channel",
  lookbackDays: 30,
  totalConversions: 4,
  totalValue: 140,
  credits: [
    { key: "email", conversions: 2, value: 100, share: 0.5, firstConversions: 1 },
    { key: "(none)", conversions: 1, value: 10, share: 0.25, firstConversions: 1 },
    { key: "social", conversions: 1, value: 30, share: 0.25, firstConversions: 1 },
  ],
};

describe("withSpend", () => {
  it("pro-rates spend into the window and derives roas and cac per key", () => {
    const spend: SpendRow[] = [
      // 30 whole days (Jan 1 to Jan 30); the window holds Jan 21 to Jan 30: 10 days, a third of 300.
      { groupBy: "channel", key: "email", from: "2026-01-01", to: "2026-01-30", amount: 300, currency: "EUR" },
      { groupBy: "channel", key: "email", from: "2026-02-01", to: "2026-02-10", amount: 999, currency: "EUR" },
      // One day as instants, inside the window: all of it.
      { groupBy: "channel", key: "social", from: "2026-01-25T00:00:00Z", to: "2026-01-26T00:00:00Z", amount: 50, currency: "EUR" },
      { groupBy: "channel", key: "display", from: "2026-01-21", to: "2026-01-22", amount: 40, currency: "EUR" },
      { groupBy: "campaign", key: "email", from: "2026-01-21", to: "2026-01-22", amount: 1000, currency: "EUR" },
    ];
    expect(withSpend(result, spend, { from: "2026-01-21T00:00:00Z", to: "2026-02-01T00:00:00Z" }).credits).toEqual([
      { key: "email", conversions: 2, value: 100, share: 0.5, firstConversions: 1, cost: 100, currency: "EUR", roas: 1, cac: 100 },
      { key: "(none)", conversions: 1, value: 10, share: 0.25, firstConversions: 1, cost: null, currency: null, roas: null, cac: null },
      { key: "social", conversions: 1, value: 30, share: 0.25, firstConversions: 1, cost: 50, currency: "EUR", roas: 0.6, cac: 50 },
      { key: "display", conversions: 0, value: 0, share: 0, firstConversions: 0, cost: 40, currency: "EUR", roas: 0, cac: null },
    ]);
  });

  it("takes whole rows without a window; touchpoint or stage results get no cost", () => {
    const spend: SpendRow[] = [{ groupBy: "channel", key: "social", from: "2026-01-01", to: "2026-01-31", amount: 60, currency: "USD" }];
    expect(withSpend(result, spend).credits.find((credit) => credit.key === "social")).toMatchObject({ cost: 60, roas: 0.5, cac: 60 });
    expect(withSpend({ ...result, groupBy: "touchpoint" }, spend).credits.every((credit) => credit.cost === null)).toBe(true);
  });

  it("refuses mixed currencies for one key and malformed rows", () => {
    const row: SpendRow = { groupBy: "channel", key: "email", from: "2026-01-01", to: "2026-01-02", amount: 1, currency: "EUR" };
    expect(() => withSpend(result, [row, { ...row, currency: "USD" }])).toThrow('spend: spend for "email" mixes currencies EUR and USD');
    expect(() => withSpend(result, [{ ...row, to: "2025-12-31" }])).toThrow("spend[0]: to must not be before from");
    expect(() => withSpend(result, [{ ...row, from: "soon" }])).toThrow(
      "spend[0]: from and to must be YYYY-MM-DD dates or ISO-8601 date-times",
    );
    expect(() => withSpend(result, [{ ...row, amount: -5 }])).toThrow("spend[0]: amount must be a number >= 0");
  });
});
