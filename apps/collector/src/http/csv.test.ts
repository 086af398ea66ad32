import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv.js";

describe("csv", () => {
  it("quotes a field with a comma, a quote, CR or LF, doubling its quotes", () => {
    expect(csvField('spring, "big" sale')).toBe('"spring, ""big"" sale"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField("plain text")).toBe("plain text");
  });

  it("writes numbers and booleans as JavaScript prints them and null as an empty field, CRLF at the end", () => {
    expect(csvLine([1 / 3, true, null, "a"])).toBe("0.3333333333333333,true,,a\r\n");
  });
});
