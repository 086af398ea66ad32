/**
 * The WAL while ingest and reports overlap (issue 14): a seeded database, then 50-event batches
 * from every connection while reports run back to back and journey upkeep builds every journey
 * digest of the seed (seconds of writes beside the ingest). The -wal file's size is sampled every 20 ms; its
 * peak is the figure. A WAL that is never restarted grows with every page written (1.2 GB was
 * seen at 680k persons); the collector truncates it past 64 MiB.
 */
import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSite, startCollector } from "./collector-process.js";
import { httpGet } from "./http-get.js";
import { runBatchLoad } from "./ingest-loads.js";
import { seedQueryDatabase, type SeedSettings } from "./seed-database.js";

export interface WalSettings extends SeedSettings {
  /** How long ingest and reports overlap. */
  seconds: number;
  connections: number;
}

export type WalFigures =
  | {
      status: "measured";
      settings: WalSettings;
      /** Largest -wal file seen, in bytes. */
      peakWalBytes: number;
      /** The -wal file when the run ended. */
      finalWalBytes: number;
      reports: number;
      /** Reports that answered anything but 200. */
      failedReports: number;
      ingestEventsPerSecond: number;
      unexpectedAnswers: number;
    }
  | { status: "unavailable"; settings: WalSettings; reason: string };

/** The collector truncates its WAL once it passes this (apps/collector/src/store/sqlite/wal-checkpointer.ts). */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

const REPORTS = ["/v1/funnel", "/v1/attribution?model=linear", "/v1/customers?limit=100"] as const;

export async function benchWalGrowth(settings: WalSettings): Promise<WalFigures> {
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-bench-wal-"));
  try {
    const dbPath = join(dir, "wal.db");
    const site = await createSite(dbPath, "bench-wal");
    const collector = await startCollector({ dbPath });
    try {
      console.log(`Seeding ${settings.customers.toLocaleString("en-US")} customers over ${settings.days} days...`);
      const seed = await seedQueryDatabase(dbPath, site.id, settings);
      if (!seed.seeded) return { status: "unavailable", settings, reason: seed.reason };

      let peakWalBytes = 0;
      const walSize = () => statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0;
      const sampler = setInterval(() => {
        peakWalBytes = Math.max(peakWalBytes, walSize());
      }, 20);
      console.log(`Ingest (50-event batches, ${settings.connections} connections) and reports back to back for ${settings.seconds} s...`);
      let ingesting = true;
      let reports = 0;
      let failedReports = 0;
      const reporting = (async () => {
        while (ingesting) {
          const answer = await httpGet(`${collector.url}${REPORTS[reports % REPORTS.length]}`, { authorization: `Bearer ${site.readKey}` });
          reports++;
          if (answer.status !== 200) failedReports++;
        }
      })();
      const load = await runBatchLoad(collector.url, site.writeKey, 50, { connections: settings.connections, seconds: settings.seconds });
      ingesting = false;
      await reporting;
      clearInterval(sampler);
      peakWalBytes = Math.max(peakWalBytes, walSize());
      return {
        status: "measured",
        settings,
        peakWalBytes,
        finalWalBytes: walSize(),
        reports,
        failedReports,
        ingestEventsPerSecond: load.eventsPerSecond,
        unexpectedAnswers: load.unexpectedAnswers,
      };
    } finally {
      await collector.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
