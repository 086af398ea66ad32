import { describe, expect, it } from "vitest";
import { numericValue } from "./numeric-value.js";

describe("numericValue", () => {
  it.each([
    [20, 20],
    [19.9, 19.9],
    ["20", 20],
    [" 19.90 ", 19.9],
    ["-5", -5],
    ["1e3", 1000],
    [".5", 0.5],
  ])("%j counts as %d", (value, expected) => {
    expect(numericValue(value)).toBe(expected);
  });

  it.each([["20 EUR"], [""], ["abc"], ["0x10"], [Number.NaN], [Number.POSITIVE_INFINITY], ["1e999"], [null], [true], [undefined]])(
    "%j has no value",
    (value) => {
      expect(numericValue(value)).toBeUndefined();
    },
  );
});
