/**
 * The query benchmark on PostgreSQL (issue 16): the same seed, heavy customer and reports as on
 * SQLite, on a throwaway server with fsync on, so the two stores' report times stand side by side.
 * Reports there read the journey digests upkeep keeps in PostgreSQL.
 */
import pg from "pg";
import { startThrowawayPostgres } from "../apps/collector/src/testing/throwaway-postgres.js";
import { benchQueriesOn, type QueryFigures, type QuerySettings } from "./queries.js";

const DURABLE = { fsync: "on", synchronous_commit: "on", full_page_writes: "on" } as const;

export async function benchPostgresQueries(settings: QuerySettings): Promise<QueryFigures> {
  const server = await startThrowawayPostgres(DURABLE);
  try {
    const url = await server.createDatabase("bench_queries");
    return await benchQueriesOn({ location: url, countEvents: (siteId) => countEvents(url, siteId) }, settings);
  } finally {
    await server.stop();
  }
}

async function countEvents(url: string, siteId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE site_id = $1", [siteId]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
