import type { IngestRound } from "./ingest-round.js";
import {
  ANALYST_QUERIES,
  ATTRIBUTION_MODELS,
  FIRST_READ_CUSTOMERS,
  type AnalystQuery,
  type QueryFigures,
  type QueryMeasurement,
} from "./queries.js";
import type { TableRow, Verdict } from "./results-table.js";

/** Targets for this 2-core machine, load generator on the same cores (issues 7 and 21). */
export const TARGETS = {
  r1: 0.6,
  singleEventCpuUs: 40,
  batch50CpuUsPerEvent: 8,
  batch50EventsPerSecond: 100_000,
  p99Ms: 50,
  peakRssMb: 200,
  journeyP95Ms: 10,
  funnelMs: 1_000,
  attributionMs: 2_000,
} as const;

const integer = (n: number) => Math.round(n).toLocaleString("en-US");
const cpuUs = (n: number) => `${n.toFixed(1)} us`;
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const atLeast = (value: number, min: number): Verdict => (value >= min ? "pass" : "fail");
const atMost = (value: number, max: number): Verdict => (value <= max ? "pass" : "fail");
const info = (metric: string, value: string): TableRow => ({ metric, value, target: "", verdict: "info" });

export function ingestRows(f: IngestRound): TableRow[] {
  const { answers, unexpected, acknowledgedEvents, storedEvents, sentEvents } = f.check;
  return [
    info("node:http hello world, GET (baseline)", `${integer(f.nodeHttpHello.requestsPerSecond)} req/s`),
    info("node:http hello world, server CPU per request", cpuUs(f.nodeHttpHello.serverCpuUsPerRequest)),
    info("(a) GET /healthz: HTTP ceiling", `${integer(f.healthz.requestsPerSecond)} req/s`),
    info("(a) collector CPU per request", cpuUs(f.healthz.serverCpuUsPerRequest)),
    info("(a) / node:http hello world", f.healthzOverNodeHttp.toFixed(2)),
    info("(b) POST 1 event per request", `${integer(f.singleEvent.requestsPerSecond)} req/s`),
    {
      metric: "(b) collector CPU per request",
      value: cpuUs(f.singleEvent.serverCpuUsPerRequest),
      target: `<= ${TARGETS.singleEventCpuUs} us`,
      verdict: atMost(f.singleEvent.serverCpuUsPerRequest, TARGETS.singleEventCpuUs),
    },
    info("R1 = (b) / (a), by rate", f.r1.toFixed(2)),
    {
      metric: "R1 by collector CPU = (a) / (b)",
      value: f.r1ByCpu.toFixed(2),
      target: `>= ${TARGETS.r1}`,
      verdict: atLeast(f.r1ByCpu, TARGETS.r1),
    },
    info("(b) p50 latency", ms(f.singleEvent.latencyP50Ms)),
    {
      metric: "(b) p99 latency",
      value: ms(f.singleEvent.latencyP99Ms),
      target: `<= ${TARGETS.p99Ms} ms`,
      verdict: atMost(f.singleEvent.latencyP99Ms, TARGETS.p99Ms),
    },
    {
      metric: "(c) POST 50 events per request",
      value: `${integer(f.batch50.eventsPerSecond)} events/s`,
      target: `>= ${integer(TARGETS.batch50EventsPerSecond)} events/s`,
      verdict: atLeast(f.batch50.eventsPerSecond, TARGETS.batch50EventsPerSecond),
    },
    info("(c) requests", `${integer(f.batch50.requestsPerSecond)} req/s`),
    {
      metric: "(c) collector CPU per event",
      value: cpuUs(f.batch50.serverCpuUsPerEvent),
      target: `<= ${TARGETS.batch50CpuUsPerEvent} us`,
      verdict: atMost(f.batch50.serverCpuUsPerEvent, TARGETS.batch50CpuUsPerEvent),
    },
    info("(c) p50 latency", ms(f.batch50.latencyP50Ms)),
    {
      metric: "(c) p99 latency",
      value: ms(f.batch50.latencyP99Ms),
      target: `<= ${TARGETS.p99Ms} ms`,
      verdict: atMost(f.batch50.latencyP99Ms, TARGETS.p99Ms),
    },
    {
      metric: "collector peak RSS (ingest)",
      value: `${f.collectorPeakRssMb.toFixed(0)} MB`,
      target: `<= ${TARGETS.peakRssMb} MB`,
      verdict: atMost(f.collectorPeakRssMb, TARGETS.peakRssMb),
    },
    {
      metric: "answers other than 200 {accepted: N}, all runs",
      value: `${integer(unexpected)} of ${integer(answers)}`,
      target: "0",
      verdict: unexpected === 0 ? "pass" : "fail",
    },
    {
      metric: "events stored (acked <= stored <= sent)",
      value: `${integer(acknowledgedEvents)} <= ${integer(storedEvents)} <= ${integer(sentEvents)}`,
      target: "holds",
      verdict: f.check.consistent ? "pass" : "fail",
    },
  ];
}

