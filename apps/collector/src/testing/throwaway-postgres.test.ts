import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.js";

describe.skipIf(!findPostgresBin())("throwaway PostgreSQL (skipped only where the postgresql package is missing)", () => {
  let server: ThrowawayPostgres;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("serves a fresh database that real queries reach", async () => {
    const url = await server.createDatabase("probe");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string; sum: number }>("select current_database() as db, 20 + 22 as sum");
    await client.end();
    expect(rows).toEqual([{ db: "probe", sum: 42 }]);
  });
});
