import { describe, expect, it } from "vitest";
import pg from "pg";
import { findPostgresBin, startThrowawayPostgres } from "./throwaway-postgres.js";
import { useThrowawayPostgres } from "./use-throwaway-postgres.js";

describe.skipIf(!findPostgresBin())("throwaway PostgreSQL (skipped only where the postgresql package is missing)", () => {
  const server = useThrowawayPostgres();

  it("serves a fresh database that real queries reach", async () => {
    const url = await server().createDatabase("probe");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string; sum: number }>("select current_database() as db, 20 + 22 as sum");
    await client.end();
    expect(rows).toEqual([{ db: "probe", sum: 42 }]);
  });

  it("runs without fsync unless told otherwise", async () => {
    const client = new pg.Client({ connectionString: server().url });
    await client.connect();
    const { rows } = await client.query<{ fsync: string }>("SHOW fsync");
    await client.end();
    expect(rows).toEqual([{ fsync: "off" }]);
  });

  it("takes server settings that override its own", async () => {
    const durable = await startThrowawayPostgres({ fsync: "on", synchronous_commit: "on", work_mem: "8MB" });
    try {
      const client = new pg.Client({ connectionString: durable.url });
      await client.connect();
      const settings = await client.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'work_mem') ORDER BY name",
      );
      await client.end();
      expect(settings.rows).toEqual([
        { name: "fsync", setting: "on" },
        { name: "synchronous_commit", setting: "on" },
        { name: "work_mem", setting: "8192" },
      ]);
    } finally {
      await durable.stop();
    }
  }, 60_000);
});
