/**
 * The WAL stays bounded while commits never stop and reports read beside them: SQLite restarts
 * a WAL only when a commit finds it fully copied with no reader on it, which steady ingest never
 * allows, so a PASSIVE checkpoint alone let it grow past a gigabyte. The checkpoint thread
 * truncates it once it passes its limit (1 MiB here, 64 MiB by default).
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../testing/temp-dir.js";
import { idDigestBuilder } from "../journey-store-behaviour.js";
import { eventRow } from "../store-behaviour.js";
import { openSqliteStore } from "./sqlite-store.js";

const tempDir = useTempDir("touchpoint-wal-");
const MiB = 1024 * 1024;

describe("the SQLite WAL under ingest beside reports", { timeout: 60_000 }, () => {
  it("stays near its limit while 25 MB of events are committed through it", async () => {
    const path = join(tempDir(), "wal.db");
    const store = await openSqliteStore(path, { walLimitBytes: MiB });
    const walSize = () => statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    let peak = 0;
    let commits = 0;
    let reporting = true;
    // Upkeep and reports over the digests again and again while the commits go on, as a collector with a dashboard open would.
    const builder = idDigestBuilder();
    const reports = (async () => {
      let persons = 0;
      while (reporting) {
        persons = 0;
        await store.upkeepJourneyDigests("site_a", builder);
        for await (const _ of store.streamJourneyDigests("site_a")) persons++;
        await sleep(1);
      }
      return persons;
    })();
    const padding = "x".repeat(900);
    // 500 commits of 50 events of about 1 KB: 25 MB of rows, more with the index pages.
    while (commits < 500) {
      const rows = Array.from({ length: 50 }, (_, i) =>
        eventRow(`e${commits}-${i}`, {
          anonymousId: `anon-${(commits * 50 + i) % 5000}`,
          personKey: `a:anon-${(commits * 50 + i) % 5000}`,
          properties: JSON.stringify({ padding }),
        }),
      );
      await store.insertEvents(rows);
      commits++;
      peak = Math.max(peak, walSize());
      await sleep(2);
    }
    reporting = false;
    expect(await reports).toBe(5000);
    await store.close();
    // Without the limit this run left a 51 MB WAL; with it the peak was 3.8 MB. The margin is for
    // a busy machine, where the checkpoint thread gets its turn late.
    expect(peak).toBeLessThan(16 * MiB);
  });
});
