import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { asc, count, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { hashKey } from "../keys.js";
import type { CreatedSite, EventRow, InsertOutcome, NewSite, ReadEventsOptions, Store } from "../store.js";
import { createCustomerRecords } from "./customer-records.js";
import { toJourneyEvent } from "../event-record.js";
import { createIdentityStitching } from "./identity-stitching.js";
import { sqliteMigrationsFolder } from "./migrations-folder.js";
import { createSiteAdmin } from "./site-admin.js";
import { createSiteRemoval } from "./site-removal.js";
import { createAdminTokens } from "./admin-tokens.js";
import { releaseFreePages } from "./free-space.js";
import { createEventsMarker, createMarkedPersonEvents, createPersonEventsMarker } from "./events-marker.js";
import { createPersonChunks, createPersonStream } from "./person-stream.js";
import { createJourneyDigestReader } from "./journey-digest-reader.js";
import { createJourneyDigestUpkeep } from "./journey-digest-upkeep.js";
import { createUpkeepPersonEvents } from "./upkeep-person-events.js";
import { events, schema, sites } from "./schema.js";
import { createSitesByWriteKey } from "./sites-by-write-key.js";
import { createRetention } from "./retention.js";
import { createSpendRecords } from "./spend-records.js";
import { createSuppressionList } from "./suppression-list.js";
import { startWalCheckpointer, WAL_LIMIT_BYTES } from "./wal-checkpointer.js";
import { truncateWal } from "./truncate-wal.js";
import { guardDatabaseFiles, markDatabaseCreated, refuseMissingDatabase } from "./database-file-guard.js";
import { failedCommits } from "./failed-commits.js";
import { StoreUnavailableError } from "../store-unavailable.js";
import { newSiteRow, toSite } from "../site-record.js";

// Written by hand for the hot path: better-sqlite3's prepared statement is several times faster
// per row than building the insert with drizzle, and positional parameters spare an object per row.
const INSERT_EVENT = `INSERT INTO events
  (site_id, id, type, name, anonymous_id, customer_id, person_key, session_id, timestamp, received_at, properties, traits, context, user_agent, browser, os, device_type)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (site_id, id) DO NOTHING`;

/**
 * Creates a missing database file readable and writable by its owner only (0600; its folder 0700
 * when created): it holds every customer's events. SQLite creates the -wal and -shm files with the
 * database file's permissions, so they are private too. An existing file keeps its permissions.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, "a", 0o600));
}

export interface SqliteStoreOptions {
  /** The WAL file is truncated once it passes this size (wal-checkpointer.ts); 64 MiB by default. */
  walLimitBytes?: number;
}

/**
 * Opens (creating when missing) a SQLite database and applies pending migrations. `:memory:`
 * gives a private in-memory database. WAL with synchronous=NORMAL: a commit survives a crash of
 * the process (the guarantee behind a 2xx); only a power loss can undo the last commits.
 */
