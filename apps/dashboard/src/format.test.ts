import { describe, expect, it } from "vitest";
import { formatChange, formatMoney, formatPointChange, formatTime, singleCurrency } from "./format.js";

describe("format", () => {
  it("writes times in UTC, whatever the viewer's time zone", () => {
    expect(formatTime("2026-03-01T23:59:30+02:00")).toBe("2026-03-01 21:59");
  });

  it("puts the currency on money when it is known", () => {
    expect(formatMoney(1234.5, "EUR")).toBe("€1,234.50");
    expect(formatMoney(1234.5, "USD")).toBe("$1,234.50");
    expect(formatMoney(1234.5, null)).toBe("1,234.50");
    expect(singleCurrency(["EUR", null, "EUR"])).toBe("EUR");
    expect(singleCurrency(["EUR", "USD"])).toBeNull();
  });

  it("signs a change and gives it as a share of the previous figure", () => {
    expect(formatChange(90, 120)).toBe("−30 (−25.0%)");
    expect(formatChange(5, 0)).toBe("+5");
    expect(formatChange(7, 7)).toBe("±0 (±0.0%)");
    expect(formatChange(7, null)).toBe("–");
  });

  it("gives a share's change in percentage points", () => {
    expect(formatPointChange(0.64, 0.6)).toBe("+4.0 pp");
    expect(formatPointChange(0.3, 0.375)).toBe("−7.5 pp");
    expect(formatPointChange(0.5, 0.5004)).toBe("±0.0 pp");
    expect(formatPointChange(null, 0.5)).toBe("–");
    expect(formatPointChange(0.5, undefined)).toBe("–");
  });
});
