import { loadConfig } from "../config.js";
import { UsageError, type Command } from "./command.js";
import { openStoreAt } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

export const sitesDeleteCommand: Command = {
  path: ["sites", "delete"],
  summary: "erase a site with all of its events, customers and spend",
  help: `Usage: touchpoint sites delete --site ID --yes [--db PATH]

Erases the site and everything stored for it: events, identity links, spend, journey digests,
suppression lists. Its keys stop working at once, also in collectors already running on the
same database. Prints { "id", "deleted": { TABLE: ROWS, ... } }. There is no undo: take a
backup first (\`touchpoint backup --out FILE\`).

Options:
  --site ID   the site's id (see \`touchpoint sites list\`)
  --yes       confirms the erasure
${dbHelp}`,
  options: { site: { type: "string" }, yes: { type: "boolean" }, ...dbOption },

  async run(values) {
    const siteId = (values.site as string | undefined)?.trim();
    if (!siteId) throw new UsageError("--site is required");
    if (values.yes !== true) throw new UsageError("erasing a site cannot be undone: add --yes");
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      const deleted = await store.deleteSite(siteId);
      if (deleted === null) throw new Error(`no site has the id ${JSON.stringify(siteId)}`);
      console.log(JSON.stringify({ id: siteId, deleted }, null, 2));
    } finally {
      await store.close();
    }
  },
};
