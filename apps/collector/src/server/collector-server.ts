import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../app.js";
import type { CollectorConfig } from "../config.js";
import { createGroupCommitWriter, type GroupCommitWriter } from "../ingest/group-commit.js";
import { scheduleRetention } from "../ops/retention.js";
import type { Store } from "../store/store.js";
import { listen } from "./listen.js";

export interface CollectorServer {
  server: Server;
  /** The port listened on (the one picked when config.port is 0). */
  port: number;
  /** The app's group-commit writer: in-process ingest (the demo's seed) shares its commits. */
  writer: GroupCommitWriter;
  /** Stops accepting, finishes in-flight requests, commits what waits and stops retention; the caller closes the store. */
  stop(): Promise<void>;
}

/** The collector on a real port: the app, its writer, node's timeouts and, when configured, the retention schedule. */
export async function startCollectorServer(store: Store, config: CollectorConfig): Promise<CollectorServer> {
  const writer = createGroupCommitWriter(store, config.groupCommit);
  const app = createApp({ store, config, writer });
  const server = await listen(app.fetch, { port: config.port, host: config.host, bodyTimeoutMs: config.ops.bodyTimeoutMs });
  const retention = config.ops.retentionDays === null ? null : scheduleRetention(store, { days: config.ops.retentionDays });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    writer,
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
