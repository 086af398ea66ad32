import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../app.js";
import type { CollectorConfig } from "../config.js";
import { createGroupCommitWriter, type AfterCommit, type GroupCommitWriter } from "../ingest/group-commit.js";
import { scheduleRetention } from "../ops/retention.js";
import type { Store } from "../store/store.js";
import { startJourneyUpkeep, type JourneyUpkeep } from "../upkeep/journey-upkeep.js";
import { storeWithCommitMetrics, writerWithQueueMetrics } from "../observe/instrument.js";
import { createLogger } from "../observe/logger.js";
import { createCollectorMetrics } from "../observe/metrics.js";
import { upkeepLagSeconds } from "../observe/upkeep-lag.js";
import { startMetricsServer, type MetricsServer } from "../observe/metrics-server.js";
import type { ObserveConfig } from "../observe/observe-config.js";
import { trustedProxies } from "../observe/trusted-proxies.js";
import { listen } from "./listen.js";
import { startAutomation, type Automation, type AutomationOptions } from "../automation/automation.js";
import { connectStageTriggers } from "../automation/stage-triggers.js";
import { openAutomationStoreAt } from "../automation/open-automation-store.js";

export interface CollectorServer {
  server: Server;
  /** The port listened on (the one picked when config.port is 0). */
  port: number;
  /** The app's group-commit writer: in-process ingest (the demo's seed) shares its commits. */
  writer: GroupCommitWriter;
  /** The automation runner, when started with automation options. */
  automation: Automation | null;
  /** The port of GET /metrics, when observe.metricsPort was given. */
  metricsPort: number | null;
  /** Journey upkeep, woken after each commit: subscribe to hear which persons changed. */
  upkeep: JourneyUpkeep;
  /** Stops accepting, finishes in-flight requests, commits what waits, stops retention, automation and upkeep; the caller closes the store. */
  stop(): Promise<void>;
}

/** How `serve` watches the collector: metrics, logs, trusted proxies; `walFile` is the SQLite WAL to report. */
export interface ServerObservation extends ObserveConfig {
  walFile: string | null;
}

/**
 * The collector on a real port: the app, its writer, node's timeouts and, when configured, the
 * retention schedule; with `observe`, also metrics (on their own port), access logs and trusted proxies.
 */
export async function startCollectorServer(
  store: Store,
  config: CollectorConfig,
  observe?: ServerObservation,
  automationOptions?: AutomationOptions,
): Promise<CollectorServer> {
  // Automation shares config.db with the store (its own tables; on SQLite the store's connection).
  const automation: Automation | undefined =
    automationOptions &&
    startAutomation(store, await openAutomationStoreAt(config.db, store), {
      keepFinishedDays: config.ops.retentionDays ?? undefined,
      ...automationOptions,
    });
  const upkeep = startJourneyUpkeep(store, automation ? { recordStageEntries: automation.stageEntriesToRecord } : {});
  const stageTriggers = automation && connectStageTriggers(upkeep, automation);
  const metrics = observe
    ? createCollectorMetrics({
        walFile: observe.walFile,
        upkeepLagSeconds: () => upkeepLagSeconds(store),
        automationCounts: automation && (() => automation.store.countOpenWork()),
      })
    : null;
  const afterCommit: AfterCommit = async (rows, outcomes) => {
    await automation?.onEventsCommitted(rows, outcomes);
    upkeep.wake();
  };
  const plainWriter = createGroupCommitWriter(metrics ? storeWithCommitMetrics(store, metrics) : store, config.groupCommit, afterCommit);
  const writer = metrics ? writerWithQueueMetrics(plainWriter, metrics) : plainWriter;
  const proxies = observe && observe.trustProxy.length > 0 ? trustedProxies(observe.trustProxy) : null;
  const app = createApp({
    store,
    config,
    writer,
    automation,
    observe: metrics && observe ? { metrics, log: createLogger(observe.logLevel) } : undefined,
    trustedProxies: proxies,
  });
  let metricsServer: MetricsServer | null = null;
  if (metrics && observe?.metricsPort != null)
    metricsServer = await startMetricsServer(metrics.registry, observe.metricsPort, observe.metricsHost);
  const server = await listen(app.fetch, { port: config.port, host: config.host, bodyTimeoutMs: config.ops.bodyTimeoutMs }).catch(
    async (error: unknown) => {
      await metricsServer?.close();
      await upkeep.stop();
      await stageTriggers?.stop();
      await automation?.stop();
      await automation?.store.close();
      throw error;
    },
  );
  const retention = config.ops.retentionDays === null ? null : scheduleRetention(store, { days: config.ops.retentionDays });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    writer,
    automation: automation ?? null,
    upkeep,
    metricsPort: metricsServer?.port ?? null,
    async stop() {
      await new Promise<void>((resolve) => {
        // close() stops accepting and waits for open connections, but keep-alive ones stay open
        // after their last answer: answer with Connection: close from now on, and close every
        // connection the moment it falls idle.
        server.prependListener("request", (_req, res) => res.setHeader("Connection", "close"));
        const closeIdle = setInterval(() => server.closeIdleConnections(), 20);
        server.close(() => {
          clearInterval(closeIdle);
          resolve();
        });
        server.closeIdleConnections();
      });
      await retention?.stop();
      await writer.close();
      // Upkeep's last notices may start runs: it stops before automation.
      await upkeep.stop();
      await stageTriggers?.stop();
      await automation?.stop();
      await automation?.store.close();
      await metricsServer?.close();
    },
  };
}

/** Resolves with the first SIGTERM or SIGINT. */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve(signal);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}