export async function openSqliteStore(path: string, { walLimitBytes = WAL_LIMIT_BYTES }: SqliteStoreOptions = {}): Promise<Store> {
  if (path !== ":memory:") {
    refuseMissingDatabase(path);
    createPrivateFile(path);
  }
  const client = new Database(path);
  // Deleted rows' pages go back to the disk (releaseFreePages after retention and site
  // deletion). It only takes on a new file, before WAL mode is set: older files keep NONE until
  // `touchpoint vacuum` rebuilds them.
  client.pragma("auto_vacuum = INCREMENTAL");
  client.pragma("journal_mode = WAL");
  client.pragma("synchronous = NORMAL");
  client.pragma("busy_timeout = 5000");
  // Deleted rows are overwritten with zeros, not left in free space: an erased customer's values
  // must not be readable from the file (grep -a) after DELETE /v1/customers/:id.
  client.pragma("secure_delete = ON");
  // A file's WAL is checkpointed by a thread of its own (wal-checkpointer.ts), never inside a
  // commit; the WAL file is cut back to 64 MiB when it restarts. A 16 MiB cache instead of 64 MiB
  // kept ingest and query speed in bench runs and took ingest's peak RSS from 212 to 162 MB.
  const file = path !== ":memory:";
  if (file) {
    client.pragma("wal_autocheckpoint = 0");
    client.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  }
  client.pragma("cache_size = -16384");
  const db = drizzle({ client, schema });
  try {
    migrate(db, { migrationsFolder: sqliteMigrationsFolder() });
  } catch (error) {
    client.close();
    throw error;
  }
  const checkpointer = file ? startWalCheckpointer(path, { walLimitBytes }) : null;
  if (file) markDatabaseCreated(path);
  const files = file ? guardDatabaseFiles(path) : null;
  const commitFailures = failedCommits();

  const insertEvent = client.prepare(INSERT_EVENT);
  const stitching = createIdentityStitching(client);
  const suppression = createSuppressionList(client);
  const insertAll = client.transaction((rows: readonly EventRow[]) => {
    const stitcher = stitching(rows);
    const isSuppressed = suppression.checker();
    return rows.map((r): InsertOutcome => {
      if (isSuppressed(r)) return "suppressed";
      const personKey = stitcher.personKeyOf(r);
      const isNew =
        insertEvent.run(
          r.siteId,
          r.id,
          r.type,
          r.name,
          r.anonymousId,
          r.customerId,
          personKey,
          r.sessionId,
          r.timestamp,
          r.receivedAt,
          r.properties,
          r.traits,
          r.context,
          r.userAgent,
          r.browser,
          r.os,
          r.deviceType,
        ).changes === 1;
      if (isNew) stitcher.linkIdentify(r);
      return isNew ? "new" : "duplicate";
    });
  });
  const siteByWriteKey = db
    .select()
    .from(sites)
    .where(eq(sites.writeKey, sql.placeholder("key")))
    .prepare();
  const sitesByWriteKey = createSitesByWriteKey(client, (key) => {
    const record = siteByWriteKey.get({ key });
    return record ? toSite(record) : null;
  });
  const siteByReadKeyHash = db
    .select()
    .from(sites)
    .where(eq(sites.readKeyHash, sql.placeholder("hash")))
    .prepare();
  const siteBySecretKeyHash = db
    .select()
    .from(sites)
    .where(eq(sites.secretKeyHash, sql.placeholder("hash")))
    .prepare();
  const customers = createCustomerRecords(client, suppression);
  const retention = createRetention(client, customers.forgetIfEmpty);
  const personMarker = createPersonEventsMarker(client);
  const markedPersonEvents = createMarkedPersonEvents(client, personMarker, (siteId, personKey) => customers.readPerson(siteId, personKey));
  const spendRecords = createSpendRecords(db);
  const readPersonChunk = createPersonChunks(client);
  const streamPersons = createPersonStream(readPersonChunk);
  const digests = createJourneyDigestReader(client);
  const upkeep = createJourneyDigestUpkeep(client, readPersonChunk, createUpkeepPersonEvents(client));

  const admin = createSiteAdmin(db);
  const removeSite = createSiteRemoval(client);
  const adminTokens = createAdminTokens(db);
  const store: Store = {
    async insertEvents(rows) {
      let inserted: Awaited<ReturnType<Store["insertEvents"]>>;
      try {
        inserted = insertAll.immediate(rows);
      } catch (error) {
        commitFailures.failed(error);
        throw error;
      }
      // After the commit: a file removed before it or during it is seen here, before any 2xx.
      const lost = files?.changed();
      if (lost)
        throw new StoreUnavailableError(
          `${lost}; the events of this commit went to the removed file. Restore the database and restart the collector`,
        );
      commitFailures.succeeded();
      return inserted;
    },

    async createSite(site: NewSite): Promise<CreatedSite> {
      const { row, readKey, secretKey } = newSiteRow(site);
      const record = db.insert(sites).values(row).returning().get();
      return { ...toSite(record), readKey, secretKey };
    },

    async listSites() {
      return db.select().from(sites).orderBy(asc(sites.createdAt), asc(sites.id)).all().map(toSite);
    },

    async findSiteByWriteKey(writeKey) {
      return sitesByWriteKey.find(writeKey);
    },

    async findSiteByReadKey(readKey) {
      const record = siteByReadKeyHash.get({ hash: hashKey(readKey) });
      return record ? toSite(record) : null;
    },

    async findSiteBySecretKey(secretKey) {
      const record = siteBySecretKeyHash.get({ hash: hashKey(secretKey) });
      return record ? toSite(record) : null;
    },

    async countEvents(siteId) {
      return db.select({ n: count() }).from(events).where(eq(events.siteId, siteId)).get()?.n ?? 0;
    },

    eventsMarker: createEventsMarker(client),
    personEventsMarker: async (siteId, personKey) => personMarker(siteId, personKey),

    readMarkedPersonEvents: async (siteId, personKey) => markedPersonEvents(siteId, personKey),

    async readEvents(siteId, { personKey, limit }: ReadEventsOptions = {}) {
      if (personKey !== undefined) return customers.readPerson(siteId, personKey, limit);
      const query = db.select().from(events).where(eq(events.siteId, siteId)).orderBy(asc(events.timestamp), asc(events.seq));
      return (limit === undefined ? query.all() : query.limit(limit).all()).map(toJourneyEvent);
    },

    async setStageModel(siteId, model) {
      sitesByWriteKey.clear();
      return (
        db
          .update(sites)
          .set({ stageModel: model === null ? null : JSON.stringify(model) })
          .where(eq(sites.id, siteId))
          .run().changes === 1
      );
    },

    async findIdentityLink(siteId, anonymousId) {
      return customers.findLink(siteId, anonymousId);
    },

    streamPersons,
    streamJourneyDigests: digests.streamJourneyDigests,
    streamJourneyTouches: digests.streamJourneyTouches,
    streamJourneySummaries: digests.streamJourneySummaries,
    streamFunnelJourneys: digests.streamFunnelJourneys,
    journeyDigestsAsOf: digests.journeyDigestsAsOf,
    journeySummariesAsOf: digests.journeySummariesAsOf,
    upkeepJourneyDigests: upkeep.upkeepJourneyDigests,

    async exportCustomer(siteId, customerId) {
      return customers.export(siteId, customerId);
    },

    async eraseCustomer(siteId, customerId) {
      const erased = customers.erase(siteId, customerId);
      if (file) await truncateWal(client);
      return erased;
    },

    async addSpend(siteId, row) {
      return spendRecords.add(siteId, row);
    },

    async listSpend(siteId) {
      return spendRecords.list(siteId);
    },

    async deleteSpend(siteId, spendId) {
      return spendRecords.delete(siteId, spendId);
    },

    async deleteSite(siteId) {
      sitesByWriteKey.clear();
      const deleted = await removeSite(siteId);
      await releaseFreePages(client);
      return deleted;
    },

    async replaceAdminToken() {
      return adminTokens.replace();
    },

    async isAdminToken(token) {
      return adminTokens.isCurrent(token);
    },

    async rotateKey(siteId, kind) {
      sitesByWriteKey.clear();
      return admin.rotateKey(siteId, kind);
    },

    async setSiteOrigins(siteId, origins) {
      sitesByWriteKey.clear();
      return admin.setOrigins(siteId, origins);
    },

    async deleteEventsBefore(before) {
      const deleted = await retention(before);
      await releaseFreePages(client);
      return deleted;
    },

    async checkReadiness() {
      const reason = files?.unwritable() ?? commitFailures.reason();
      return reason === null ? { ready: true as const } : { ready: false as const, reason };
    },

    async close() {
      await checkpointer?.stop();
      if (client.open) client.close();
    },
  };
  connections.set(store, client);
  return store;
}

const connections = new WeakMap<Store, Database.Database>();

/**
 * The connection of a store openSqliteStore made, for automation's tables in the same file
 * (openSqliteAutomationStore): one connection means one page cache, where a second one found its
 * cache stale after every ingest commit. Undefined for any other store.
 */
export function sqliteConnectionOf(store: Store): Database.Database | undefined {
  return connections.get(store);
}
