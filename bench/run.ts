// `npm run bench`: builds the collector, measures ingest and queries on loopback, prints the
// table and writes every figure to results/latest.json. BENCH_ONLY runs some of the parts.
import { mkdir, writeFile } from "node:fs/promises";
import { BENCH_PARTS, benchSettings } from "./bench-settings.js";
import { buildCollector } from "./build-collector.js";
import { findPostgresBin } from "../apps/collector/src/testing/throwaway-postgres.js";
import { benchIngest, type IngestFigures, LOAD_GENERATOR } from "./ingest.js";
import { benchIngestPostgres, type PostgresIngestFigures } from "./ingest-postgres.js";
import { machineInfo } from "./machine-info.js";
import { benchPostgresQueries } from "./postgres-queries.js";
import { postgresQueryRows } from "./postgres-query-rows.js";
import { benchQueries, type QueryFigures } from "./queries.js";
import { ingestRows, missingQueryReasons, queryRows } from "./report-rows.js";
import { postgresIngestRows } from "./postgres-ingest-rows.js";
import { formatTable } from "./results-table.js";
import { benchWalGrowth, type WalFigures } from "./wal-growth.js";
import { walRows } from "./wal-rows.js";
import { benchSdkTrack, type SdkFigures } from "./sdk-track.js";
import { sdkRows } from "./sdk-rows.js";
import { benchDashboardRender, type DashboardMeasurement } from "./dashboard-render.js";
import { dashboardRows } from "./dashboard-rows.js";
import { benchEventExport, type ExportFigures } from "./event-export.js";
import { eventExportRows } from "./event-export-rows.js";
import { benchScaleReports, type ScaleFigures } from "./scale-reports.js";
import { scaleRows } from "./scale-rows.js";
import { benchUpkeepLag, type UpkeepLagFigures } from "./upkeep-lag.js";
import { upkeepLagRows } from "./upkeep-lag-rows.js";
import { type AutomationFigures, benchAutomation } from "./automation-bench.js";
import { automationRows } from "./automation-rows.js";

const settings = benchSettings(process.env);
const machine = machineInfo();
const results = new URL("./results/", import.meta.url);

const only = new Set(settings.only);
// Automation runs in this process, from the sources: the other parts run the built collector.
if (settings.only.some((part) => part !== "automation")) {
  console.log("Building the collector...");
  buildCollector();
}
const { seconds, warmupSeconds, connections, rounds } = settings.ingest;
let ingest: IngestFigures | null = null;
if (only.has("ingest")) {
  console.log(
    `Ingest: ${rounds} round(s) of ${seconds} s per run after ${warmupSeconds} s of warm-up, ${connections} connections; ${LOAD_GENERATOR}.`,
  );
  ingest = await benchIngest(settings.ingest);
}
// PostgreSQL comes from Debian's package; without it the SQLite figures still stand alone.
let postgres: PostgresIngestFigures | null = null;
if (only.has("postgres")) {
  if (findPostgresBin()) {
    console.log("Ingest on PostgreSQL, one and two collectors...");
    postgres = await benchIngestPostgres({ seconds, warmupSeconds, connections });
  } else {
    console.log("PostgreSQL ingest not measured: no server binaries under /usr/lib/postgresql (apt-get install postgresql).");
  }
}
let queries: QueryFigures | null = null;
let postgresQueries: QueryFigures | null = null;
if (only.has("queries")) {
  console.log("Queries...");
  queries = await benchQueries(settings.queries);
  if (findPostgresBin()) {
    console.log("Queries on PostgreSQL...");
    postgresQueries = await benchPostgresQueries(settings.queries);
  } else {
    console.log("PostgreSQL queries not measured: no server binaries under /usr/lib/postgresql (apt-get install postgresql).");
  }
}

let wal: WalFigures | null = null;
if (only.has("wal")) {
  console.log("WAL while ingest and reports overlap...");
  wal = await benchWalGrowth(settings.wal);
}

let sdk: SdkFigures | null = null;
if (only.has("sdk")) {
  console.log("Browser SDK: track() in Chromium...");
  sdk = await benchSdkTrack();
}

let dashboard: DashboardMeasurement | null = null;
if (only.has("dashboard")) {
  console.log("Dashboard: first render in Chromium...");
  dashboard = await benchDashboardRender({ customers: settings.queries.customers, days: settings.queries.days });
}

let eventExport: ExportFigures | null = null;
if (only.has("export")) {
  console.log("Events export: every event as NDJSON and CSV...");
  eventExport = await benchEventExport(settings.export);
}

let scale: ScaleFigures | null = null;
if (only.has("scale")) {
  console.log("Reports at ten million events (seeded once, then reused)...");
  scale = await benchScaleReports(settings.scale);
}

let upkeep: UpkeepLagFigures | null = null;
if (only.has("upkeep")) {
  const { eventsPerSecond, seconds: upkeepSeconds } = settings.upkeep;
  console.log(`Journey upkeep while ingesting ${eventsPerSecond.toLocaleString("en-US")} events/s for ${upkeepSeconds} s...`);
  upkeep = await benchUpkeepLag(settings.upkeep);
}

let automation: AutomationFigures | null = null;
if (only.has("automation")) {
  const { pending, ingestEvents, rounds } = settings.automation;
  console.log(
    `Automation on SQLite: ${pending.toLocaleString("en-US")} pending timers, then ingest with and without 100 rules (${rounds} rounds of ${ingestEvents.toLocaleString("en-US")} events)...`,
  );
  automation = await benchAutomation(settings.automation);
}

const rows = [
  ...(ingest ? ingestRows(ingest.summary) : []),
  ...(postgres ? postgresIngestRows(postgres) : []),
  ...(queries ? queryRows(queries) : []),
  ...(postgresQueries ? postgresQueryRows(postgresQueries, queries) : []),
  ...(wal ? walRows(wal) : []),
  ...(sdk ? sdkRows(sdk) : []),
  ...(dashboard ? dashboardRows(dashboard) : []),
  ...(eventExport ? eventExportRows(eventExport) : []),
  ...(scale ? scaleRows(scale) : []),
  ...(upkeep ? upkeepLagRows(upkeep) : []),
  ...(automation ? automationRows(automation) : []),
];
console.log(
  `\n${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverage.toFixed(2)} at start, ${machine.date}\n`,
);
if (only.size < BENCH_PARTS.length) console.log(`Only ${settings.only.join(", ")} (BENCH_ONLY).`);
console.log(formatTable(rows));
if (queries) for (const reason of missingQueryReasons(queries)) console.log(`Query not measured: ${reason}`);
if (machine.loadAverage > machine.cpus / 2) {
  console.log(
    `\nThe machine was busy when the run started (load average ${machine.loadAverage.toFixed(2)} on ${machine.cpus} cores): other work skews these figures.`,
  );
}
await mkdir(results, { recursive: true });
const latest = new URL("latest.json", results);
await writeFile(
  latest,
  `${JSON.stringify(
    {
      machine,
      settings,
      ingest,
      postgres,
      queries,
      postgresQueries,
      wal,
      sdk,
      dashboard,
      eventExport,
      scale,
      upkeep,
      automation,
      table: rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nEvery figure: ${latest.pathname}`);
if (ingest && (!ingest.summary.check.consistent || ingest.summary.check.unexpected > 0)) {
  console.error("The collector's answers or its stored events do not add up: the figures above measure a fault.");
  process.exitCode = 1;
}
