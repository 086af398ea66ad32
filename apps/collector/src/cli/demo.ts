import { createBatchValidator } from "@touchpoint/protocol";
import { startDemoShop, type RunningDemoShop } from "@touchpoint/demo-shop";
import { integer } from "../config-values.js";
import { loadConfig } from "../config.js";
import { demoKeysPath } from "../demo/demo-keys.js";
import { ensureDemoSite, shopOrigins } from "../demo/demo-site.js";
import { ensureDemoCartRule } from "../demo/demo-cart-rule.js";
import { startDemoReceiver, type DemoReceiver } from "../demo/demo-receiver.js";
import { createEventIngest } from "../ingest/ingest-batch.js";
import { seedSite } from "../seed/seed-site.js";
import { startCollectorServer, untilStopSignal, type CollectorServer } from "../server/collector-server.js";
import type { Command } from "./command.js";
import { databaseLabel, openStoreAt } from "./open-store.js";

/** A first start's history: enough for every dashboard panel, seeded in about a second. */
const DEMO_CUSTOMERS = 300;
const DEMO_DAYS = 30;
const DEMO_SEED = 2026;

/** How a browser on this machine reaches a server listening on `host`. */
function browserHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

export const demoCommand: Command = {
  path: ["demo"],
  summary: "run the collector and the demo shop, and print the shop and dashboard links",
  help: `Usage: touchpoint demo [--port 8787] [--shop-port 8788] [--host 127.0.0.1] [--db ./data/touchpoint.db]

Runs the collector and the demo shop (a small store that embeds the script tag). On first
start it creates the site "demo" with the shop's origins allowed, seeds ${DEMO_CUSTOMERS} customers
over ${DEMO_DAYS} days so the dashboard has something to show, and saves the site's read key
in demo-keys.json beside the database (mode 0600), so every start prints a working
dashboard link (/dashboard#key=READ_KEY). It also runs one automation rule, "abandoned cart":
begin_checkout without a purchase within 10 seconds sends a webhook to a small receiver the demo
runs on loopback (it prints each delivery) and records a cart_reminder_sent touchpoint.
SIGTERM or SIGINT stops both.

Options:
  --port N        the collector's port (TOUCHPOINT_PORT; default 8787; 0 picks a free port)
  --shop-port N   the demo shop's port (default 8788)
  --host H        where both listen (TOUCHPOINT_HOST; default 127.0.0.1)
  --db PATH       SQLite file or postgres:// URL (TOUCHPOINT_DB; default ./data/touchpoint.db)`,
  options: { port: { type: "string" }, "shop-port": { type: "string" }, host: { type: "string" }, db: { type: "string" } },

  async run(values) {
    const config = loadConfig({
      port: values.port as string | undefined,
      host: values.host as string | undefined,
      db: values.db as string | undefined,
    });
    const shopPort = integer("--shop-port", (values["shop-port"] as string | undefined) ?? "8788", 1, 65535);
    const store = await openStoreAt(config.db, {
      connectTimeoutMs: config.ops.dbConnectTimeoutMs,
      statementTimeoutMs: config.ops.dbStatementTimeoutMs,
    });
    let collector: CollectorServer | null = null;
    let shop: RunningDemoShop | null = null;
    let receiver: DemoReceiver | null = null;
    let signingSecret: string | null = null;
    try {
      const keysPath = demoKeysPath(config.db);
      const demo = await ensureDemoSite(store, keysPath, shopOrigins(shopPort));
      if (demo.note) console.log(demo.note);
      // The demo's receiver listens on loopback: the demo allows private webhook targets.
      collector = await startCollectorServer(store, config, undefined, { allowPrivateWebhooks: true });
      receiver = await startDemoReceiver(
        config.host,
        () => signingSecret,
        (line) => console.log(line),
      );
      const collectorUrl = `http://${browserHost(config.host)}:${collector.port}`;

      if ((await store.countEvents(demo.site.id)) === 0) {
        const ingestEvents = createEventIngest({ writer: collector.writer, validator: createBatchValidator(config.limits) });
        const seeded = await seedSite({
          site: demo.site,
          ingestEvents,
          customers: DEMO_CUSTOMERS,
          days: DEMO_DAYS,
          seed: DEMO_SEED,
          until: Date.now(),
        });
        console.log(
          `Seeded a history: ${seeded.customers} customers and ${seeded.anonymousVisitors} visitors, ${seeded.events} events over ${DEMO_DAYS} days.`,
        );
        // The links go out once the reports can show the history: a dashboard opened at once
        // would otherwise read digests upkeep is still building.
        await collector.upkeep.caughtUp();
      }

      // After the seed: its history's checkouts must not all be reminded now.
      const cartRule = await ensureDemoCartRule(collector.automation!.store, demo.site.id, receiver.url);
      signingSecret = cartRule.signingSecret;
      collector.automation!.rulesChanged(demo.site.id);

      shop = await startDemoShop({ port: shopPort, host: config.host, collectorUrl, writeKey: demo.site.writeKey });
      console.log(
        [
          "",
          "Touchpoint demo is running:",
          `  shop:       ${shop.url.replace(/\/\/(0\.0\.0\.0|\[::\])/, "//127.0.0.1")}`,
          `  dashboard:  ${collectorUrl}/dashboard#key=${demo.keys.readKey}`,
          `  write key:  ${demo.site.writeKey} (public: for the script tag and POST /v1/batch)`,
          `  collector:  ${collectorUrl} (database ${databaseLabel(config.db)})`,
          `  automation: rule "${cartRule.body.name}" (${cartRule.id}) sends its webhooks to ${receiver.url}`,
          `The demo site's keys are in ${keysPath}. Ctrl-C stops.`,
        ].join("\n"),
      );

      const signal = await untilStopSignal();
      console.log(`touchpoint: ${signal}: stopping the demo`);
    } finally {
      await shop?.close();
      await collector?.stop();
      await receiver?.close();
      await store.close();
    }
  },
};