const ANALYST_KEYS = Object.keys(ANALYST_QUERIES) as AnalystQuery[];

export function queryRows(f: QueryFigures): TableRow[] {
  const rows: TableRow[] = [];
  const timed = (metric: string, m: QueryMeasurement, pick: "firstMs" | "p50Ms" | "p95Ms" | "maxMs", maxMs?: number): TableRow => {
    const target = maxMs === undefined ? "" : `<= ${maxMs >= 1000 ? `${maxMs / 1000} s` : `${maxMs} ms`}`;
    if (m.status === "unavailable") return { metric, value: "not available yet", target, verdict: "n/a" };
    if (m.status === "failed") return { metric, value: "failed", target, verdict: "fail" };
    const value = m.timing[pick];
    return { metric, value: ms(value), target, verdict: maxMs === undefined ? "info" : atMost(value, maxMs) };
  };
  if (f.database !== null) rows.push(info("query database: events", integer(f.database.events)));
  const firstRequests = f.journeyFirstRequests.status === "measured" ? f.journeyFirstRequests.timing.runs : FIRST_READ_CUSTOMERS;
  rows.push(
    timed("journey upkeep caught up after seeding (builds every digest)", f.upkeepCatchUp, "firstMs"),
    timed(`journey of ${integer(f.settings.heavyCustomerEvents)} events, asked again, p50`, f.journey, "p50Ms"),
    timed(`journey of ${integer(f.settings.heavyCustomerEvents)} events, asked again, p95`, f.journey, "p95Ms", TARGETS.journeyP95Ms),
    timed(
      `journey of ${integer(f.settings.heavyCustomerEvents)} events, first request of ${integer(firstRequests)} customers, p50`,
      f.journeyFirstRequests,
      "p50Ms",
    ),
    timed(
      `journey of ${integer(f.settings.heavyCustomerEvents)} events, first request of ${integer(firstRequests)} customers, p95`,
      f.journeyFirstRequests,
      "p95Ms",
      TARGETS.journeyP95Ms,
    ),
    timed("customers list (limit 100), p95", f.customers, "p95Ms"),
    timed(`funnel, slowest of ${f.settings.funnelRuns}`, f.funnel, "maxMs", TARGETS.funnelMs),
    ...ATTRIBUTION_MODELS.map((model) =>
      timed(`attribution ${model}, slowest of ${f.settings.attributionRuns}`, f.attribution[model], "maxMs", TARGETS.attributionMs),
    ),
    ...ANALYST_KEYS.map((query) =>
      timed(`${ANALYST_QUERIES[query].label}, slowest of ${f.settings.attributionRuns}`, f.analyst[query], "maxMs", TARGETS.attributionMs),
    ),
  );
  if (f.collectorPeakRssMb !== null) rows.push(info("collector peak RSS (queries)", `${f.collectorPeakRssMb.toFixed(0)} MB`));
  return rows;
}

/** Why query figures are missing or failed, each reason once. */
export function missingQueryReasons(f: QueryFigures): string[] {
  const measurements = [
    f.journey,
    f.journeyFirstRequests,
    f.customers,
    f.funnel,
    ...ATTRIBUTION_MODELS.map((model) => f.attribution[model]),
    ...ANALYST_KEYS.map((query) => f.analyst[query]),
  ];
  return [...new Set(measurements.flatMap((m) => (m.status === "measured" ? [] : [m.reason])))];
}
