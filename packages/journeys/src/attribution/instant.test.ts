import { describe, expect, it } from "vitest";
import { createAttribution } from "./create-attribution.js";
import { toPeriod } from "./instant.js";
import { spendSpan } from "./spend.js";

const ms = (iso: string) => Date.parse(iso);

describe("periods: one convention for queries and spend", () => {
  it("reads a date-only `to` as the end of that whole UTC day, a date-time `to` as an instant excluded", () => {
    expect(toPeriod("2026-03-01", "2026-03-31")).toEqual({ from: ms("2026-03-01T00:00:00Z"), to: ms("2026-04-01T00:00:00Z") });
    expect(toPeriod("2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z")).toEqual({
      from: ms("2026-03-01T00:00:00Z"),
      to: ms("2026-03-31T00:00:00Z"),
    });
    expect(toPeriod("2026-03-05", "2026-03-05")).toEqual({ from: ms("2026-03-05T00:00:00Z"), to: ms("2026-03-06T00:00:00Z") });
    expect(toPeriod(undefined, undefined)).toEqual({ from: -Infinity, to: Infinity });
    expect(() => toPeriod("2026-03-05T00:00:00Z", "2026-03-05T00:00:00Z")).toThrow("to: must be later than from");
  });

  it("gives a query and a spend row with the same dates the same span", () => {
    const row = { groupBy: "channel" as const, key: "email", from: "2026-03-01", to: "2026-03-31", amount: 31, currency: "EUR" };
    expect(spendSpan(row, 0)).toEqual(toPeriod(row.from, row.to));
  });

  it("counts a conversion on the `to` day", () => {
    const attribution = createAttribution({ model: "last_touch", from: "2026-03-01", to: "2026-03-31" });
    attribution.addJourney({
      touchpoints: [{ type: "touchpoint", name: "banner_click", stage: null, channel: "display", time: ms("2026-03-31T10:00:00Z") }],
      stages: [],
      conversions: [{ id: "p", name: "purchase", time: ms("2026-03-31T23:59:59Z"), value: 5 }],
    });
    expect(attribution.result()).toMatchObject({ totalConversions: 1, credits: [{ key: "display", conversions: 1, value: 5 }] });
  });
});
