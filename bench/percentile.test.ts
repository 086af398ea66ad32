import { describe, expect, it } from "vitest";
import { percentile } from "./percentile.js";

describe("percentile", () => {
  const sample = [15, 20, 35, 40, 50];

  it("takes the nearest rank", () => {
    expect(percentile(sample, 5)).toBe(15);
    expect(percentile(sample, 30)).toBe(20);
    expect(percentile(sample, 40)).toBe(20);
    expect(percentile(sample, 50)).toBe(35);
    expect(percentile(sample, 95)).toBe(50);
    expect(percentile(sample, 100)).toBe(50);
  });

  it("gives the minimum for p0 and ignores input order", () => {
    expect(percentile([9, 3, 7], 0)).toBe(3);
    expect(percentile([9, 3, 7], 50)).toBe(7);
  });

  it("rejects an empty sample and p outside 0..100", () => {
    expect(() => percentile([], 50)).toThrow("empty sample");
    expect(() => percentile([1], 101)).toThrow("within 0..100, got 101");
    expect(() => percentile([1], Number.NaN)).toThrow("within 0..100");
  });
});
