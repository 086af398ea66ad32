import { asc, count, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { hashKey } from "../keys.js";
import type { CreatedSite, NewSite, ReadEventsOptions, Store } from "../store.js";
import { toJourneyEvent } from "../event-record.js";
import { createCustomerRecords } from "./customer-records.js";
import { insertEventGroup } from "./insert-events.js";
import { migratePostgres } from "./migrate-postgres.js";
import { postgresLabel } from "./postgres-label.js";
import { createPersonStream, readMarkedPersonEvents, readPersonEvents, readPersonEventsMarker } from "./person-stream.js";
import { watchQueries } from "./query-watchdog.js";
import { createJourneyDigestReader } from "./journey-digest-reader.js";
import { createJourneyDigestUpkeep } from "./journey-digest-upkeep.js";
import { events, schema, sites } from "./schema.js";
import { createSiteAdmin } from "./site-admin.js";
import { createSiteRemoval } from "./site-removal.js";
import { createAdminTokens } from "./admin-tokens.js";
import { createSpendRecords } from "./spend-records.js";
import { newSiteRow, toSite, type SiteRecord } from "../site-record.js";
import { describeFailure } from "../store-unavailable.js";

export interface PostgresStoreOptions {
  /** Connections in this process's pool (default 10). The writer uses one at a time; reads share the rest. */
  maxConnections?: number;
  /** How long a request waits for a connection, a new one or a free one of the pool (default 5 s). */
  connectTimeoutMs?: number;
  /**
   * How long one statement may run (default 15 s): PostgreSQL cancels it then (statement_timeout),
   * and the client gives up a second later (query-watchdog.ts), for a server that answers nothing
   * at all (hung, or its host gone). Migrations at start-up have no limit: they may wait for
   * another node's.
   */
  statementTimeoutMs?: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS = Object.freeze({ connectTimeoutMs: 5_000, statementTimeoutMs: 15_000 });

/** GET /readyz waits at most this long for `select 1`. */
const READINESS_TIMEOUT_MS = 2_000;

const INT8_OID = 20;

/**
 * bigint columns hold milliseconds, sequence numbers and counts, all far below 2^53: read them as
 * numbers (node-postgres gives strings by default). Only this pool's connections are affected.
 */
function getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  return oid === INT8_OID ? Number : (pg.types.getTypeParser(oid, format) as (value: string) => unknown);
}

/**
 * Connects to PostgreSQL at `url` (postgres://user:password@host:port/database) and applies
 * pending migrations, taking turns with any other collector starting at the same moment. Many
 * collector processes may share one database: everything a request needs lives in it.
 */
export async function openPostgresStore(
  url: string,
  {
    maxConnections = 10,
    connectTimeoutMs = DEFAULT_POSTGRES_TIMEOUTS.connectTimeoutMs,
    statementTimeoutMs = DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs,
  }: PostgresStoreOptions = {},
): Promise<Store> {
  const migrations = new pg.Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: "touchpoint-collector",
  });
  try {
    await migratePostgres(migrations);
  } catch (error) {
    throw new Error(`cannot open PostgreSQL at ${postgresLabel(url)}: ${(error as Error).message}`, { cause: error });
  } finally {
    await migrations.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    application_name: "touchpoint-collector",
    types: { getTypeParser },
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    keepAlive: true,
  });
  const stopWatchingQueries = watchQueries(pool, statementTimeoutMs + 1_000);
  // A pooled connection that dies while idle (the server restarted) reports here; without a
  // listener the error would end the process. The pool drops it and connects anew when needed.
  pool.on("error", (error) => console.error("touchpoint: an idle PostgreSQL connection failed:", error.message));
  const db = drizzle({ client: pool, schema });

  const siteByWriteKey = db
    .select()
    .from(sites)
    .where(eq(sites.writeKey, sql.placeholder("key")))
    .prepare("touchpoint_site_by_write_key");
  const siteByReadKeyHash = db
    .select()
    .from(sites)
    .where(eq(sites.readKeyHash, sql.placeholder("hash")))
    .prepare("touchpoint_site_by_read_key");
  const siteBySecretKeyHash = db
    .select()
    .from(sites)
    .where(eq(sites.secretKeyHash, sql.placeholder("hash")))
    .prepare("touchpoint_site_by_secret_key");
  const firstSite = (records: SiteRecord[]) => (records[0] ? toSite(records[0]) : null);

  const customers = createCustomerRecords(pool);
  const spendRecords = createSpendRecords(db);
  const admin = createSiteAdmin(db);
  const adminTokens = createAdminTokens(db);
  const streamPersons = createPersonStream(pool);
  const digests = createJourneyDigestReader(pool);
  const upkeep = createJourneyDigestUpkeep(pool);

  let closed: Promise<void> | null = null;
  return {
    async insertEvents(rows) {
      if (rows.length === 0) return [];
      return insertEventGroup(pool, rows);
    },

    async createSite(site: NewSite): Promise<CreatedSite> {
      const { row, readKey, secretKey } = newSiteRow(site);
      const [record] = await db.insert(sites).values(row).returning();
      return { ...toSite(record as SiteRecord), readKey, secretKey };
    },

    async listSites() {
      return (await db.select().from(sites).orderBy(asc(sites.createdAt), asc(sites.id))).map(toSite);
    },

    async findSiteByWriteKey(writeKey) {
      return firstSite(await siteByWriteKey.execute({ key: writeKey }));
    },

    async findSiteByReadKey(readKey) {
      return firstSite(await siteByReadKeyHash.execute({ hash: hashKey(readKey) }));
    },

    async findSiteBySecretKey(secretKey) {
      return firstSite(await siteBySecretKeyHash.execute({ hash: hashKey(secretKey) }));
    },

    async countEvents(siteId) {
      const [result] = await db.select({ n: count() }).from(events).where(eq(events.siteId, siteId));
      return result?.n ?? 0;
    },

    async eventsMarker(siteId) {
      // seq is unique and never reused: an added or deleted event changes the sum, whatever else
      // changed; the sequence only grows, so an event added and deleted again still moves it.
      const { rows } = await pool.query<{ n: string; s: string; h: string | null }>({
        name: "events_marker",
        text: `SELECT count(*) AS n, coalesce(sum(seq), 0) AS s, pg_sequence_last_value(pg_get_serial_sequence('events', 'seq')) AS h
               FROM events WHERE site_id = $1`,
        values: [siteId],
      });
      return `${rows[0]?.n}:${rows[0]?.s}:${rows[0]?.h ?? 0}`;
    },

    personEventsMarker: (siteId, personKey) => readPersonEventsMarker(pool, siteId, personKey),

    readMarkedPersonEvents: (siteId, personKey) => readMarkedPersonEvents(pool, siteId, personKey),

    async readEvents(siteId, { personKey, limit }: ReadEventsOptions = {}) {
      if (personKey !== undefined) return readPersonEvents(pool, siteId, personKey, limit);
      const query = db.select().from(events).where(eq(events.siteId, siteId)).orderBy(asc(events.timestamp), asc(events.seq));
      return (await (limit === undefined ? query : query.limit(limit))).map(toJourneyEvent);
    },

    setStageModel: (siteId, model) => admin.setStageModel(siteId, model),
    findIdentityLink: (siteId, anonymousId) => customers.findLink(siteId, anonymousId),
    streamPersons,
    streamJourneyDigests: digests.streamJourneyDigests,
    streamJourneyTouches: digests.streamJourneyTouches,
    streamJourneySummaries: digests.streamJourneySummaries,
    streamFunnelJourneys: digests.streamFunnelJourneys,
    journeyDigestsAsOf: digests.journeyDigestsAsOf,
    journeySummariesAsOf: digests.journeySummariesAsOf,
    upkeepJourneyDigests: upkeep.upkeepJourneyDigests,
    exportCustomer: (siteId, customerId) => customers.export(siteId, customerId),
    eraseCustomer: (siteId, customerId) => customers.erase(siteId, customerId),
    addSpend: (siteId, row) => spendRecords.add(siteId, row),
    listSpend: (siteId) => spendRecords.list(siteId),
    deleteSpend: (siteId, spendId) => spendRecords.delete(siteId, spendId),
    deleteSite: createSiteRemoval(pool),
    replaceAdminToken: () => adminTokens.replace(),
    isAdminToken: (token) => adminTokens.isCurrent(token),
    rotateKey: (siteId, kind) => admin.rotateKey(siteId, kind),
    setSiteOrigins: (siteId, origins) => admin.setOrigins(siteId, origins),
    deleteEventsBefore: (before) => admin.deleteEventsBefore(before, customers.forgetEmptyPersons),

    async checkReadiness() {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<string>((resolve) => {
        timer = setTimeout(resolve, READINESS_TIMEOUT_MS, `PostgreSQL did not answer select 1 within ${READINESS_TIMEOUT_MS} ms`);
      });
      const probe = pool.query("select 1").then(
        () => null,
        (error: unknown) => `PostgreSQL cannot be reached: ${describeFailure(error)}`,
      );
      const reason = await Promise.race([probe, late]).finally(() => clearTimeout(timer));
      return reason === null ? { ready: true as const } : { ready: false as const, reason };
    },

    async close() {
      stopWatchingQueries();
      closed ??= pool.end();
      return closed;
    },
  };
}
