import { describe, expect, it } from "vitest";
import type { PathTouch } from "./path-touch.js";
import { PathSummary } from "./path-summary.js";

const path = (...labels: string[]): PathTouch[] =>
  labels.map((label) => ({ key: label.replace(/\(\d+\)$/, ""), label, time: 0, direct: false }));

describe("PathSummary", () => {
  it("keeps outcomes per exact path, repeats included, in the order each path first came", () => {
    const summary = new PathSummary();
    summary.add(path("email", "email", "search"), { conversions: 1, nonConversions: 0, value: 30, firstConversions: 1 });
    summary.add(path("email", "search"), { conversions: 0, nonConversions: 1, value: 0, firstConversions: 0 });
    summary.add(path("email", "email", "search"), { conversions: 1, nonConversions: 1, value: 12.5, firstConversions: 0 });
    summary.add(path("search", "search", "email(2)", "email(2)"), { conversions: 0, nonConversions: 2, value: 0, firstConversions: 0 });

    expect(summary.get(["email", "email", "search"])).toEqual({ conversions: 2, nonConversions: 1, value: 42.5, firstConversions: 1 });
    expect(summary.get(["email", "search"])).toEqual({ conversions: 0, nonConversions: 1, value: 0, firstConversions: 0 });
    expect(summary.get(["email", "search", "search"])).toBeUndefined();
    expect([...summary.values()].map(({ labels, keys }) => [labels, keys])).toEqual([
      [
        ["email", "email", "search"],
        ["email", "email", "search"],
      ],
      [
        ["email", "search"],
        ["email", "search"],
      ],
      [
        ["search", "search", "email(2)", "email(2)"],
        ["search", "search", "email", "email"],
      ],
    ]);
    expect(summary.conversionTotals()).toEqual({ conversions: 2, value: 42.5, firstConversions: 1 });
  });
});
