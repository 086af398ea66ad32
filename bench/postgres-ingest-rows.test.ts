import { describe, expect, it } from "vitest";
import type { PostgresIngestFigures, PostgresIngestRun } from "./ingest-postgres.js";
import { postgresIngestRows } from "./postgres-ingest-rows.js";

const run = (collectors: number, eventsPerSecond: number, check: Partial<PostgresIngestRun["check"]> = {}): PostgresIngestRun => ({
  collectors,
  eventsPerRequest: 50,
  eventsPerSecond,
  requestsPerSecond: eventsPerSecond / 50,
  latencyP50Ms: 8.25,
  latencyP99Ms: 41,
  collectorPeakRssMb: 120,
  check: {
    acknowledgedEvents: 1_000,
    storedEvents: 1_050,
    sentEvents: 1_100,
    unexpected: 0,
    errors: 0,
    firstUnexpectedAnswer: null,
    consistent: true,
    ...check,
  },
});

const figures = (runs: PostgresIngestRun[]): PostgresIngestFigures => ({
  settings: { seconds: 10, warmupSeconds: 2, connections: 50, server: "PostgreSQL 15" },
  runs,
});

describe("postgresIngestRows", () => {
  it("shows each run's rate and latencies, the scaling ratio, and a passing check", () => {
    expect(postgresIngestRows(figures([run(1, 20_000), run(2, 30_000)]))).toEqual([
      { metric: "PostgreSQL, 1 collector: POST 50 events per request", value: "20,000 events/s", target: "", verdict: "info" },
      { metric: "PostgreSQL, 1 collector: p50 / p99 latency", value: "8.25 ms / 41.0 ms", target: "", verdict: "info" },
      { metric: "PostgreSQL, 2 collectors: POST 50 events per request", value: "30,000 events/s", target: "", verdict: "info" },
      { metric: "PostgreSQL, 2 collectors: p50 / p99 latency", value: "8.25 ms / 41.0 ms", target: "", verdict: "info" },
      { metric: "PostgreSQL, 2 collectors / 1 collector", value: "1.50", target: "", verdict: "info" },
      {
        metric: "PostgreSQL: answers other than 200, events stored (acked <= stored <= sent)",
        value: "0 other; 1,000 <= 1,050 <= 1,100 | 0 other; 1,000 <= 1,050 <= 1,100",
        target: "0 other answers; holds",
        verdict: "pass",
      },
    ]);
  });

  it("fails the check on an unexpected answer or a lost event", () => {
    expect(postgresIngestRows(figures([run(1, 1), run(2, 1, { unexpected: 1 })])).at(-1)?.verdict).toBe("fail");
    expect(postgresIngestRows(figures([run(1, 1, { storedEvents: 999, consistent: false }), run(2, 1)])).at(-1)?.verdict).toBe("fail");
  });
});
