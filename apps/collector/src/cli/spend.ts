import { loadConfig } from "../config.js";
import { UsageError, type Command, type OptionValues } from "./command.js";
import { openStoreAt } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

function requiredSite(values: OptionValues): string {
  const siteId = (values.site as string | undefined)?.trim();
  if (!siteId) throw new UsageError("--site is required");
  return siteId;
}

export const spendListCommand: Command = {
  path: ["spend", "list"],
  summary: "list a site's spend rows as JSON",
  help: `Usage: touchpoint spend list --site ID [--db PATH]

Prints a JSON array of the spend rows recorded with POST /v1/spend, oldest first:
[{ "id", "groupBy", "key", "from", "to", "amount", "currency", "createdAt" }].

Options:
  --site ID   the site's id (see \`touchpoint sites list\`)
${dbHelp}`,
  options: { site: { type: "string" }, ...dbOption },

  async run(values) {
    const siteId = requiredSite(values);
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      if (!(await store.listSites()).some((s) => s.id === siteId)) throw new Error(`no site has the id ${JSON.stringify(siteId)}`);
      const rows = await store.listSpend(siteId);
      console.log(
        JSON.stringify(
          rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })),
          null,
          2,
        ),
      );
    } finally {
      await store.close();
    }
  },
};

export const spendDeleteCommand: Command = {
  path: ["spend", "delete"],
  summary: "delete one spend row (a mistaken POST /v1/spend)",
  help: `Usage: touchpoint spend delete --site ID --id SPEND_ID [--db PATH]

Deletes one spend row; reports cost, ROAS and CAC without it from the next query on.
Prints { "id", "deleted": true }.

Options:
  --site ID   the site's id
  --id ID     the spend row's id (see \`touchpoint spend list\`)
${dbHelp}`,
  options: { site: { type: "string" }, id: { type: "string" }, ...dbOption },

  async run(values) {
    const siteId = requiredSite(values);
    const spendId = (values.id as string | undefined)?.trim();
    if (!spendId) throw new UsageError("--id is required");
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      if (!(await store.deleteSpend(siteId, spendId)))
        throw new Error(`the site ${JSON.stringify(siteId)} has no spend row ${JSON.stringify(spendId)}`);
      console.log(JSON.stringify({ id: spendId, deleted: true }, null, 2));
    } finally {
      await store.close();
    }
  },
};
