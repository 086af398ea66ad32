import { fileURLToPath } from "node:url";
import type { AutomationSettings } from "./automation-bench.js";
import type { ExportSettings } from "./event-export.js";
import type { IngestSettings } from "./ingest.js";
import type { QuerySettings } from "./queries.js";
import type { ScaleSettings } from "./scale-reports.js";
import type { UpkeepLagSettings } from "./upkeep-lag.js";
import type { WalSettings } from "./wal-growth.js";

/** The parts of `npm run bench`, in the order they run. */
export const BENCH_PARTS = ["ingest", "postgres", "queries", "wal", "sdk", "dashboard", "export", "scale", "upkeep", "automation"] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchSettings {
  /** The parts to run (BENCH_ONLY, a comma-separated list); all of them by default. */
  only: BenchPart[];
  ingest: IngestSettings;
  queries: QuerySettings;
  wal: WalSettings;
  export: ExportSettings;
  scale: ScaleSettings;
  upkeep: UpkeepLagSettings;
  automation: AutomationSettings;
}

/** Every knob, its environment variable and its default: issue 7's sizes, 10 s runs, 50 connections; issue 17's 1M pending timers. */
const KNOBS = {
  seconds: ["BENCH_SECONDS", 10],
  warmupSeconds: ["BENCH_WARMUP_SECONDS", 2],
  connections: ["BENCH_CONNECTIONS", 50],
  rounds: ["BENCH_ROUNDS", 3],
  customers: ["BENCH_SEED_CUSTOMERS", 100_000],
  days: ["BENCH_SEED_DAYS", 90],
  heavyCustomerEvents: ["BENCH_JOURNEY_EVENTS", 1_000],
  journeyRuns: ["BENCH_JOURNEY_RUNS", 200],
  customersRuns: ["BENCH_CUSTOMERS_RUNS", 50],
  funnelRuns: ["BENCH_FUNNEL_RUNS", 3],
  attributionRuns: ["BENCH_ATTRIBUTION_RUNS", 3],
  walSeconds: ["BENCH_WAL_SECONDS", 30],
  // About 10M events and 940k persons: the seed makes 13.9 events and 1.3 persons per customer.
  scaleCustomers: ["BENCH_SCALE_CUSTOMERS", 720_000],
  upkeepEventsPerSecond: ["BENCH_UPKEEP_EVENTS_PER_SECOND", 20_000],
  upkeepSeconds: ["BENCH_UPKEEP_SECONDS", 30],
  automationPending: ["BENCH_AUTOMATION_PENDING", 1_000_000],
  automationEvents: ["BENCH_AUTOMATION_EVENTS", 200_000],
  automationRounds: ["BENCH_AUTOMATION_ROUNDS", 3],
} as const;

type Knob = keyof typeof KNOBS;

/** Reads the settings from the environment; a value that is not a whole number >= 0 (>= 1 where 0 means nothing) is an error naming the variable. */
export function benchSettings(env: Record<string, string | undefined>): BenchSettings {
  const read = (knob: Knob, min = 1): number => {
    const [variable, fallback] = KNOBS[knob];
    const raw = env[variable];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${variable} must be a whole number >= ${min}, got "${raw}"`);
    return value;
  };
  return {
    only: benchParts(env.BENCH_ONLY),
    ingest: { seconds: read("seconds"), warmupSeconds: read("warmupSeconds", 0), connections: read("connections"), rounds: read("rounds") },
    queries: {
      customers: read("customers"),
      days: read("days"),
      heavyCustomerEvents: read("heavyCustomerEvents", 2),
      journeyRuns: read("journeyRuns"),
      customersRuns: read("customersRuns"),
      funnelRuns: read("funnelRuns"),
      attributionRuns: read("attributionRuns"),
    },
    wal: { customers: read("customers"), days: read("days"), seconds: read("walSeconds"), connections: read("connections") },
    export: { customers: read("customers"), days: read("days") },
    scale: {
      customers: read("scaleCustomers"),
      days: read("days"),
      directory: env.BENCH_SCALE_DIR || fileURLToPath(new URL("./results/scale/", import.meta.url)),
      reportRuns: read("attributionRuns"),
    },
    upkeep: { eventsPerSecond: read("upkeepEventsPerSecond"), seconds: read("upkeepSeconds"), connections: read("connections") },
    automation: { pending: read("automationPending", 0), ingestEvents: read("automationEvents"), rounds: read("automationRounds") },
  };
}

/** BENCH_ONLY as the parts it names, in run order; unset or empty means every part. */
function benchParts(raw: string | undefined): BenchPart[] {
  if (raw === undefined || raw.trim() === "") return [...BENCH_PARTS];
  const named = raw.split(",").map((part) => part.trim());
  for (const part of named) {
    if (!(BENCH_PARTS as readonly string[]).includes(part)) {
      throw new Error(`BENCH_ONLY must name parts among ${BENCH_PARTS.join(", ")}, separated by commas, got "${raw}"`);
    }
  }
  return BENCH_PARTS.filter((part) => named.includes(part));
}
