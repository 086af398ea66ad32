/**
 * The collector's Prometheus metrics (GET /metrics on --metrics-port). prom-client formats the
 * exposition text, keeps histograms and adds the standard process metrics (CPU, memory, event
 * loop lag, file descriptors, GC), which we would otherwise write ourselves.
 */
import { existsSync, statSync } from "node:fs";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { AutomationCounts } from "../store/automation-store.js";

/** What happened to the events of one 200 answer of POST /v1/batch, and whose they were. */
export interface BatchCounts {
  siteId: string;
  accepted: number;
  duplicates: number;
  bots: number;
  rejected: number;
  suppressed: number;
}

export interface CollectorMetrics {
  registry: Registry;
  /** One finished HTTP request: its route pattern (never the raw path), method and status. */
  request(route: string, method: string, status: number, seconds: number): void;
  /** One ingested batch's outcome, per site. */
  batch(counts: BatchCounts): void;
  /** One group commit: its rows and how long the store took. */
  commit(rows: number, seconds: number): void;
  /** Rows handed to the group-commit writer and not yet committed. */
  queued(rows: number): void;
}

const EVENT_OUTCOMES = ["accepted", "duplicates", "bots", "rejected", "suppressed"] as const;

export interface CollectorMetricSources {
  /** The SQLite WAL whose size is exported (absent on PostgreSQL). */
  walFile?: string | null;
  /** Seconds the journey digests lag behind the events, the most of any site. */
  upkeepLagSeconds?: () => Promise<number>;
  /** Automation's open work, read when /metrics is scraped. */
  automationCounts?: () => Promise<AutomationCounts>;
}

export function createCollectorMetrics({
  walFile = null,
  upkeepLagSeconds,
  automationCounts,
}: CollectorMetricSources = {}): CollectorMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "touchpoint_http_requests_total",
    help: "HTTP requests answered, by route pattern, method and status.",
    labelNames: ["route", "method", "status"],
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: "touchpoint_http_request_duration_seconds",
    help: "Time from the request's headers to the answer, by route pattern.",
    labelNames: ["route"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const events = new Counter({
    name: "touchpoint_events_total",
    help: "Events of POST /v1/batch by site and outcome: accepted (stored), duplicates, bots, rejected (invalid), suppressed (erased customers).",
    labelNames: ["site", "outcome"],
    registers: [registry],
  });
  const batchEvents = new Histogram({
    name: "touchpoint_batch_events",
    help: "Events per POST /v1/batch that was answered 200.",
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [registry],
  });
  const commitRows = new Histogram({
    name: "touchpoint_commit_rows",
    help: "Rows per group commit.",
    buckets: [1, 5, 10, 50, 100, 250, 500, 1000, 2000, 5000],
    registers: [registry],
  });
  const commitSeconds = new Histogram({
    name: "touchpoint_commit_duration_seconds",
    help: "Time the store took for one group commit.",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  const queue = new Gauge({
    name: "touchpoint_commit_queue_rows",
    help: "Rows handed to the group-commit writer and not yet committed.",
    registers: [registry],
  });
  new Gauge({
    name: "touchpoint_sqlite_wal_bytes",
    help: "Size of the SQLite write-ahead log file (0 on PostgreSQL).",
    registers: [registry],
    collect() {
      this.set(walFile !== null && existsSync(walFile) ? statSync(walFile).size : 0);
    },
  });

  if (upkeepLagSeconds) {
    new Gauge({
      name: "touchpoint_upkeep_lag_seconds",
      help: "How far the journey digests (what reports read) lag behind the stored events, the most of any site; 0 when upkeep has caught up.",
      registers: [registry],
      async collect() {
        this.set(await upkeepLagSeconds());
      },
    });
  }
  if (automationCounts) {
    const read = () => automationCounts();
    // One read serves both gauges of a scrape.
    let pending: Promise<AutomationCounts> | null = null;
    const counts = () => (pending ??= read().finally(() => setImmediate(() => (pending = null))));
    new Gauge({
      name: "touchpoint_automation_runs_waiting",
      help: "Automation runs waiting for their timer (pending timers).",
      registers: [registry],
      async collect() {
        this.set((await counts()).waitingRuns);
      },
    });
    new Gauge({
      name: "touchpoint_webhook_deliveries",
      help: "Webhook deliveries in the outbox by status: pending (being retried), delivered, failed (gave up after 24 hours).",
      labelNames: ["status"],
      registers: [registry],
      async collect() {
        const { deliveries } = await counts();
        for (const status of ["pending", "delivered", "failed"] as const) this.set({ status }, deliveries[status]);
      },
    });
  }

  return {
    registry,
    request(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      requestSeconds.observe({ route }, seconds);
    },
    batch(counts) {
      for (const outcome of EVENT_OUTCOMES) if (counts[outcome] > 0) events.inc({ site: counts.siteId, outcome }, counts[outcome]);
      batchEvents.observe(counts.accepted + counts.duplicates + counts.bots + counts.rejected + counts.suppressed);
    },
    commit(rows, seconds) {
      commitRows.observe(rows);
      commitSeconds.observe(seconds);
    },
    queued(rows) {
      queue.inc(rows);
    },
  };
}
