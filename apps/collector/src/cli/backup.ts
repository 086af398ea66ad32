import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { loadConfig } from "../config.js";
import { backupSqlite, restoreSqlite } from "../store/sqlite/backup.js";
import { UsageError, type Command } from "./command.js";
import { isPostgresUrl, openStoreAt } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

const POSTGRES_NOTE = "on PostgreSQL use pg_dump and pg_restore (see the README's Operations section)";

export const backupCommand: Command = {
  path: ["backup"],
  summary: "copy the SQLite database to a file while collectors keep running",
  help: `Usage: touchpoint backup --out FILE [--db PATH]

Writes a consistent copy of the SQLite database to FILE (mode 0600) through SQLite's online
backup API: collectors on the database keep ingesting meanwhile. The copy is checked with
SQLite's quick_check before it is renamed to FILE, so FILE is never a half-written copy.
Prints { "out", "bytes", "events" }. For PostgreSQL, use pg_dump.

Options:
  --out FILE   where the copy goes (replaced when it exists)
${dbHelp}`,
  options: { out: { type: "string" }, ...dbOption },

  async run(values) {
    const out = (values.out as string | undefined)?.trim();
    if (!out) throw new UsageError("--out is required");
    const { db } = loadConfig({ db: values.db as string | undefined });
    if (isPostgresUrl(db)) throw new UsageError(POSTGRES_NOTE);
    if (resolve(out) === resolve(db)) throw new UsageError("--out must not be the database itself");
    console.log(JSON.stringify(await backupSqlite(db, out), null, 2));
  },
};

export const restoreCommand: Command = {
  path: ["restore"],
  summary: "put a backup in place of the SQLite database (collectors stopped)",
  help: `Usage: touchpoint restore --from FILE [--db PATH] [--replace]

Checks the backup, puts it in place of the database and migrates it if an earlier release made
it. Stop every collector on the database first. An existing database is only replaced with
--replace. Prints { "db", "sites" }. For PostgreSQL, use pg_restore.

Options:
  --from FILE   a file written by \`touchpoint backup\`
  --replace     replace an existing database
${dbHelp}`,
  options: { from: { type: "string" }, replace: { type: "boolean" }, ...dbOption },

  async run(values) {
    const from = (values.from as string | undefined)?.trim();
    if (!from) throw new UsageError("--from is required");
    const { db } = loadConfig({ db: values.db as string | undefined });
    if (isPostgresUrl(db)) throw new UsageError(POSTGRES_NOTE);
    if (!existsSync(from)) throw new Error(`no backup at ${from}`);
    if (existsSync(db) && values.replace !== true)
      throw new UsageError(`${db} exists: stop its collectors and add --replace to overwrite it`);
    restoreSqlite(from, db);
    const store = await openStoreAt(db);
    try {
      console.log(JSON.stringify({ db, sites: (await store.listSites()).length }, null, 2));
    } finally {
      await store.close();
    }
  },
};
