import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../testing/temp-dir.js";
import { findPostgresBin } from "../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../testing/use-throwaway-postgres.js";
import { databaseLabel, openStoreAt } from "./open-store.js";

describe("databaseLabel", () => {
  it("masks a PostgreSQL password and leaves file paths alone", () => {
    expect(databaseLabel("postgres://touchpoint:s3cret@db.example:5432/touchpoint")).toBe(
      "postgres://touchpoint:***@db.example:5432/touchpoint",
    );
    expect(databaseLabel("postgresql://db.example/tp")).toBe("postgresql://db.example/tp");
    expect(databaseLabel("./data/touchpoint.db")).toBe("./data/touchpoint.db");
  });
});

describe("openStoreAt", () => {
  const tempDir = useTempDir("touchpoint-open-store-");

  it("opens a SQLite file for a path", async () => {
    const store = await openStoreAt(join(tempDir(), "t.db"));
    expect(await store.listSites()).toEqual([]);
    await store.close();
  });

  it("names the database, without its password, when PostgreSQL cannot be reached", async () => {
    await expect(openStoreAt("postgres://touchpoint:s3cret@127.0.0.1:1/touchpoint")).rejects.toThrow(
      "cannot open PostgreSQL at postgres://touchpoint:***@127.0.0.1:1/touchpoint: connect ECONNREFUSED 127.0.0.1:1",
    );
  });

  describe.skipIf(!findPostgresBin())("on PostgreSQL (skipped only where the postgresql package is missing)", () => {
    const server = useThrowawayPostgres();

    it("opens PostgreSQL for postgres:// and postgresql:// URLs", async () => {
      const url = await server().createDatabase("open_store");
      const first = await openStoreAt(url);
      const site = await first.createSite({ name: "shop", origins: [] });
      await first.close();
      const second = await openStoreAt(url.replace(/^postgres:/, "postgresql:"));
      expect((await second.listSites()).map((s) => s.id)).toEqual([site.id]);
      await second.close();

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>("SELECT name FROM sites");
      await client.end();
      expect(rows).toEqual([{ name: "shop" }]);
    });
  });
});
