import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSite, startCollector } from "./collector-process.js";
import { postHeavyCustomer } from "./heavy-customer.js";
import { peakResidentMb, resetPeakResident } from "./process-memory.js";
import { availableQueryEndpoints, QUERY_PATHS, type QueryEndpoint } from "./query-endpoints.js";
import { type Timing, timeFirstRequests, timeQuery } from "./query-timing.js";
import { type SeedSettings, seedQueryDatabase } from "./seed-database.js";
import { countStoredEvents } from "./stored-events.js";
import { timeUpkeepCatchUp } from "./upkeep-catch-up.js";

export interface QuerySettings extends SeedSettings {
  heavyCustomerEvents: number;
  journeyRuns: number;
  customersRuns: number;
  funnelRuns: number;
  attributionRuns: number;
}

export const ATTRIBUTION_MODELS = ["linear", "markov", "shapley"] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/**
 * Issue 15's reports, each timed like attribution (the slowest of attributionRuns, 2 s target):
 * what is asked, and the endpoint that must be served for it.
 */
export const ANALYST_QUERIES = {
  customerValue: { label: "customer value by channel", endpoint: "customerValue", pathAndQuery: "/v1/customer-value" },
  customerValueByCohort: {
    label: "customer value by cohort",
    endpoint: "customerValue",
    pathAndQuery: "/v1/customer-value?groupBy=cohort",
  },
  paths: { label: "conversion paths", endpoint: "paths", pathAndQuery: "/v1/paths" },
  attributionRows: {
    label: "attribution rows, CSV (linear, position_based, shapley)",
    endpoint: "attributionRows",
    pathAndQuery: "/v1/attribution/rows?model=linear,position_based,shapley",
  },
  modelComparison: {
    label: "attribution comparing linear, markov, shapley",
    endpoint: "attribution",
    pathAndQuery: "/v1/attribution?model=linear,markov,shapley",
  },
} as const satisfies Record<string, { label: string; endpoint: QueryEndpoint; pathAndQuery: string }>;
export type AnalystQuery = keyof typeof ANALYST_QUERIES;

export type QueryMeasurement =
  | { status: "measured"; timing: Timing }
  | { status: "unavailable"; reason: string }
  /** The endpoint answered something other than 200, or not at all. */
  | { status: "failed"; reason: string };

export interface QueryFigures {
  settings: QuerySettings;
  /** What the queries ran against; null when nothing was seeded. */
  database: { events: number; seedSeconds: number; seedSummary: Record<string, unknown> } | null;
  /**
   * From the end of seeding until the funnel's asOf reaches it: journey upkeep building the
   * digests (one per person) of what the seed stored (firstMs; the reports after it read them).
   */
  upkeepCatchUp: QueryMeasurement;
  /** The heavy customer's journey asked again and again: after the first, the collector's kept answer. */
  journey: QueryMeasurement;
  /** The first request of each of FIRST_READ_CUSTOMERS other heavy customers: every answer built. */
  journeyFirstRequests: QueryMeasurement;
  customers: QueryMeasurement;
  funnel: QueryMeasurement;
  attribution: Record<AttributionModel, QueryMeasurement>;
  analyst: Record<AnalystQuery, QueryMeasurement>;
  /** The collector's peak resident memory while answering the queries. */
  collectorPeakRssMb: number | null;
}

const HEAVY_CUSTOMER = "bench-heavy-customer";
/**
 * Customers as long as the heavy one, each asked once: the journey when no answer is kept. 100,
 * so the p95 is the sixth slowest: with 20 it was the second, and one slow request on the shared
 * cores (15.7 ms in one full run of four, p50 unchanged) decided it.
 */
export const FIRST_READ_CUSTOMERS = 100;
const firstReadCustomer = (i: number) => `${HEAVY_CUSTOMER}-${i + 1}`;

/** Where the query benchmark runs: a new, empty database, and how to count a site's events in it. */
export interface QueryDatabase {
  /** A SQLite path or a postgres:// URL, as `--db` takes it. */
  location: string;
  countEvents(siteId: string): Promise<number>;
  /** Runs once upkeep has caught up with the seed, before anything is timed. */
  afterSeed?(): Promise<void>;
}

