import { describe, expect, it } from "vitest";
import { benchSettings } from "./bench-settings.js";
import type { QueryFigures, QueryMeasurement } from "./queries.js";
import { missingQueryReasons, queryRows } from "./report-rows.js";

const settings = benchSettings({}).queries;
const timed = (p50Ms: number, p95Ms: number, maxMs: number): QueryMeasurement => ({ status: "measured", timing: { firstMs: maxMs, runs: 5, p50Ms, p95Ms, maxMs } });

describe("queryRows", () => {
  it("judges the journey by p95 and funnel and attribution by their slowest run", () => {
    const figures: QueryFigures = {
      settings,
      database: { events: 1_002_345, seedSeconds: 80, seedSummary: {} },
      firstReport: { status: "measured", timing: { firstMs: 21_345.6, runs: 0, p50Ms: 21_345.6, p95Ms: 21_345.6, maxMs: 21_345.6 } },
      journey: timed(3.456, 12.5, 20),
      customers: { status: "failed", reason: "GET http://127.0.0.1:1/v1/customers?limit=100: 500 {}" },
      funnel: timed(400, 900, 1000),
      attribution: { linear: timed(100, 200, 300), markov: timed(1500, 1900, 2100), shapley: { status: "unavailable", reason: "/v1/attribution is not served yet" } },
      collectorPeakRssMb: 123.4,
    };
    expect(queryRows(figures)).toEqual([
      { metric: "query database: events", value: "1,002,345", target: "", verdict: "info" },
      { metric: "first report after seeding (builds every journey digest)", value: "21345.6 ms", target: "", verdict: "info" },
      { metric: "journey of 1,000 events, p50", value: "3.46 ms", target: "", verdict: "info" },
      { metric: "journey of 1,000 events, p95", value: "12.5 ms", target: "<= 10 ms", verdict: "fail" },
      { metric: "customers list (limit 100), p95", value: "failed", target: "", verdict: "fail" },
      { metric: "funnel, slowest of 3", value: "1000.0 ms", target: "<= 1 s", verdict: "pass" },
      { metric: "attribution linear, slowest of 3", value: "300.0 ms", target: "<= 2 s", verdict: "pass" },
      { metric: "attribution markov, slowest of 3", value: "2100.0 ms", target: "<= 2 s", verdict: "fail" },
      { metric: "attribution shapley, slowest of 3", value: "not available yet", target: "<= 2 s", verdict: "n/a" },
      { metric: "collector peak RSS (queries)", value: "123 MB", target: "", verdict: "info" },
    ]);
    expect(missingQueryReasons(figures)).toEqual(["GET http://127.0.0.1:1/v1/customers?limit=100: 500 {}", "/v1/attribution is not served yet"]);
  });
});
