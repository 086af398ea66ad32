import { loadConfig } from "../config.js";
import { normalizeOrigin } from "../sites/origins.js";
import type { Command } from "./command.js";
import { UsageError } from "./command.js";
import { openStoreAt } from "./open-store.js";

export const dbOption = { db: { type: "string" } } as const;
export const dbHelp = "  --db PATH|URL  SQLite file or postgres:// URL (TOUCHPOINT_DB; default ./data/touchpoint.db)";

export const sitesCreateCommand: Command = {
  path: ["sites", "create"],
  summary: "create a site and print its keys once",
  help: `Usage: touchpoint sites create --name NAME [--origin URL]... [--db PATH]

Prints one JSON object: { "id", "name", "writeKey", "readKey", "secretKey", "origins" }.
The write key is public (ingest only); the read key (query API) and the secret key
(server-side ingest) are stored hashed and never shown again.

Options:
  --name NAME    the site's name
  --origin URL   a browser origin allowed to send events (repeatable; none: any origin)
${dbHelp}`,
  options: { name: { type: "string" }, origin: { type: "string", multiple: true }, ...dbOption },

  async run(values) {
    const name = (values.name as string | undefined)?.trim();
    if (!name) throw new UsageError("--name is required");
    let origins: string[];
    try {
      origins = [...new Set(((values.origin as string[] | undefined) ?? []).map(normalizeOrigin))];
    } catch (error) {
      throw new UsageError(`--origin: ${(error as Error).message}`);
    }
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      const site = await store.createSite({ name, origins });
      const { id, writeKey, readKey, secretKey } = site;
      console.log(JSON.stringify({ id, name: site.name, writeKey, readKey, secretKey, origins: site.origins }, null, 2));
    } finally {
      await store.close();
    }
  },
};

export const sitesListCommand: Command = {
  path: ["sites", "list"],
  summary: "list sites as JSON (no secret keys)",
  help: `Usage: touchpoint sites list [--db PATH]

Prints a JSON array: [{ "id", "name", "writeKey", "origins", "createdAt" }].

Options:
${dbHelp}`,
  options: dbOption,

  async run(values) {
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      const sites = await store.listSites();
      const listed = sites.map(({ id, name, writeKey, origins, createdAt }) => ({
        id,
        name,
        writeKey,
        origins,
        createdAt: new Date(createdAt).toISOString(),
      }));
      console.log(JSON.stringify(listed, null, 2));
    } finally {
      await store.close();
    }
  },
};
