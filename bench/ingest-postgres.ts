/**
 * Ingest on PostgreSQL (issue 9): 50-event batches against one, then two built collector
 * processes sharing one throwaway PostgreSQL server on this machine. The server keeps a
 * production server's durability (fsync and synchronous_commit on): a 2xx means the group's WAL
 * reached the disk. Each collector gets its own autocannon instance with its share of the
 * connections, all in this process, so the load generator, the collectors and PostgreSQL share
 * the same cores.
 */
import type pg from "pg";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../apps/collector/src/testing/throwaway-postgres.js";
import { createSite, startCollector } from "./collector-process.js";
import { afterLoadSettles, type BatchLoadFigures, type LoadShape, runBatchLoad } from "./ingest-loads.js";
import { queryOnce } from "./postgres-query.js";
import { peakResidentMb } from "./process-memory.js";
import type { ServerProcess } from "./server-process.js";

export interface PostgresIngestSettings extends LoadShape {
  /** Seconds of the same load before each measured run; not measured. */
  warmupSeconds: number;
}

/** One measured run against `collectors` processes. */
export interface PostgresIngestRun {
  collectors: number;
  eventsPerRequest: number;
  /** Events all collectors answered as accepted, per second of the run. */
  eventsPerSecond: number;
  requestsPerSecond: number;
  /** The worst of the collectors' load generators (each collector has its own). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Highest peak resident memory of any of the collectors. */
  collectorPeakRssMb: number;
  /** Warm-up and measured runs together, held against the rows in PostgreSQL afterwards. */
  check: {
    acknowledgedEvents: number;
    storedEvents: number;
    sentEvents: number;
    unexpected: number;
    /** Socket errors and timeouts among the unexpected, and the first unexpected answer, to tell what went wrong. */
    errors: number;
    firstUnexpectedAnswer: string | null;
    consistent: boolean;
  };
}

export interface PostgresIngestFigures {
  settings: PostgresIngestSettings & { server: string };
  runs: PostgresIngestRun[];
}

const EVENTS_PER_REQUEST = 50;
const COLLECTOR_COUNTS = [1, 2] as const;
const DURABLE = { fsync: "on", synchronous_commit: "on", full_page_writes: "on" } as const;

/** Ingest figures for one and two collectors on PostgreSQL, each on a new database. Needs the built collector. */
export async function benchIngestPostgres(settings: PostgresIngestSettings): Promise<PostgresIngestFigures> {
  const server = await startThrowawayPostgres(DURABLE);
  try {
    const version = await queryOne<{ server_version: string }>(server.url, "SHOW server_version");
    const runs: PostgresIngestRun[] = [];
    for (const collectors of COLLECTOR_COUNTS) {
      console.log(`PostgreSQL ingest, ${collectors} collector process${collectors === 1 ? "" : "es"}...`);
      runs.push(await measure(server, collectors, settings));
    }
    return { settings: { ...settings, server: `PostgreSQL ${version.server_version}, fsync and synchronous_commit on` }, runs };
  } finally {
    await server.stop();
  }
}

async function measure(server: ThrowawayPostgres, collectors: number, settings: PostgresIngestSettings): Promise<PostgresIngestRun> {
  const url = await server.createDatabase(`ingest_${collectors}`);
  const site = await createSite(url, "bench-ingest-postgres");
  const nodes: ServerProcess[] = [];
  const runs: BatchLoadFigures[] = [];
  let measured: BatchLoadFigures[];
  let peakMb = 0;
  try {
    for (let i = 0; i < collectors; i++) nodes.push(await startCollector({ dbPath: url }));
    // Every collector takes its share of the connections, all at once.
    const load = (seconds: number) =>
      Promise.all(
        nodes.map((node, i) =>
          runBatchLoad(node.url, site.writeKey, EVENTS_PER_REQUEST, { seconds, connections: share(settings.connections, collectors, i) }),
        ),
      );
    if (settings.warmupSeconds > 0) {
      runs.push(...(await load(settings.warmupSeconds)));
      await afterLoadSettles();
    }
    measured = await load(settings.seconds);
    runs.push(...measured);
    peakMb = Math.max(...nodes.map((node) => peakResidentMb(node.pid)));
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
  }
  const stored = Number((await queryOne<{ n: string }>(url, "SELECT count(*) AS n FROM events WHERE site_id = $1", [site.id])).n);
  const acknowledgedEvents = sum(runs.map((run) => run.acceptedEvents));
  const sentEvents = sum(runs.map((run) => run.sentEvents));
  const seconds = Math.max(...measured.map((run) => run.seconds));
  return {
    collectors,
    eventsPerRequest: EVENTS_PER_REQUEST,
    eventsPerSecond: sum(measured.map((run) => run.acceptedEvents)) / seconds,
    requestsPerSecond: sum(measured.map((run) => run.answered2xx)) / seconds,
    latencyP50Ms: Math.max(...measured.map((run) => run.latencyP50Ms)),
    latencyP99Ms: Math.max(...measured.map((run) => run.latencyP99Ms)),
    collectorPeakRssMb: peakMb,
    check: {
      acknowledgedEvents,
      storedEvents: stored,
      sentEvents,
      unexpected: sum(runs.map((run) => run.unexpectedAnswers + run.errors)),
      errors: sum(runs.map((run) => run.errors)),
      firstUnexpectedAnswer: runs.find((run) => run.firstUnexpectedAnswer !== null)?.firstUnexpectedAnswer ?? null,
      consistent: acknowledgedEvents <= stored && stored <= sentEvents,
    },
  };
}

/** Collector i's share of `total` connections, spread as evenly as whole numbers allow. */
export function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

async function queryOne<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R> {
  const [row] = await queryOnce<R>(url, text, values);
  if (row === undefined) throw new Error(`no row from ${text}`);
  return row;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
