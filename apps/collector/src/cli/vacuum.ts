import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { loadConfig } from "../config.js";
import { vacuumSqlite } from "../store/sqlite/free-space.js";
import { UsageError, type Command } from "./command.js";
import { isPostgresUrl } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

export const vacuumCommand: Command = {
  path: ["vacuum"],
  summary: "give the space of deleted events back to the disk (SQLite)",
  help: `Usage: touchpoint vacuum [--db PATH]

Databases created by this release free the space of deleted events by themselves (incremental
auto_vacuum after each retention pass and site deletion). A database made by an earlier release
needs this command once: it rebuilds the file (one VACUUM: needs free disk as large as the
database, and holds ingest off until done, so run it with the collectors stopped or at a quiet
time) and switches it to incremental auto_vacuum. Prints { "db", "bytesBefore", "bytesAfter",
"converted" }. PostgreSQL reuses the space itself (autovacuum).

Options:
${dbHelp}`,
  options: dbOption,

  async run(values) {
    const { db } = loadConfig({ db: values.db as string | undefined });
    if (isPostgresUrl(db))
      throw new UsageError("PostgreSQL's autovacuum reuses the space of deleted rows; VACUUM FULL gives it back to the disk");
    if (!existsSync(db)) throw new Error(`no database at ${db}`);
    const client = new Database(db, { fileMustExist: true });
    try {
      client.pragma("busy_timeout = 5000");
      const result = await vacuumSqlite(client, db, () => fileSize(db) + fileSize(`${db}-wal`));
      console.log(JSON.stringify(result, null, 2));
    } finally {
      client.close();
    }
  },
};
