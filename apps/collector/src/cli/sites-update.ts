import { loadConfig } from "../config.js";
import { normalizeOrigin } from "../sites/origins.js";
import { UsageError, type Command } from "./command.js";
import { openStoreAt } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

export const sitesUpdateCommand: Command = {
  path: ["sites", "update"],
  summary: "replace a site's allowed origins",
  help: `Usage: touchpoint sites update --site ID (--origin URL... | --any-origin) [--db PATH]

Replaces the browser origins allowed to send the site's events and prints the site as JSON:
{ "id", "name", "writeKey", "origins" }. Collectors already running on the same database
apply it to the next request.

Options:
  --site ID      the site's id (see \`touchpoint sites list\`)
  --origin URL   an allowed origin (repeatable); replaces the whole list
  --any-origin   allow every origin (an empty list)
${dbHelp}`,
  options: { site: { type: "string" }, origin: { type: "string", multiple: true }, "any-origin": { type: "boolean" }, ...dbOption },

  async run(values) {
    const siteId = (values.site as string | undefined)?.trim();
    if (!siteId) throw new UsageError("--site is required");
    const given = (values.origin as string[] | undefined) ?? [];
    const any = values["any-origin"] === true;
    if (given.length === 0 && !any) throw new UsageError("give --origin URL (repeatable) or --any-origin");
    if (given.length > 0 && any) throw new UsageError("--origin and --any-origin exclude each other");
    let origins: string[];
    try {
      origins = [...new Set(given.map(normalizeOrigin))];
    } catch (error) {
      throw new UsageError(`--origin: ${(error as Error).message}`);
    }
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      if (!(await store.setSiteOrigins(siteId, origins))) throw new Error(`no site has the id ${JSON.stringify(siteId)}`);
      const site = (await store.listSites()).find((s) => s.id === siteId);
      if (!site) throw new Error(`the site ${JSON.stringify(siteId)} was deleted meanwhile`);
      console.log(JSON.stringify({ id: site.id, name: site.name, writeKey: site.writeKey, origins: site.origins }, null, 2));
    } finally {
      await store.close();
    }
  },
};
