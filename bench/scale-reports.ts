/**
 * Reports at ten million events (issue 21's scale tier): a SQLite database seeded once by
 * `touchpoint seed` and kept under bench/results/ for the next runs, then the funnel and each
 * attribution model timed through HTTP, with the collector's CPU per answer, and its peak RSS
 * while answering.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createSite, type SiteKeys, startCollector } from "./collector-process.js";
import { readIntoPageCache } from "./page-cache.js";
import { processCpuSeconds } from "./process-cpu.js";
import { peakResidentMb, resetPeakResident } from "./process-memory.js";
import { ATTRIBUTION_MODELS, type AttributionModel, type QueryMeasurement } from "./queries.js";
import { timeQuery } from "./query-timing.js";
import { type SeedSettings, seedQueryDatabase } from "./seed-database.js";
import { countStoredEvents } from "./stored-events.js";
import { timeUpkeepCatchUp } from "./upkeep-catch-up.js";

export interface ScaleSettings extends SeedSettings {
  /** Where the seeded database is kept between runs. */
  directory: string;
  reportRuns: number;
}

export interface ScaleFigures {
  settings: ScaleSettings;
  events: number;
  /** Seconds `touchpoint seed` took when this run seeded the database; null when it reused one. */
  seedSeconds: number | null;
  /** Journey upkeep building every digest, when this run seeded the database. */
  upkeepCatchUpMs: number | null;
  /** The database file read once before the reports, so they are timed on pages the OS holds, not on the disk. */
  pageCache: { bytes: number; ms: number };
  funnel: QueryMeasurement;
  attribution: Record<AttributionModel, QueryMeasurement>;
  /**
   * The collector's CPU time (user + system, every thread) per answer of each report, over its
   * untimed first request and the timed runs: unlike the times, it holds however busy the machine.
   */
  collectorCpuMs: { funnel: number; attribution: Record<AttributionModel, number> };
  collectorPeakRssMb: number;
}

/** Written once the database is seeded and every digest built; without it the database is seeded anew. */
interface SeededDatabase {
  site: SiteKeys;
  events: number;
  seededAt: string;
}

export async function benchScaleReports(settings: ScaleSettings): Promise<ScaleFigures> {
  const name = `scale-${settings.customers}-customers-${settings.days}-days`;
  const dbPath = join(settings.directory, `${name}.db`);
  const readyFile = join(settings.directory, `${name}.json`);
  let seedSeconds: number | null = null;
  let upkeepCatchUpMs: number | null = null;
  let seeded: SeededDatabase;
  if (existsSync(readyFile) && existsSync(dbPath)) {
    seeded = JSON.parse(await readFile(readyFile, "utf8")) as SeededDatabase;
    console.log(`Reusing ${dbPath} (${seeded.events.toLocaleString("en-US")} events, seeded ${seeded.seededAt}).`);
  } else {
    await mkdir(settings.directory, { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) await rm(`${dbPath}${suffix}`, { force: true });
    const site = await createSite(dbPath, "bench-scale");
    console.log(`Seeding ${settings.customers.toLocaleString("en-US")} customers over ${settings.days} days into ${dbPath}...`);
    const seed = await seedQueryDatabase(dbPath, site.id, settings);
    if (!seed.seeded) throw new Error(`the scale tier cannot be seeded: ${seed.reason}`);
    seedSeconds = seed.seconds;
    const collector = await startCollector({ dbPath });
    try {
      console.log("Waiting for journey upkeep to build every digest...");
      upkeepCatchUpMs = await timeUpkeepCatchUp(`${collector.url}/v1/funnel`, site.readKey, 2 * 60 * 60_000);
    } finally {
      await collector.stop();
    }
    seeded = { site, events: countStoredEvents(dbPath, site.id), seededAt: new Date().toISOString() };
    await writeFile(readyFile, `${JSON.stringify(seeded, null, 2)}\n`);
  }

  const pageCache = await readIntoPageCache(dbPath);
  const collector = await startCollector({ dbPath });
  try {
    await timeUpkeepCatchUp(`${collector.url}/v1/funnel`, seeded.site.readKey, 2 * 60 * 60_000);
    resetPeakResident(collector.pid);
    const measure = async (pathAndQuery: string): Promise<{ measurement: QueryMeasurement; cpuMs: number }> => {
      console.log(`Timing GET ${pathAndQuery}, ${settings.reportRuns} runs...`);
      const cpuBefore = processCpuSeconds(collector.pid);
      let measurement: QueryMeasurement;
      try {
        const { timing } = await timeQuery(`${collector.url}${pathAndQuery}`, seeded.site.readKey, settings.reportRuns);
        measurement = { status: "measured", timing };
      } catch (error) {
        measurement = { status: "failed", reason: (error as Error).message };
      }
      const cpuMs = ((processCpuSeconds(collector.pid) - cpuBefore) * 1000) / (settings.reportRuns + 1);
      return { measurement, cpuMs };
    };
    const funnel = await measure("/v1/funnel");
    const attribution = {} as Record<AttributionModel, QueryMeasurement>;
    const attributionCpuMs = {} as Record<AttributionModel, number>;
    for (const model of ATTRIBUTION_MODELS) {
      const { measurement, cpuMs } = await measure(`/v1/attribution?model=${model}`);
      attribution[model] = measurement;
      attributionCpuMs[model] = cpuMs;
    }
    return {
      settings,
      events: seeded.events,
      seedSeconds,
      upkeepCatchUpMs,
      pageCache,
      funnel: funnel.measurement,
      attribution,
      collectorCpuMs: { funnel: funnel.cpuMs, attribution: attributionCpuMs },
      collectorPeakRssMb: peakResidentMb(collector.pid),
    };
  } finally {
    await collector.stop();
  }
}