/** The query benchmark on a SQLite file in a temporary folder. */
export async function benchQueries(settings: QuerySettings): Promise<QueryFigures> {
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-bench-queries-"));
  try {
    const dbPath = join(dir, "queries.db");
    return await benchQueriesOn({ location: dbPath, countEvents: async (siteId) => countStoredEvents(dbPath, siteId) }, settings);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The query benchmark (issue 7): a database seeded by `touchpoint seed`, one customer with a
 * long history, journey upkeep's catch-up, then the journey, customers, funnel and attribution
 * endpoints, and issue 15's customer value, paths, attribution rows and model comparison, timed
 * through HTTP. Each measurement runs only when the collector serves its endpoint; otherwise it
 * says why not.
 */
export async function benchQueriesOn(database: QueryDatabase, settings: QuerySettings): Promise<QueryFigures> {
  const dbPath = database.location;
  const site = await createSite(dbPath, "bench-queries");
  const collector = await startCollector({ dbPath });
  try {
    const served = await availableQueryEndpoints(collector.url);
    if (served.size === 0) return unavailable(settings, "the collector serves no query endpoint yet (issues 4 and 5)");
    console.log(`Seeding ${settings.customers.toLocaleString("en-US")} customers over ${settings.days} days...`);
    const seed = await seedQueryDatabase(dbPath, site.id, settings);
    if (!seed.seeded) return unavailable(settings, seed.reason);
    await postHeavyCustomer(collector.url, site.writeKey, HEAVY_CUSTOMER, settings.heavyCustomerEvents);

    const measure = async (endpoint: QueryEndpoint, pathAndQuery: string, runs: number): Promise<QueryMeasurement> => {
      if (!served.has(endpoint)) return { status: "unavailable", reason: `${QUERY_PATHS[endpoint]} is not served yet` };
      console.log(`Timing GET ${pathAndQuery}, ${runs} runs...`);
      try {
        const { timing } = await timeQuery(`${collector.url}${pathAndQuery}`, site.readKey, runs);
        return { status: "measured", timing };
      } catch (error) {
        return { status: "failed", reason: (error as Error).message };
      }
    };
    const catchUp = async (): Promise<QueryMeasurement> => {
      if (!served.has("funnel")) return { status: "unavailable", reason: `${QUERY_PATHS.funnel} is not served yet` };
      console.log("Waiting for journey upkeep to catch up with the seed...");
      try {
        const ms = await timeUpkeepCatchUp(`${collector.url}/v1/funnel`, site.readKey);
        return { status: "measured", timing: { firstMs: ms, runs: 0, p50Ms: ms, p95Ms: ms, maxMs: ms } };
      } catch (error) {
        return { status: "failed", reason: (error as Error).message };
      }
    };
    // Posted after the reports were timed, so they read the same database as before; timed once
    // upkeep has taken them in, so its pass does not share the cores with the requests.
    const measureFirstRequests = async (): Promise<QueryMeasurement> => {
      if (!served.has("journey")) return { status: "unavailable", reason: `${QUERY_PATHS.journey} is not served yet` };
      const url = (customerId: string) => `${collector.url}/v1/journeys/${customerId}`;
      try {
        for (let i = 0; i < FIRST_READ_CUSTOMERS; i++)
          await postHeavyCustomer(collector.url, site.writeKey, firstReadCustomer(i), settings.heavyCustomerEvents);
        if (served.has("funnel")) await timeUpkeepCatchUp(`${collector.url}/v1/funnel`, site.readKey);
        console.log(`Timing the first GET of ${FIRST_READ_CUSTOMERS} customers' journeys...`);
        const urls = Array.from({ length: FIRST_READ_CUSTOMERS }, (_, i) => url(firstReadCustomer(i)));
        return { status: "measured", timing: await timeFirstRequests(urls, site.readKey) };
      } catch (error) {
        return { status: "failed", reason: (error as Error).message };
      }
    };
    resetPeakResident(collector.pid);
    const upkeepCatchUp = await catchUp();
    await database.afterSeed?.();
    const journey = await measure("journey", `/v1/journeys/${HEAVY_CUSTOMER}`, settings.journeyRuns);
    const customers = await measure("customers", "/v1/customers?limit=100", settings.customersRuns);
    const funnel = await measure("funnel", "/v1/funnel", settings.funnelRuns);
    const attribution = {} as Record<AttributionModel, QueryMeasurement>;
    for (const model of ATTRIBUTION_MODELS) {
      attribution[model] = await measure("attribution", `/v1/attribution?model=${model}`, settings.attributionRuns);
    }
    const analyst = {} as Record<AnalystQuery, QueryMeasurement>;
    for (const [query, { endpoint, pathAndQuery }] of Object.entries(ANALYST_QUERIES)) {
      analyst[query as AnalystQuery] = await measure(endpoint, pathAndQuery, settings.attributionRuns);
    }
    const collectorPeakRssMb = peakResidentMb(collector.pid);
    const events = await database.countEvents(site.id);
    const journeyFirstRequests = await measureFirstRequests();
    await collector.stop();
    return {
      settings,
      database: { events, seedSeconds: seed.seconds, seedSummary: seed.summary },
      upkeepCatchUp,
      journey,
      journeyFirstRequests,
      customers,
      funnel,
      attribution,
      analyst,
      collectorPeakRssMb,
    };
  } finally {
    await collector.stop();
  }
}

function unavailable(settings: QuerySettings, reason: string): QueryFigures {
  const none: QueryMeasurement = { status: "unavailable", reason };
  return {
    settings,
    database: null,
    upkeepCatchUp: none,
    journey: none,
    journeyFirstRequests: none,
    customers: none,
    funnel: none,
    attribution: { linear: none, markov: none, shapley: none },
    analyst: { customerValue: none, customerValueByCohort: none, paths: none, attributionRows: none, modelComparison: none },
    collectorPeakRssMb: null,
  };
}
