import { describe, expect, it } from "vitest";
import { csvOf } from "./csv.js";

describe("csvOf", () => {
  it("quotes commas, quotes and line breaks and ends every row with CRLF", () => {
    expect(
      csvOf([
        ["key", "value"],
        ['say "hi"', "a,b"],
        ["line\nbreak", "1,234"],
      ]),
    ).toBe('key,value\r\n"say ""hi""","a,b"\r\n"line\nbreak","1,234"\r\n');
  });

  it("keeps event text from running as a spreadsheet formula, but not negative numbers", () => {
    expect(csvOf([['=HYPERLINK("x")', "+1", "@cmd", "-3.5", "-"]])).toBe(`"'=HYPERLINK(""x"")",'+1,'@cmd,-3.5,'-\r\n`);
  });
});
