/**
 * Journey upkeep in steady state (issue 21): 50-event batches at a steady 20,000 events/s on a
 * new database while `touchpoint_upkeep_lag_seconds` is read from /metrics four times a second.
 * Upkeep keeps up when the lag stays under a second: reports then reflect what was ingested a
 * moment ago.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSite, startCollector } from "./collector-process.js";
import { freePort } from "./free-port.js";
import { httpGet } from "./http-get.js";
import { runBatchLoad } from "./ingest-loads.js";
import { percentile } from "./percentile.js";

export interface UpkeepLagSettings {
  eventsPerSecond: number;
  seconds: number;
  connections: number;
}

export interface UpkeepLagFigures {
  settings: UpkeepLagSettings;
  /** What the collector accepted per second: below the asked rate when it could not keep up. */
  ingestEventsPerSecond: number;
  lagP50Seconds: number;
  lagP99Seconds: number;
  lagMaxSeconds: number;
  samples: number;
  unexpectedAnswers: number;
}

const EVENTS_PER_REQUEST = 50;
const SAMPLE_MS = 250;

/** The lag gauge's value in a Prometheus text answer. */
export function upkeepLagOf(metricsText: string): number {
  const match = /^touchpoint_upkeep_lag_seconds(?:\{[^}]*\})? (\S+)$/m.exec(metricsText);
  if (match === null) throw new Error("the /metrics answer has no touchpoint_upkeep_lag_seconds");
  return Number(match[1]);
}

export async function benchUpkeepLag(settings: UpkeepLagSettings): Promise<UpkeepLagFigures> {
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-bench-upkeep-"));
  try {
    const dbPath = join(dir, "upkeep.db");
    const site = await createSite(dbPath, "bench-upkeep");
    const metricsPort = await freePort();
    const collector = await startCollector({ dbPath, serveFlags: ["--metrics-port", String(metricsPort)] });
    try {
      const lags: number[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const { status, body } = await httpGet(`http://127.0.0.1:${metricsPort}/metrics`, {});
          if (status !== 200) throw new Error(`GET /metrics: ${status} ${body.slice(0, 200)}`);
          lags.push(upkeepLagOf(body));
          await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
        }
      })();
      const load = await runBatchLoad(collector.url, site.writeKey, EVENTS_PER_REQUEST, {
        connections: settings.connections,
        seconds: settings.seconds,
        requestsPerSecond: settings.eventsPerSecond / EVENTS_PER_REQUEST,
      });
      sampling = false;
      await sampler;
      return {
        settings,
        ingestEventsPerSecond: load.eventsPerSecond,
        lagP50Seconds: percentile(lags, 50),
        lagP99Seconds: percentile(lags, 99),
        lagMaxSeconds: Math.max(...lags),
        samples: lags.length,
        unexpectedAnswers: load.unexpectedAnswers,
      };
    } finally {
      await collector.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
