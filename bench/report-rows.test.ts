import { describe, expect, it } from "vitest";
import { benchSettings } from "./bench-settings.js";
import type { QueryFigures, QueryMeasurement } from "./queries.js";
import { ingestRows, missingQueryReasons, queryRows } from "./report-rows.js";

const settings = benchSettings({}).queries;
const timed = (p50Ms: number, p95Ms: number, maxMs: number): QueryMeasurement => ({
  status: "measured",
  timing: { firstMs: maxMs, runs: 5, p50Ms, p95Ms, maxMs },
});

describe("queryRows", () => {
  it("judges the journey, asked again and first asked, by p95 and funnel and attribution by their slowest run", () => {
    const figures: QueryFigures = {
      settings,
      database: { events: 1_002_345, seedSeconds: 80, seedSummary: {} },
      upkeepCatchUp: { status: "measured", timing: { firstMs: 21_345.6, runs: 0, p50Ms: 21_345.6, p95Ms: 21_345.6, maxMs: 21_345.6 } },
      journey: timed(0.789, 1.5, 2),
      // As many as that run asked (an older results file asked 20): the label says how many.
      journeyFirstRequests: { status: "measured", timing: { firstMs: 20, runs: 40, p50Ms: 3.456, p95Ms: 12.5, maxMs: 20 } },
      customers: { status: "failed", reason: "GET http://127.0.0.1:1/v1/customers?limit=100: 500 {}" },
      funnel: timed(400, 900, 1000),
      attribution: {
        linear: timed(100, 200, 300),
        markov: timed(1500, 1900, 2100),
        shapley: { status: "unavailable", reason: "/v1/attribution is not served yet" },
      },
      analyst: {
        customerValue: timed(500, 600, 700),
        customerValueByCohort: timed(500, 600, 650),
        paths: timed(800, 900, 1000),
        attributionRows: timed(1800, 2400, 2500),
        modelComparison: { status: "failed", reason: "GET http://127.0.0.1:1/v1/attribution?model=linear,markov,shapley: 500 {}" },
      },
      collectorPeakRssMb: 123.4,
    };
    expect(queryRows(figures)).toEqual([
      { metric: "query database: events", value: "1,002,345", target: "", verdict: "info" },
      { metric: "journey upkeep caught up after seeding (builds every digest)", value: "21345.6 ms", target: "", verdict: "info" },
      { metric: "journey of 1,000 events, asked again, p50", value: "0.79 ms", target: "", verdict: "info" },
      { metric: "journey of 1,000 events, asked again, p95", value: "1.50 ms", target: "<= 10 ms", verdict: "pass" },
      { metric: "journey of 1,000 events, first request of 40 customers, p50", value: "3.46 ms", target: "", verdict: "info" },
      { metric: "journey of 1,000 events, first request of 40 customers, p95", value: "12.5 ms", target: "<= 10 ms", verdict: "fail" },
      { metric: "customers list (limit 100), p95", value: "failed", target: "", verdict: "fail" },
      { metric: "funnel, slowest of 3", value: "1000.0 ms", target: "<= 1 s", verdict: "pass" },
      { metric: "attribution linear, slowest of 3", value: "300.0 ms", target: "<= 2 s", verdict: "pass" },
      { metric: "attribution markov, slowest of 3", value: "2100.0 ms", target: "<= 2 s", verdict: "fail" },
      { metric: "attribution shapley, slowest of 3", value: "not available yet", target: "<= 2 s", verdict: "n/a" },
      { metric: "customer value by channel, slowest of 3", value: "700.0 ms", target: "<= 2 s", verdict: "pass" },
      { metric: "customer value by cohort, slowest of 3", value: "650.0 ms", target: "<= 2 s", verdict: "pass" },
      { metric: "conversion paths, slowest of 3", value: "1000.0 ms", target: "<= 2 s", verdict: "pass" },
      {
        metric: "attribution rows, CSV (linear, position_based, shapley), slowest of 3",
        value: "2500.0 ms",
        target: "<= 2 s",
        verdict: "fail",
      },
      { metric: "attribution comparing linear, markov, shapley, slowest of 3", value: "failed", target: "<= 2 s", verdict: "fail" },
      { metric: "collector peak RSS (queries)", value: "123 MB", target: "", verdict: "info" },
    ]);
    expect(missingQueryReasons(figures)).toEqual([
      "GET http://127.0.0.1:1/v1/customers?limit=100: 500 {}",
      "/v1/attribution is not served yet",
      "GET http://127.0.0.1:1/v1/attribution?model=linear,markov,shapley: 500 {}",
    ]);
  });
});

describe("ingestRows", () => {
  const load = (requestsPerSecond: number, serverCpuUsPerRequest: number) => ({
    seconds: 10,
    requestsPerSecond,
    latencyP50Ms: 2,
    latencyP99Ms: 20,
    latencyMaxMs: 30,
    sent: requestsPerSecond * 10,
    answered2xx: requestsPerSecond * 10,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: { "200": requestsPerSecond * 10 },
    serverCpuUsPerRequest,
  });
  const batch = (requestsPerSecond: number, events: number, serverCpuUsPerRequest: number) => ({
    ...load(requestsPerSecond, serverCpuUsPerRequest),
    eventsPerSecond: requestsPerSecond * events,
    acceptedEvents: requestsPerSecond * events * 10,
    sentEvents: requestsPerSecond * events * 10,
    eventsPerRequest: events,
    unexpectedAnswers: 0,
    firstUnexpectedAnswer: null,
    collectorPeakRssMb: 150,
  });

  it("judges R1 by the collector's CPU per request and shows the rate ratio beside it", () => {
    const rows = ingestRows({
      nodeHttpHello: load(40_000, 20),
      healthz: { ...load(16_000, 25), collectorPeakRssMb: 100 },
      singleEvent: batch(4_000, 1, 50),
      batch50: { ...batch(800, 50, 500), serverCpuUsPerEvent: 10 },
      r1: 0.25,
      r1ByCpu: 0.5,
      healthzOverNodeHttp: 0.4,
      collectorPeakRssMb: 150,
      check: { answers: 1, unexpected: 0, acknowledgedEvents: 1, sentEvents: 1, storedEvents: 1, consistent: true },
    });
    const byMetric = new Map(rows.map((row) => [row.metric, row]));
    expect(byMetric.get("(a) collector CPU per request")).toEqual({
      metric: "(a) collector CPU per request",
      value: "25.0 us",
      target: "",
      verdict: "info",
    });
    expect(byMetric.get("(b) collector CPU per request")).toEqual({
      metric: "(b) collector CPU per request",
      value: "50.0 us",
      target: "<= 40 us",
      verdict: "fail",
    });
    expect(byMetric.get("R1 = (b) / (a), by rate")).toEqual({
      metric: "R1 = (b) / (a), by rate",
      value: "0.25",
      target: "",
      verdict: "info",
    });
    expect(byMetric.get("R1 by collector CPU = (a) / (b)")).toEqual({
      metric: "R1 by collector CPU = (a) / (b)",
      value: "0.50",
      target: ">= 0.6",
      verdict: "fail",
    });
    expect(byMetric.get("(c) collector CPU per event")).toEqual({
      metric: "(c) collector CPU per event",
      value: "10.0 us",
      target: "<= 8 us",
      verdict: "fail",
    });
  });
});
