import { loadConfig } from "../config.js";
import { startCollectorServer, untilStopSignal } from "../server/collector-server.js";
import type { CreatedSite } from "../store/store.js";
import type { Command } from "./command.js";
import { databaseLabel, isPostgresUrl, openStoreAt } from "./open-store.js";
import { OPS_HELP, OPS_OPTIONS, opsFlags } from "./ops-options.js";
import { OBSERVE_HELP, OBSERVE_OPTIONS, observeFlags } from "./observe-options.js";
import { loadObserveConfig } from "../observe/observe-config.js";

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
  help: `Usage: touchpoint serve [--port 8787] [--host 127.0.0.1] [--db ./data/touchpoint.db] [--retention-days N] [limits]

Runs the collector on a SQLite file (created with its folder when missing), or on PostgreSQL
when --db is a postgres:// URL (any number of collectors may share one database). On first
start with an empty SQLite database it creates a site named "demo" and prints its keys; on
PostgreSQL, where several collectors may start at once, create sites with \`touchpoint sites create\`.
SIGTERM or SIGINT: stop accepting, finish in-flight requests, commit, close the database.
A SQLite database is created with a marker beside it (.NAME.created): if the database is later
missing, serve exits with an error instead of creating an empty one with new keys; restore it,
or delete the marker to start afresh. GET /healthz is liveness, GET /readyz readiness (503 while
the database cannot be reached or written).

Options (each also from the environment):
  --port N     TOUCHPOINT_PORT   (default 8787; 0 picks a free port)
  --host H     TOUCHPOINT_HOST   (default 127.0.0.1; 0.0.0.0 listens on every interface)
  --db PATH    TOUCHPOINT_DB     (default ./data/touchpoint.db; a postgres:// URL selects PostgreSQL)
  --allow-private-webhooks  TOUCHPOINT_ALLOW_PRIVATE_WEBHOOKS=1
               automation rules may send webhooks to loopback, private and link-local addresses
Tuning (environment only): TOUCHPOINT_COMMIT_WINDOW_MS (2), TOUCHPOINT_COMMIT_MAX_ROWS (2000),
  TOUCHPOINT_MAX_BATCH_BYTES (512000), TOUCHPOINT_MAX_EVENT_BYTES (32768),
  TOUCHPOINT_MAX_EVENTS_PER_BATCH (1000)

${OPS_HELP}

${OBSERVE_HELP}`,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    db: { type: "string" },
    "allow-private-webhooks": { type: "boolean" },
    ...OPS_OPTIONS,
    ...OBSERVE_OPTIONS,
  },

  async run(values) {
    const config = loadConfig({
      port: values.port as string | undefined,
      host: values.host as string | undefined,
      db: values.db as string | undefined,
      ...opsFlags(values),
    });
    const observe = loadObserveConfig(observeFlags(values), process.env);
    const store = await openStoreAt(config.db, {
      connectTimeoutMs: config.ops.dbConnectTimeoutMs,
      statementTimeoutMs: config.ops.dbStatementTimeoutMs,
    });
    const walFile = isPostgresUrl(config.db) ? null : `${config.db}-wal`;
    const allowPrivateWebhooks = values["allow-private-webhooks"] === true || process.env.TOUCHPOINT_ALLOW_PRIVATE_WEBHOOKS === "1";
    const collector = await startCollectorServer(store, config, { ...observe, walFile }, { allowPrivateWebhooks }).catch(
      async (error: unknown) => {
        await store.close();
        throw error;
      },
    );
    // Listening for the stop signal before saying so: a SIGTERM right after the line must stop cleanly.
    const stopSignal = untilStopSignal();
    console.log(`touchpoint collector listening on http://${config.host}:${collector.port} (database ${databaseLabel(config.db)})`);
    if (collector.metricsPort !== null) console.log(`touchpoint metrics on http://${observe.metricsHost}:${collector.metricsPort}/metrics`);
    // Only once listening: a start that fails (port taken) must not use up the one showing of the keys.
    // Not on PostgreSQL: collectors starting together would each see no site and make one.
    if (!isPostgresUrl(config.db) && (await store.listSites()).length === 0)
      console.log(demoKeys(await store.createSite({ name: "demo", origins: [] })));

    const signal = await stopSignal;
    console.log(`touchpoint: ${signal}: finishing in-flight requests`);
    await collector.stop();
    await store.close();
    console.log("touchpoint: stopped; every acknowledged event is on disk");
  },
};
