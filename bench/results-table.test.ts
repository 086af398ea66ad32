import { describe, expect, it } from "vitest";
import { formatTable } from "./results-table.js";

describe("formatTable", () => {
  it("pads every column to its widest cell, header included", () => {
    const table = formatTable([
      { metric: "R1 = (b)/(a)", value: "0.42", target: ">= 0.6", verdict: "fail" },
      { metric: "GET /healthz", value: "12,000 req/s", target: "", verdict: "info" },
    ]);
    expect(table).toBe(
      [
        "metric        value         target  result",
        "------------  ------------  ------  ------",
        "R1 = (b)/(a)  0.42          >= 0.6  fail",
        "GET /healthz  12,000 req/s          info",
      ].join("\n"),
    );
  });

  it("prints the header alone for no rows", () => {
    expect(formatTable([])).toBe("metric  value  target  result\n------  -----  ------  ------");
  });
});
