import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSite, startCollector } from "./collector-process.js";
import { afterLoadSettles, type BatchLoadFigures, type LoadShape, runBatchLoad, runGetLoad } from "./ingest-loads.js";
import type { LoadFigures } from "./load-test.js";
import { startNodeHttpHello } from "./node-http-hello.js";
import { processCpuSeconds } from "./process-cpu.js";
import { peakResidentMb, resetPeakResident } from "./process-memory.js";
import { countStoredEvents } from "./stored-events.js";

export interface RoundSettings extends LoadShape {
  /** Seconds of the same load before each measured run, so the JIT has settled; not measured. */
  warmupSeconds: number;
}

/** One round of the ingest benchmark. */
/** The server's own CPU (user + system, from /proc) per 2xx answer over a measured run, in microseconds. */
export interface ServerCpu {
  serverCpuUsPerRequest: number;
}

export interface IngestRound {
  /** A plain node:http server's GET rate in its own process: the baseline. */
  nodeHttpHello: LoadFigures & ServerCpu;
  /** (a) The collector's HTTP ceiling. */
  healthz: LoadFigures & ServerCpu & { collectorPeakRssMb: number };
  /** (b) One event per request. */
  singleEvent: BatchLoadFigures & ServerCpu & { collectorPeakRssMb: number };
  /** (c) 50 events per request. */
  batch50: BatchLoadFigures & ServerCpu & { collectorPeakRssMb: number; serverCpuUsPerEvent: number };
  /** (b) / (a) in requests per second. */
  r1: number;
  /**
   * (a) / (b) in collector CPU per request: the same ratio, measured so that it holds however much
   * CPU the load generator on the same cores takes.
   */
  r1ByCpu: number;
  /** (a) / the node:http baseline. */
  healthzOverNodeHttp: number;
  /** Over the collector's whole life, start-up included. */
  collectorPeakRssMb: number;
  check: IngestCheck;
}

/** The batch runs' answers, warm-ups included, held against the SQLite file after the collector stopped. */
export interface IngestCheck {
  answers: number;
  /** Answers other than `200 { accepted: N, duplicates: 0, bots: 0, rejected: [] }`, and socket errors. */
  unexpected: number;
  acknowledgedEvents: number;
  sentEvents: number;
  storedEvents: number;
  /**
   * Every acknowledged event is stored and nothing beyond what was sent: acknowledged <= stored
   * <= sent. Stored may exceed acknowledged by requests still in flight when a run ended, which
   * the collector committed but whose answers the generator no longer read.
   */
  consistent: boolean;
}

/** One round: both baselines and both batch sizes against a built collector on a new database. */
export async function runIngestRound(settings: RoundSettings): Promise<IngestRound> {
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-bench-"));
  try {
    const dbPath = join(dir, "ingest.db");
    const site = await createSite(dbPath, "bench-ingest");
    const nodeHttpHello = await measureNodeHttpHello(settings);
    const collector = await startCollector({ dbPath });
    const startupPeakMb = peakResidentMb(collector.pid);
    let phases: Phases;
    try {
      phases = await measureCollector(collector.url, collector.pid, site.writeKey, settings);
    } finally {
      await collector.stop();
    }
    const stored = countStoredEvents(dbPath, site.id);
    const batchRuns = [...phases.singleEvent.runs, ...phases.batch50.runs];
    const acknowledgedEvents = sum(batchRuns.map((run) => run.acceptedEvents));
    const sentEvents = sum(batchRuns.map((run) => run.sentEvents));
    const answers = sum(batchRuns.map((run) => run.answered2xx + run.non2xx));
    const unexpected = sum(batchRuns.map((run) => run.unexpectedAnswers + run.errors));
    const healthz = phases.healthz.measured;
    const singleEvent = phases.singleEvent.measured;
    const batch50 = phases.batch50.measured;
    return {
      nodeHttpHello,
      healthz: { ...healthz, collectorPeakRssMb: phases.healthz.peakRssMb },
      singleEvent: { ...singleEvent, collectorPeakRssMb: phases.singleEvent.peakRssMb },
      batch50: { ...batch50, collectorPeakRssMb: phases.batch50.peakRssMb, serverCpuUsPerEvent: batch50.serverCpuUsPerRequest / 50 },
      r1: singleEvent.requestsPerSecond / healthz.requestsPerSecond,
      r1ByCpu: healthz.serverCpuUsPerRequest / singleEvent.serverCpuUsPerRequest,
      healthzOverNodeHttp: healthz.requestsPerSecond / nodeHttpHello.requestsPerSecond,
      collectorPeakRssMb: Math.max(startupPeakMb, phases.healthz.peakRssMb, phases.singleEvent.peakRssMb, phases.batch50.peakRssMb),
      check: {
        answers,
        unexpected,
        acknowledgedEvents,
        sentEvents,
        storedEvents: stored,
        consistent: acknowledgedEvents <= stored && stored <= sentEvents,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measureNodeHttpHello(settings: RoundSettings): Promise<LoadFigures & ServerCpu> {
  const server = await startNodeHttpHello();
  try {
    return (await warmedUp(settings, server.pid, (shape) => runGetLoad(`${server.url}/`, shape))).measured;
  } finally {
    await server.stop();
  }
}

interface Phase<F> {
  measured: F & ServerCpu;
  /** Warm-up and measured run. */
  runs: F[];
  peakRssMb: number;
}

interface Phases {
  healthz: Phase<LoadFigures>;
  singleEvent: Phase<BatchLoadFigures>;
  batch50: Phase<BatchLoadFigures>;
}

async function measureCollector(url: string, pid: number, writeKey: string, settings: RoundSettings): Promise<Phases> {
  const phase = async <F extends LoadFigures>(load: (shape: LoadShape) => Promise<F>): Promise<Phase<F>> => {
    resetPeakResident(pid);
    const runs = await warmedUp(settings, pid, load);
    return { ...runs, peakRssMb: peakResidentMb(pid) };
  };
  return {
    healthz: await phase((shape) => runGetLoad(`${url}/healthz`, shape)),
    singleEvent: await phase((shape) => runBatchLoad(url, writeKey, 1, shape)),
    batch50: await phase((shape) => runBatchLoad(url, writeKey, 50, shape)),
  };
}

/** A warm-up run, then the measured run with the server's CPU time over it. */
async function warmedUp<F extends LoadFigures>(
  settings: RoundSettings,
  serverPid: number,
  load: (shape: LoadShape) => Promise<F>,
): Promise<{ measured: F & ServerCpu; runs: F[] }> {
  const runs: F[] = [];
  if (settings.warmupSeconds > 0) {
    runs.push(await load({ connections: settings.connections, seconds: settings.warmupSeconds }));
    await afterLoadSettles();
  }
  const cpuBefore = processCpuSeconds(serverPid);
  const figures = await load({ connections: settings.connections, seconds: settings.seconds });
  const cpuSeconds = processCpuSeconds(serverPid) - cpuBefore;
  runs.push(figures);
  return { measured: { ...figures, serverCpuUsPerRequest: (cpuSeconds * 1e6) / Math.max(1, figures.answered2xx) }, runs };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
