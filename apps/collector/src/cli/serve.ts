import { serve as listen } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { createGroupCommitWriter } from "../ingest/group-commit.js";
import type { CreatedSite } from "../store/store.js";
import type { Command } from "./command.js";
import { databaseLabel, openStoreAt } from "./open-store.js";

function demoKeys(site: CreatedSite): string {
  return [
    `Created the site "${site.name}" (${site.id}) in the empty database. The read and secret keys are shown only now:`,
    `  write key:  ${site.writeKey}`,
    `  read key:   ${site.readKey}`,
    `  secret key: ${site.secretKey}`,
  ].join("\n");
}

export const serveCommand: Command = {
  path: ["serve"],
  summary: "run the collector",
  help: `Usage: touchpoint serve [--port 8787] [--host 127.0.0.1] [--db ./data/touchpoint.db]

Runs the collector on a SQLite file (created with its folder when missing), or on PostgreSQL
when --db is a postgres:// URL (any number of collectors may share one database). On first
start with an empty database it creates a site named "demo" and prints its keys.
SIGTERM or SIGINT: stop accepting, finish in-flight requests, commit, close the database.

Options (each also from the environment):
  --port N     TOUCHPOINT_PORT   (default 8787; 0 picks a free port)
  --host H     TOUCHPOINT_HOST   (default 127.0.0.1; 0.0.0.0 listens on every interface)
  --db PATH    TOUCHPOINT_DB     (default ./data/touchpoint.db; a postgres:// URL selects PostgreSQL)
Tuning (environment only): TOUCHPOINT_COMMIT_WINDOW_MS (2), TOUCHPOINT_COMMIT_MAX_ROWS (2000),
  TOUCHPOINT_MAX_BATCH_BYTES (512000), TOUCHPOINT_MAX_EVENT_BYTES (32768),
  TOUCHPOINT_MAX_EVENTS_PER_BATCH (1000)`,
  options: { port: { type: "string" }, host: { type: "string" }, db: { type: "string" } },

  async run(values) {
    const config = loadConfig({ port: values.port as string | undefined, host: values.host as string | undefined, db: values.db as string | undefined });
    const store = await openStoreAt(config.db);
    const writer = createGroupCommitWriter(store, config.groupCommit);
    const app = createApp({ store, config, writer });

    const server = await new Promise<Server>((resolve, reject) => {
      // Without a createServer option, @hono/node-server makes a node:http server.
      const s = listen({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server));
      s.once("error", reject);
    });
    const { port } = server.address() as AddressInfo;
    console.log(`touchpoint collector listening on http://${config.host}:${port} (database ${databaseLabel(config.db)})`);
    // Only once listening: a start that fails (port taken) must not use up the one showing of the keys.
    if ((await store.listSites()).length === 0) console.log(demoKeys(await store.createSite({ name: "demo", origins: [] })));

    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off("SIGTERM", stop);
        process.off("SIGINT", stop);
        console.log(`touchpoint: ${signal}: finishing in-flight requests`);
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
      };
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
    });
    await writer.close();
    await store.close();
    console.log("touchpoint: stopped; every acknowledged event is on disk");
  },
};
