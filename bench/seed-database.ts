import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { COLLECTOR_CLI } from "./collector-process.js";

const execFileAsync = promisify(execFile);

export interface SeedSettings {
  customers: number;
  days: number;
}

export type SeedOutcome = { seeded: true; seconds: number } | { seeded: false; reason: string };

/**
 * Fills the query benchmark's database through the real ingest code with `touchpoint seed`
 * (issue 6). Nothing else may stand in for it: numbers from a database the collector's own
 * ingest did not write would measure a different store. Until the command exists, the query
 * figures are reported as not available.
 */
export async function seedQueryDatabase(dbPath: string, siteId: string, settings: SeedSettings): Promise<SeedOutcome> {
  if (!(await cliHasSeedCommand())) return { seeded: false, reason: "`touchpoint seed` does not exist yet (issue 6)" };
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [COLLECTOR_CLI, "seed", "--customers", String(settings.customers), "--days", String(settings.days), "--site", siteId, "--db", dbPath],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`touchpoint seed exited with ${code}`);
  return { seeded: true, seconds: (performance.now() - started) / 1000 };
}

async function cliHasSeedCommand(): Promise<boolean> {
  const { stdout } = await execFileAsync(process.execPath, [COLLECTOR_CLI, "--help"]);
  return /^\s*touchpoint seed\b/m.test(stdout);
}
