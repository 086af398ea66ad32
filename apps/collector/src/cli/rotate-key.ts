import { loadConfig } from "../config.js";
import type { SiteKeyKind } from "../store/store.js";
import { UsageError, type Command } from "./command.js";
import { openStoreAt } from "./open-store.js";

const KINDS: Record<string, SiteKeyKind> = { write: "write", read: "read", secret: "secret" };

export const sitesRotateKeyCommand: Command = {
  path: ["sites", "rotate-key"],
  summary: "replace one of a site's keys and print the new one once",
  help: `Usage: touchpoint sites rotate-key --site ID --key write|read|secret [--db PATH]

Prints one JSON object: { "id", "key", "writeKey" | "readKey" | "secretKey" }.
The old key stops working at once, also for collectors already running on the same
database: a SQLite collector drops its cached sites as soon as another process
commits, and a PostgreSQL collector looks keys up on every request.
Pages that embed the old write key must be given the new one.

Options:
  --site ID                    the site's id (see \`touchpoint sites list\`)
  --key write|read|secret      which key to replace
  --db PATH                    SQLite file or postgres:// URL (TOUCHPOINT_DB; default ./data/touchpoint.db)`,
  options: { site: { type: "string" }, key: { type: "string" }, db: { type: "string" } },

  async run(values) {
    const siteId = (values.site as string | undefined)?.trim();
    if (!siteId) throw new UsageError("--site is required");
    const kind = KINDS[(values.key as string | undefined) ?? ""];
    if (!kind) throw new UsageError("--key must be write, read or secret");
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      const key = await store.rotateKey(siteId, kind);
      if (key === null) throw new Error(`no site has the id ${JSON.stringify(siteId)}`);
      console.log(JSON.stringify({ id: siteId, key: kind, [`${kind}Key`]: key }, null, 2));
    } finally {
      await store.close();
    }
  },
};
