import { describe, expect, it } from "vitest";
import { renderPerformanceTable, TABLE_END, TABLE_START, withPerformanceTable, type LatestResults } from "./readme-performance.js";

const latest: LatestResults = {
  machine: {
    date: "2026-12-07T10:00:00.000Z",
    node: "v20.20.2",
    platform: "linux x64",
    kernel: "6.1",
    cpus: 2,
    cpuModel: "AMD EPYC",
    memoryMb: 24_000,
    loadAverage: 0.42,
  },
  settings: { only: ["ingest", "queries"] },
  table: [
    { metric: "(b) POST 1 event, collector CPU per request", value: "39.0 us", target: "<= 40 us", verdict: "pass" },
    { metric: "attribution a|b", value: "2.51 s", target: "<= 2 s", verdict: "fail" },
    { metric: "node:http hello world", value: "40,000 req/s", target: "", verdict: "info" },
    { metric: "PostgreSQL funnel", value: "no server", target: "<= 1.5x", verdict: "n/a" },
  ],
};

describe("the README's Performance table", () => {
  it("is the run's table as Markdown under a line naming the machine and the parts", () => {
    expect(renderPerformanceTable(latest)).toBe(
      [
        "`npm run bench` on 2026-12-07: 2 x AMD EPYC, Node 20.20.2, load average 0.42 at start; parts: ingest, queries.",
        "",
        "| metric | value | target | |",
        "| --- | --- | --- | --- |",
        "| (b) POST 1 event, collector CPU per request | 39.0 us | <= 40 us | met |",
        "| attribution a\\|b | 2.51 s | <= 2 s | not met |",
        "| node:http hello world | 40,000 req/s |  |  |",
        "| PostgreSQL funnel | no server | <= 1.5x | not measured |",
      ].join("\n"),
    );
  });

  it("replaces only what lies between the markers", () => {
    const readme = `# Title\n\nprose before\n${TABLE_START}\nold table\n${TABLE_END}\nprose after\n`;
    expect(withPerformanceTable(readme, "new table")).toBe(
      `# Title\n\nprose before\n${TABLE_START}\nnew table\n${TABLE_END}\nprose after\n`,
    );
  });

  it("refuses a README without both markers", () => {
    expect(() => withPerformanceTable("# Title\n", "table")).toThrow(/needs the lines/);
    expect(() => withPerformanceTable(`${TABLE_END}\n${TABLE_START}\n`, "table")).toThrow(/in that order/);
  });
});
