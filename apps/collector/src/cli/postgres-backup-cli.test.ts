/** The README's PostgreSQL backup: pg_dump of a collector's database, pg_restore into a new one, the collector reads it. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { eventRow } from "../store/store-behaviour.js";
import { openPostgresStore } from "../store/postgres/postgres-store.js";
import { runCli } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";
import { findPostgresBin } from "../testing/throwaway-postgres.js";
import { useThrowawayPostgres } from "../testing/use-throwaway-postgres.js";

const run = promisify(execFile);
const tempDir = useTempDir("touchpoint-pg-backup-");

describe.skipIf(!findPostgresBin())(
  "PostgreSQL backup with pg_dump and pg_restore (skipped only where the postgresql package is missing)",
  () => {
    const server = useThrowawayPostgres();

    it("restores a dump into a new database that the collector opens with every site and event", { timeout: 60_000 }, async () => {
      const bin = findPostgresBin()!;
      const live = await server().createDatabase("backup_live");
      const created = await runCli(["sites", "create", "--name", "shop", "--db", live]);
      const site = JSON.parse(created.stdout) as { id: string; writeKey: string; readKey: string };
      const store = await openPostgresStore(live, { maxConnections: 2 });
      await store.insertEvents([
        eventRow("e-1", { siteId: site.id }),
        eventRow("e-2", { siteId: site.id, type: "identify", name: "identify", customerId: "ada", personKey: "c:ada" }),
      ]);
      await store.close();

      const dump = join(tempDir(), "touchpoint.dump");
      await run(join(bin, "pg_dump"), ["--format=custom", `--file=${dump}`, live]);
      const restored = await server().createDatabase("backup_restored");
      await run(join(bin, "pg_restore"), ["--no-owner", `--dbname=${restored}`, dump]);

      const listed = JSON.parse((await runCli(["sites", "list", "--db", restored])).stdout) as { id: string; writeKey: string }[];
      expect(listed.map((s) => [s.id, s.writeKey])).toEqual([[site.id, site.writeKey]]);
      const reopened = await openPostgresStore(restored, { maxConnections: 2 });
      try {
        expect(await reopened.countEvents(site.id)).toBe(2);
        expect((await reopened.findSiteByReadKey(site.readKey))?.id).toBe(site.id);
        expect(await reopened.findIdentityLink(site.id, "anon-1")).toMatchObject({ customerId: "ada" });
      } finally {
        await reopened.close();
      }
    });
  },
);
