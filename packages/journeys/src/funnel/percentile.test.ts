import { describe, expect, it } from "vitest";
import { percentile } from "./percentile.js";

describe("percentile", () => {
  it("interpolates between the nearest ranks", () => {
    // Positions (n - 1) q: median of four at 1.5 -> (2 + 4) / 2; p90 at 2.7 -> 4 + 0.7 x (10 - 4).
    expect(percentile([1, 2, 4, 10], 0.5)).toBe(3);
    expect(percentile([1, 2, 4, 10], 0.9)).toBeCloseTo(8.2, 12);
    expect(percentile([1, 2, 4], 0.5)).toBe(2);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});
