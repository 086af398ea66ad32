import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { COLLECTOR_CLI } from "./collector-process.js";

const execFileAsync = promisify(execFile);

export interface SeedSettings {
  customers: number;
  days: number;
}

/** The same generator seed every run, so every run queries the same journeys. */
const GENERATOR_SEED = 7;

export type SeedOutcome = { seeded: true; seconds: number; summary: Record<string, unknown> } | { seeded: false; reason: string };

/**
 * Fills the query benchmark's database through the real ingest code with `touchpoint seed`
 * (issue 6). Nothing else may stand in for it: numbers from a database the collector's own
 * ingest did not write would measure a different store. Without the command, the query
 * figures are reported as not available.
 */
export async function seedQueryDatabase(dbPath: string, siteId: string, settings: SeedSettings): Promise<SeedOutcome> {
  if (!(await cliHasSeedCommand())) return { seeded: false, reason: "`touchpoint seed` does not exist yet (issue 6)" };
  const started = performance.now();
  const args = [
    "seed",
    "--customers",
    String(settings.customers),
    "--days",
    String(settings.days),
    "--seed",
    String(GENERATOR_SEED),
    "--site",
    siteId,
    "--db",
    dbPath,
  ];
  // Progress on stderr goes to the terminal; the JSON summary on stdout is kept.
  const child = spawn(process.execPath, [COLLECTOR_CLI, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`touchpoint ${args.join(" ")} exited with ${code}`);
  return { seeded: true, seconds: (performance.now() - started) / 1000, summary: JSON.parse(stdout) as Record<string, unknown> };
}

async function cliHasSeedCommand(): Promise<boolean> {
  const { stdout } = await execFileAsync(process.execPath, [COLLECTOR_CLI, "--help"]);
  return /^\s*touchpoint seed\b/m.test(stdout);
}
