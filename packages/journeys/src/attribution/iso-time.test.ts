import { describe, expect, it } from "vitest";
import { isoTimeMs } from "./iso-time.js";

describe("isoTimeMs", () => {
  it("agrees with Date.parse on toISOString output across leap years, month ends and centuries", () => {
    const instants = [
      0,
      -1,
      951_782_400_000,
      951_868_799_999,
      4_107_542_400_000,
      -2_208_988_800_000,
      Date.UTC(2024, 1, 29, 12, 34, 56, 789),
      Date.UTC(2100, 2, 1),
    ];
    for (let ms = Date.UTC(1999, 11, 31); ms < Date.UTC(2001, 0, 2); ms += 86_400_000 + 3_600_001) instants.push(ms);
    for (const ms of instants) expect(isoTimeMs(new Date(ms).toISOString())).toBe(ms);
  });

  it("hands other shapes to Date.parse", () => {
    expect(isoTimeMs("2026-01-02")).toBe(Date.UTC(2026, 0, 2));
    expect(isoTimeMs("2026-01-02T03:04:05+01:00")).toBe(Date.UTC(2026, 0, 2, 2, 4, 5));
    expect(isoTimeMs("2026-13-02T03:04:05.000Z")).toBeNaN();
    expect(isoTimeMs("2026-01-02T24:00:00.000Z")).toBe(Date.parse("2026-01-02T24:00:00.000Z"));
    expect(isoTimeMs("2026-02-31T00:00:00.000Z")).toBe(Date.parse("2026-02-31T00:00:00.000Z"));
    expect(isoTimeMs("2026-01-0xT03:04:05.000Z")).toBeNaN();
    expect(isoTimeMs("not a time")).toBeNaN();
  });
});
