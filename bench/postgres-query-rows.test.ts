import { describe, expect, it } from "vitest";
import { benchSettings } from "./bench-settings.js";
import { postgresQueryRows } from "./postgres-query-rows.js";
import type { QueryFigures, QueryMeasurement } from "./queries.js";

const settings = benchSettings({}).queries;
const timed = (p95Ms: number, maxMs: number): QueryMeasurement => ({
  status: "measured",
  timing: { firstMs: maxMs, runs: 3, p50Ms: p95Ms, p95Ms, maxMs },
});
const figures = (scale: number, overrides: Partial<QueryFigures> = {}): QueryFigures => ({
  settings,
  database: { events: 1_390_000, seedSeconds: 80, seedSummary: {} },
  upkeepCatchUp: timed(20_000 * scale, 20_000 * scale),
  journey: timed(5 * scale, 8 * scale),
  journeyFirstRequests: timed(10 * scale, 12 * scale),
  customers: timed(6 * scale, 9 * scale),
  funnel: timed(400 * scale, 440 * scale),
  attribution: {
    linear: timed(1_000 * scale, 1_100 * scale),
    markov: timed(1_200 * scale, 1_300 * scale),
    shapley: timed(1_200 * scale, 1_300 * scale),
  },
  analyst: {
    customerValue: timed(1, 1),
    customerValueByCohort: timed(1, 1),
    paths: timed(1, 1),
    attributionRows: timed(1, 1),
    modelComparison: timed(1, 1),
  },
  collectorPeakRssMb: 200,
  ...overrides,
});

describe("postgresQueryRows", () => {
  it("gives each PostgreSQL report time with its ratio to SQLite's, judged against 1.5x", () => {
    const postgres = figures(1.2, {
      funnel: timed(900, 1_100),
      attribution: { linear: { status: "failed", reason: "500" }, markov: timed(1, 1_950), shapley: timed(1, 1_300) },
    });
    expect(postgresQueryRows(postgres, figures(1))).toEqual([
      { metric: "PostgreSQL: query database: events", value: "1,390,000", target: "", verdict: "info" },
      { metric: "PostgreSQL: journey upkeep caught up after seeding", value: "24000.0 ms", target: "", verdict: "info" },
      { metric: "PostgreSQL: journey asked again, p95", value: "6.00 ms (1.20x SQLite)", target: "<= 1.5x SQLite", verdict: "pass" },
      { metric: "PostgreSQL: journey, first requests, p95", value: "12.0 ms (1.20x SQLite)", target: "<= 1.5x SQLite", verdict: "pass" },
      { metric: "PostgreSQL: customers list (limit 100), p95", value: "7.20 ms (1.20x SQLite)", target: "<= 1.5x SQLite", verdict: "pass" },
      { metric: "PostgreSQL: funnel, slowest of 3", value: "1100.0 ms (2.50x SQLite)", target: "<= 1.5x SQLite", verdict: "fail" },
      { metric: "PostgreSQL: attribution linear, slowest of 3", value: "failed", target: "", verdict: "fail" },
      {
        metric: "PostgreSQL: attribution markov, slowest of 3",
        value: "1950.0 ms (1.50x SQLite)",
        target: "<= 1.5x SQLite",
        verdict: "pass",
      },
      {
        metric: "PostgreSQL: attribution shapley, slowest of 3",
        value: "1300.0 ms (1.00x SQLite)",
        target: "<= 1.5x SQLite",
        verdict: "pass",
      },
    ]);
  });

  it("gives the times alone when SQLite was not measured", () => {
    expect(postgresQueryRows(figures(1), null)[2]).toEqual({
      metric: "PostgreSQL: journey asked again, p95",
      value: "5.00 ms",
      target: "",
      verdict: "info",
    });
  });
});
