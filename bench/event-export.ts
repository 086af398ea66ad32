import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSite, startCollector } from "./collector-process.js";
import { peakResidentMb, resetPeakResident } from "./process-memory.js";
import { type SeedSettings, seedQueryDatabase } from "./seed-database.js";

export type ExportSettings = SeedSettings;

export interface ExportRun {
  format: "ndjson" | "csv";
  rows: number;
  bytes: number;
  seconds: number;
  /** The collector's peak resident set during this export alone (VmHWM reset before it). */
  peakRssMb: number;
}

export type ExportFigures =
  | { status: "measured"; settings: ExportSettings; storedEvents: number; rssBeforeMb: number; runs: ExportRun[] }
  | { status: "unavailable"; settings: ExportSettings; reason: string };

/** Resident set now (VmRSS), for the baseline the export's peak is compared with. */
async function residentMb(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(await readFile(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? Number.NaN) / 1024;
}

/** Reads a streamed answer to its end, counting its bytes and lines, never holding more than a chunk. */
async function drain(url: string, secretKey: string): Promise<{ bytes: number; lines: number }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${secretKey}` } });
  if (response.status !== 200 || response.body === null) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (let i = 0; i < chunk.byteLength; i++) if (chunk[i] === 10) lines++;
  }
  return { bytes, lines };
}

/**
 * GET /v1/events/export of a database seeded by `touchpoint seed`: every event, as NDJSON and as
 * CSV, read to the end through HTTP; rows a second and the collector's peak memory while it
 * streams, against its resident set before (the export must not grow with the table).
 */
export async function benchEventExport(settings: ExportSettings): Promise<ExportFigures> {
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-bench-export-"));
  try {
    const dbPath = join(dir, "export.db");
    const site = await createSite(dbPath, "bench-export");
    console.log(`Seeding ${settings.customers.toLocaleString("en-US")} customers over ${settings.days} days...`);
    const seed = await seedQueryDatabase(dbPath, site.id, settings);
    if (!seed.seeded) return { status: "unavailable", settings, reason: seed.reason };
    const collector = await startCollector({ dbPath });
    try {
      const probe = await fetch(`${collector.url}/v1/events/export?to=1970-01-02`, {
        headers: { authorization: `Bearer ${site.secretKey}` },
      });
      await probe.text();
      if (probe.status === 404) return { status: "unavailable", settings, reason: "the collector does not serve GET /v1/events/export" };
      const rssBeforeMb = await residentMb(collector.pid);
      const runs: ExportRun[] = [];
      for (const format of ["ndjson", "csv"] as const) {
        console.log(`Exporting every event as ${format}...`);
        resetPeakResident(collector.pid);
        const started = performance.now();
        const { bytes, lines } = await drain(`${collector.url}/v1/events/export?format=${format}`, site.secretKey);
        const seconds = (performance.now() - started) / 1000;
        runs.push({ format, rows: format === "csv" ? lines - 1 : lines, bytes, seconds, peakRssMb: peakResidentMb(collector.pid) });
      }
      return { status: "measured", settings, storedEvents: Number(seed.summary.events), rssBeforeMb, runs };
    } finally {
      await collector.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
