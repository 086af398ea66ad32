import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { COLLECTOR_CLI } from "./process-collector.js";

/** The part of `touchpoint seed`'s JSON summary the tests read. */
export interface SeedSummary {
  site: string;
  customers: number;
  anonymousVisitors: number;
  events: number;
  accepted: number;
  rejected: number;
  /** Present when the database was empty and the seed created the "demo" site. */
  createdSite?: { id: string; writeKey: string; readKey: string; secretKey: string };
}

/** Runs the built CLI's `seed` command and returns its summary and how long it took, in ms. */
export async function seedWithCli(
  db: string,
  options: { customers: number; days: number; seed: number },
): Promise<{ summary: SeedSummary; elapsedMs: number }> {
  const started = Date.now();
  const { stdout } = await promisify(execFile)(process.execPath, [
    COLLECTOR_CLI,
    "seed",
    "--customers",
    String(options.customers),
    "--days",
    String(options.days),
    "--seed",
    String(options.seed),
    "--db",
    db,
  ]);
  return { summary: JSON.parse(stdout) as SeedSummary, elapsedMs: Date.now() - started };
}
