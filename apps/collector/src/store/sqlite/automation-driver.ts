/**
 * Automation's SQLite connection to the collector's database file, with automation's migrations:
 * the collector store's own connection when given (the server does: see sqliteConnectionOf), else
 * one of its own (WAL lets it write beside ingest's; the CLI's `rules`). Calls take turns through
 * a queue, and a transaction runs from BEGIN to COMMIT synchronously (see sqlTransaction), so on a
 * shared connection nothing of the store's runs inside one of automation's transactions.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { migrationsFolder } from "../migrations-folder.js";
import { createSqlAutomationStore, sqlTransaction, type SqlDriver, type SqlRow, type TransactionBody } from "../automation-sql.js";
import type { AutomationStore } from "../automation-store.js";

export function openSqliteAutomationStore(path: string, shared?: Database.Database): AutomationStore {
  const client = shared ?? new Database(path);
  if (!shared) {
    client.pragma("journal_mode = WAL");
    client.pragma("synchronous = NORMAL");
    client.pragma("busy_timeout = 5000");
    client.pragma("secure_delete = ON");
    // The store's checkpointer thread checkpoints the WAL; a commit here must not do it inline.
    client.pragma("wal_autocheckpoint = 0");
  }
  migrate(drizzle({ client }), {
    migrationsFolder: migrationsFolder("sqlite-automation"),
    migrationsTable: "__drizzle_automation_migrations",
  });

  // Statements are few and fixed (listRuns' filters and IN lists make a handful more): prepare each once.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      // listRuns' IN lists vary in length: keep the cache bounded whatever the queries.
      if (statements.size >= 256) statements.clear();
      statements.set(sql, (statement = client.prepare(sql)));
    }
    return statement;
  };
  const all = (sql: string, params: readonly unknown[]) => {
    const statement = prepared(sql);
    if (statement.reader) return statement.all(...params) as SqlRow[];
    statement.run(...params);
    return [];
  };
  const run = (sql: string, params: readonly unknown[]) => prepared(sql).run(...params).changes;
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => T): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  const driver: SqlDriver = {
    dialect: "sqlite",
    all: (sql, params = []) => inTurn(() => all(sql, params)),
    run: (sql, params = []) => inTurn(() => run(sql, params)),
    transaction: <T>(work: TransactionBody<T>) =>
      inTurn(() =>
        client
          .transaction(() => {
            const body = work(sqlTransaction);
            for (let step = body.next(); ; ) {
              if (step.done) return step.value;
              const { kind, sql, params } = step.value;
              step = body.next(kind === "all" ? all(sql, params) : run(sql, params));
            }
          })
          .immediate(),
      ),
    // A shared connection is the store's to close.
    close: async () => {
      await inTurn(() => shared ?? client.close());
    },
  };
  return createSqlAutomationStore(driver);
}
