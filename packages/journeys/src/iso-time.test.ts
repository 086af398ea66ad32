import { describe, expect, it } from "vitest";
import { isoTime } from "./iso-time.js";

describe("isoTime", () => {
  it.each([
    0,
    -1,
    Date.parse("2026-03-02T09:00:00.000Z"),
    Date.parse("2024-02-29T23:59:59.999Z"),
    Date.parse("2000-02-29T12:00:00.001Z"),
    Date.parse("1900-03-01T00:00:00.000Z"),
    Date.parse("0000-01-01T00:00:00.000Z"),
    Date.parse("9999-12-31T23:59:59.999Z"),
    Date.parse("+010000-01-01T00:00:00.000Z"),
    Date.parse("-000001-12-31T00:00:00.000Z"),
  ])("formats %d exactly as toISOString", (ms) => {
    expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it("agrees with toISOString over a spread of instants across four centuries", () => {
    const start = Date.parse("1850-01-01T00:00:00.000Z");
    const span = Date.parse("2250-01-01T00:00:00.000Z") - start;
    const mismatches: number[] = [];
    // A stride of about 14.3 days, not a multiple of any calendar unit, lands on ever-different days, hours and milliseconds.
    for (let ms = start; ms < start + span; ms += 1_234_567_891) {
      if (isoTime(ms) !== new Date(ms).toISOString()) mismatches.push(ms);
    }
    expect(mismatches).toEqual([]);
  });

  it("throws like toISOString for an invalid time", () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
