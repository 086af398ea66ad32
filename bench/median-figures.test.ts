import { describe, expect, it } from "vitest";
import { median, medianFigures } from "./median-figures.js";

describe("median", () => {
  it("takes the middle value of an odd sample and the mean of the middle two of an even one", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow("empty sample");
  });
});

describe("medianFigures", () => {
  it("takes the median of every number, nested too, and the rest from the first record", () => {
    const rounds = [
      { rate: 100, load: { p99: 30, codes: { "200": 5 } }, label: "first", runs: [1] },
      { rate: 300, load: { p99: 10, codes: { "200": 9 } }, label: "second", runs: [2] },
      { rate: 200, load: { p99: 20, codes: { "200": 7, "503": 1 } }, label: "third", runs: [3] },
    ];
    expect(medianFigures(rounds)).toEqual({ rate: 200, load: { p99: 20, codes: { "200": 7 } }, label: "first", runs: [1] });
  });

  it("keeps the first record's value where some record has none", () => {
    expect(medianFigures([{ codes: { "503": 2 } }, { codes: {} }, { codes: { "503": 4 } }])).toEqual({ codes: { "503": 2 } });
  });

  it("refuses an empty list", () => {
    expect(() => medianFigures([])).toThrow("no records");
  });
});
