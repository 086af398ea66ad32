import { describe, expect, it } from "vitest";
import { type CpuProfile, summarizeCpuProfile } from "./cpu-profile.js";

const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

// (root) -> handle (app.js:10) -> parse (app.js:20)
//                             -> insert (db.js:5) -> parse (app.js:20)
//        -> (garbage collector), (idle)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 5, 6] },
    { id: 2, callFrame: frame("handle", "file:///app.js", 9), children: [3, 4] },
    { id: 3, callFrame: frame("parse", "file:///app.js", 19) },
    { id: 4, callFrame: frame("insert", "file:///db.js", 4), children: [7] },
    { id: 5, callFrame: frame("(garbage collector)") },
    { id: 6, callFrame: frame("(idle)") },
    { id: 7, callFrame: frame("parse", "file:///app.js", 19) },
  ],
  // 8 busy samples and 2 idle ones.
  samples: [3, 3, 7, 4, 4, 2, 5, 3, 6, 6],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
};

describe("summarizeCpuProfile", () => {
  it("merges a function's call paths and gives self and total shares of the busy samples", () => {
    const summary = summarizeCpuProfile(profile);
    expect(summary.samples).toBe(10);
    expect(summary.idlePercent).toBe(20);
    expect(summary.functions).toEqual([
      { functionName: "parse", location: "file:///app.js:20", selfPercent: 50, totalPercent: 50 },
      { functionName: "insert", location: "file:///db.js:5", selfPercent: 25, totalPercent: 37.5 },
      { functionName: "handle", location: "file:///app.js:10", selfPercent: 12.5, totalPercent: 87.5 },
      { functionName: "(garbage collector)", location: "", selfPercent: 12.5, totalPercent: 12.5 },
    ]);
  });

  it("leaves out the samples of the first milliseconds", () => {
    const summary = summarizeCpuProfile(profile, undefined, 0.5);
    // Samples 5 to 10 remain: insert, handle, (garbage collector), parse and two idle ones.
    expect(summary.samples).toBe(6);
    expect(summary.idlePercent).toBeCloseTo(100 / 3, 12);
    expect(summary.functions.map((f) => [f.functionName, f.selfPercent])).toEqual([
      ["handle", 25],
      ["(garbage collector)", 25],
      ["insert", 25],
      ["parse", 25],
    ]);
  });

  it("names locations through the given locator", () => {
    const summary = summarizeCpuProfile(profile, (url, line) => ({ file: url.replace("file:///", "src/"), line: line * 10 }));
    expect(summary.functions[0]?.location).toBe("src/app.js:190");
  });
});
