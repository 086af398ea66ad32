import { randomInt } from "node:crypto";
import { createBatchValidator } from "@touchpoint/protocol";
import { integer } from "../config-values.js";
import { loadConfig } from "../config.js";
import { createGroupCommitWriter } from "../ingest/group-commit.js";
import { createEventIngest } from "../ingest/ingest-batch.js";
import { progressReporter } from "../seed/progress.js";
import { seedSite } from "../seed/seed-site.js";
import type { CreatedSite, Site, SiteDirectory } from "../store/store.js";
import { UsageError, type Command } from "./command.js";
import { openStoreAt } from "./open-store.js";

/** The --site site; else the only site; else the site named demo; in an empty database a new demo site. */
async function chooseSite(store: SiteDirectory, siteId: string | undefined): Promise<{ site: Site; created: CreatedSite | null }> {
  const sites = await store.listSites();
  if (siteId !== undefined) {
    const site = sites.find((s) => s.id === siteId);
    if (!site) throw new UsageError(`--site: no site has the id ${JSON.stringify(siteId)}`);
    return { site, created: null };
  }
  if (sites.length === 0) {
    const created = await store.createSite({ name: "demo", origins: [] });
    return { site: created, created };
  }
  const only = sites.length === 1 ? sites[0] : sites.find((s) => s.name === "demo");
  if (!only) throw new UsageError(`the database has ${sites.length} sites: choose one with --site (${sites.map((s) => s.id).join(", ")})`);
  return { site: only, created: null };
}

export const seedCommand: Command = {
  path: ["seed"],
  summary: "generate realistic synthetic journeys through the real ingest path",
  help: `Usage: touchpoint seed --customers N --days D [--site ID] [--seed N] [--until ISO] [--db PATH]

Generates N customer journeys over the D days before --until (default now), plus 0.3 anonymous
visitors per customer, and sends them through the collector's own ingest code (validation,
enrichment, identity stitching, group commit). Personas (bargain hunter, researcher, loyal
fan, stored as the trait "persona") arrive through paid and organic search, social, email,
display, affiliate and referral visits with UTM tags and click ids, climb awareness ->
consideration -> evaluation -> purchase -> loyalty with drop-offs, browse anonymously before
they are identified, some on a second device, buy again, and meet the call center or a store
(server-side touchpoints). Safe while a collector serves the same SQLite file.

Progress goes to stderr (a bar on a terminal); a JSON summary { customers, events, ... } to stdout.
The same --seed and --until write the same events, ids included, so running it twice stores
nothing new; without --seed a random one is picked and shown in the summary.

Options:
  --customers N   customers to generate (1 to 10000000)
  --days D        length of the period (1 to 3650)
  --site ID       the site (default: the only site, else the one named "demo"; an empty database gets a new "demo" site, its keys in the summary)
  --seed N        generator seed, 0 to 4294967295
  --until ISO     end of the period (default now)
  --db PATH       SQLite file or postgres:// URL (TOUCHPOINT_DB; default ./data/touchpoint.db)`,
  options: {
    customers: { type: "string" },
    days: { type: "string" },
    site: { type: "string" },
    seed: { type: "string" },
    until: { type: "string" },
    db: { type: "string" },
  },

  async run(values) {
    const text = (name: string) => values[name] as string | undefined;
    if (text("customers") === undefined) throw new UsageError("--customers is required");
    if (text("days") === undefined) throw new UsageError("--days is required");
    const customers = integer("--customers", text("customers")!, 1, 10_000_000);
    const days = integer("--days", text("days")!, 1, 3650);
    const seed = text("seed") === undefined ? randomInt(0, 2 ** 32 - 1) : integer("--seed", text("seed")!, 0, 2 ** 32 - 1);
    const until = text("until") === undefined ? Date.now() : Date.parse(text("until")!);
    if (Number.isNaN(until)) throw new UsageError(`--until must be an ISO-8601 date-time; got ${JSON.stringify(text("until"))}`);

    const config = loadConfig({ db: text("db") });
    const store = await openStoreAt(config.db);
    try {
      const { site, created } = await chooseSite(store, text("site")?.trim());
      // Large groups: the seed is one busy writer, and a collector sharing the file waits at most one group.
      const writer = createGroupCommitWriter(store, { windowMs: 0, maxRows: 5_000 });
      const ingestEvents = createEventIngest({ writer, validator: createBatchValidator(config.limits) });
      const progress = progressReporter(process.stderr);
      try {
        const summary = await seedSite({ site, ingestEvents, customers, days, seed, until, onProgress: (p) => progress.update(p) });
        progress.done();
        const keys = created && {
          createdSite: {
            id: created.id,
            name: created.name,
            writeKey: created.writeKey,
            readKey: created.readKey,
            secretKey: created.secretKey,
          },
        };
        console.log(JSON.stringify({ ...summary, ...keys }, null, 2));
      } finally {
        await writer.close();
      }
    } finally {
      await store.close();
    }
  },
};
