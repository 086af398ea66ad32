import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { seedWithCli, type SeedSummary } from "./demo-seed.js";
import { CollectorProcess, freePort } from "./process-collector.js";
import { launchChromium } from "./sdk-browser.js";

/** A shop seeded by the built CLI into a temporary folder, the built collector serving it, and Chromium. */
export interface SeededDashboard {
  db: string;
  summary: SeedSummary;
  seedMs: number;
  collector: CollectorProcess;
  origin: string;
  /** When the collector started serving (its upkeep then builds the seeded digests). */
  servingSince: number;
  browser: Browser;
  /** Closes the browser and the collector, and removes the folder. */
  stop(): Promise<void>;
}

/**
 * What each dashboard test in Chromium drives. `beforeServe` runs on the seeded database before
 * the collector opens it (another site, an admin token).
 */
export async function startSeededDashboard(
  folderPrefix: string,
  seed: Parameters<typeof seedWithCli>[1],
  beforeServe: (db: string) => Promise<void> = async () => undefined,
): Promise<SeededDashboard> {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  let collector: CollectorProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await collector?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const db = join(dir, "touchpoint.db");
    const { summary, elapsedMs } = await seedWithCli(db, seed);
    await beforeServe(db);
    const port = await freePort();
    collector = await CollectorProcess.start({ db, port });
    const servingSince = Date.now();
    browser = await launchChromium();
    return { db, summary, seedMs: elapsedMs, collector, origin: `http://127.0.0.1:${port}`, servingSince, browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
