import { describe, expect, it } from "vitest";
import { parseIsoDuration } from "./iso-duration.js";

describe("parseIsoDuration", () => {
  it("reads weeks, days, hours, minutes and seconds", () => {
    expect(parseIsoDuration("PT3S")).toBe(3_000);
    expect(parseIsoDuration("P3D")).toBe(3 * 86_400_000);
    expect(parseIsoDuration("P1W")).toBe(7 * 86_400_000);
    expect(parseIsoDuration("P1DT12H30M")).toBe(86_400_000 + 12 * 3_600_000 + 30 * 60_000);
    expect(parseIsoDuration("PT0.5S")).toBe(500);
    expect(parseIsoDuration("PT0S")).toBe(0);
  });

  it("refuses calendar lengths and malformed text", () => {
    for (const text of ["P1M", "P1Y", "P", "PT", "P1DT", "3D", "pt3s", "PT-3S", "P3D ", ""])
      expect(parseIsoDuration(text), text).toBeNull();
  });
});
