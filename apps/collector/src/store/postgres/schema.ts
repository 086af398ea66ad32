/**
 * The PostgreSQL tables, mirroring src/store/sqlite/schema.ts column for column, plus
 * `anonymous_ids`: the row writers lock so that linking an anonymous id and storing its events
 * never interleave across collector processes.
 *
 * Types, and why:
 * - Times are `bigint` milliseconds since the epoch (read as JS numbers), as in SQLite: the store
 *   interface speaks milliseconds, and a bigint compares and indexes as cheaply as anything.
 * - JSON columns (properties, traits, context, origins, stage model) are `text` holding the JSON
 *   the collector serialised, not jsonb: jsonb rejects the escape `\u0000`, which the protocol
 *   allows inside property strings (one such event would fail its whole group commit); text
 *   round-trips byte for byte as in SQLite; and nothing is parsed on the insert path. Queries
 *   that need a field read it in the engine, not in SQL.
 * - Identifiers are `text COLLATE "C"` (byte order, SQLite's BINARY): comparisons and ORDER BY
 *   agree with SQLite whatever locale the database was created with, and memcmp is cheaper than a
 *   locale's collation on every index insert.
 */
import { sql } from "drizzle-orm";
import { bigint, customType, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

const binaryText = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
});

export const sites = pgTable(
  "sites",
  {
    id: binaryText("id").primaryKey(),
    name: text("name").notNull(),
    /** Public: it ships in every page that embeds the SDK. */
    writeKey: binaryText("write_key").notNull(),
    /** SHA-256 hex of the secret read key; the key itself is shown once, at creation. */
    readKeyHash: binaryText("read_key_hash").notNull(),
    secretKeyHash: binaryText("secret_key_hash").notNull(),
    /** JSON array of allowed origins; empty accepts any origin. */
    origins: text("origins").notNull().default("[]"),
    /** JSON stage model; null means the default model. */
    stageModel: text("stage_model"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("sites_write_key").on(t.writeKey),
    uniqueIndex("sites_read_key_hash").on(t.readKeyHash),
    uniqueIndex("sites_secret_key_hash").on(t.secretKeyHash),
  ],
);

export const events = pgTable(
  "events",
  {
    /**
     * Insertion order, for ties in time. Unlike SQLite's rowid it needs no index of its own:
     * (site_id, id) is the primary key. The ingest path numbers the rows itself, in the order they
     * came (it inserts them sorted by id), from one sequence value per group.
     */
    seq: bigint("seq", { mode: "number" }).generatedByDefaultAsIdentity().notNull(),
    siteId: binaryText("site_id").notNull(),
    /** The client's event id: the dedupe key within a site. */
    id: binaryText("id").notNull(),
    type: binaryText("type").notNull(),
    name: binaryText("name").notNull(),
    anonymousId: binaryText("anonymous_id"),
    /** The customer id the event carried itself. */
    customerId: binaryText("customer_id"),
    /**
     * Whose journey the event belongs to: `c:<customerId>` or `a:<anonymousId>`. Identity
     * stitching rewrites the key of an anonymous id's events when an identify links it.
     */
    personKey: binaryText("person_key").notNull(),
    sessionId: binaryText("session_id"),
    /** Milliseconds since the epoch, corrected for the client's clock skew. */
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
    receivedAt: bigint("received_at", { mode: "number" }).notNull(),
    properties: text("properties").notNull().default("{}"),
    traits: text("traits"),
    context: text("context").notNull().default("{}"),
    userAgent: text("user_agent"),
    browser: text("browser"),
    os: text("os"),
    deviceType: text("device_type"),
  },
  (t) => [
    primaryKey({ name: "events_site_id_id", columns: [t.siteId, t.id] }),
    index("events_site_person_time").on(t.siteId, t.personKey, t.timestamp),
    index("events_site_time").on(t.siteId, t.timestamp),
    // Only identify events: erasure re-links an anonymous id from its remaining identifies.
    // Stitching finds an anonymous id's events through their person key instead, so no insert
    // pays for a full (site_id, anonymous_id) index.
    index("events_site_identify_anonymous").on(t.siteId, t.anonymousId).where(sql`${t.type} = 'identify'`),
  ],
);

export const identityLinks = pgTable(
  "identity_links",
  {
    siteId: binaryText("site_id").notNull(),
    anonymousId: binaryText("anonymous_id").notNull(),
    customerId: binaryText("customer_id").notNull(),
    linkedAt: bigint("linked_at", { mode: "number" }).notNull(),
    /** The identify event that made the link. */
    eventId: binaryText("event_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "identity_links_pkey", columns: [t.siteId, t.anonymousId] }),
    index("identity_links_site_customer").on(t.siteId, t.customerId),
  ],
);

/**
 * Every anonymous id a site has sent events for. A writer locks the rows of the anonymous ids in
 * its group (in one sorted pass) before it reads their links and stores their events, so an
 * identify on one node and that visitor's events on another are serialised: the later
 * transaction always sees the earlier one's link or events. A link alone has no row to lock
 * before the first identify, hence this table.
 */
export const anonymousIds = pgTable(
  "anonymous_ids",
  {
    siteId: binaryText("site_id").notNull(),
    anonymousId: binaryText("anonymous_id").notNull(),
  },
  (t) => [primaryKey({ name: "anonymous_ids_pkey", columns: [t.siteId, t.anonymousId] })],
);

/** Money spent on a channel or campaign over a period (POST /v1/spend), for cost, ROAS and CAC. */
export const spend = pgTable(
  "spend",
  {
    id: binaryText("id").primaryKey(),
    siteId: binaryText("site_id").notNull(),
    /** "channel" or "campaign". */
    groupBy: binaryText("group_by").notNull(),
    key: binaryText("key").notNull(),
    /** As sent: `YYYY-MM-DD` (whole UTC days, both included) or an ISO-8601 date-time. */
    from: text("from").notNull(),
    to: text("to").notNull(),
    amount: doublePrecision("amount").notNull(),
    currency: text("currency").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("spend_site").on(t.siteId, t.groupBy, t.key)],
);

/** The suppression list, as in src/store/sqlite/schema.ts (see there and suppression.ts). */
export const suppressionSalts = pgTable("suppression_salts", {
  siteId: binaryText("site_id").primaryKey(),
  salt: text("salt").notNull(),
});

export const suppressedCustomers = pgTable(
  "suppressed_customers",
  {
    siteId: binaryText("site_id").notNull(),
    customerHash: binaryText("customer_hash").notNull(),
  },
  (t) => [primaryKey({ name: "suppressed_customers_pkey", columns: [t.siteId, t.customerHash] })],
);

export const suppressedEvents = pgTable(
  "suppressed_events",
  {
    siteId: binaryText("site_id").notNull(),
    eventId: binaryText("event_id").notNull(),
  },
  (t) => [primaryKey({ name: "suppressed_events_pkey", columns: [t.siteId, t.eventId] })],
);

/** Admin tokens (`touchpoint admin-token`): SHA-256 hex only, like the sites' secret keys. */
export const adminTokens = pgTable("admin_tokens", {
  tokenHash: binaryText("token_hash").primaryKey(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

/**
 * One row per person: what the reports read of their journey (journey-digest-record.ts), made by
 * journey upkeep with the stage model named in journey_digest_marks. See journey-digest-upkeep.ts.
 */
export const journeyDigests = pgTable(
  "journey_digests",
  {
    siteId: binaryText("site_id").notNull(),
    personKey: binaryText("person_key").notNull(),
    summary: text("summary").notNull(),
    touches: text("touches").notNull(),
    /** How many events the digest was made of: upkeep tells removed events from added ones by it. */
    eventCount: integer("event_count").notNull(),
  },
  (t) => [primaryKey({ name: "journey_digests_pkey", columns: [t.siteId, t.personKey] })],
);

/** Per site: the stage model (and record encoding) the digests are made with. */
export const journeyDigestMarks = pgTable("journey_digest_marks", {
  siteId: binaryText("site_id").primaryKey(),
  modelKey: text("model_key").notNull(),
});

/**
 * The changed-person queue: a row per person whose digest is out of date, written by triggers in
 * the transaction that inserted, moved or deleted their events (the migration's hand-written
 * part), and by a stage-model change for every person. Upkeep on any node takes rows with
 * FOR UPDATE SKIP LOCKED, rebuilds those persons and deletes the rows in the same transaction.
 */
export const journeyChangedPersons = pgTable(
  "journey_changed_persons",
  {
    siteId: binaryText("site_id").notNull(),
    personKey: binaryText("person_key").notNull(),
    /** The lowest seq of the events inserted for the person since queued (their events at or above it are new); null when only moves or deletions queued them. */
    sinceSeq: bigint("since_seq", { mode: "number" }),
    /** When first queued (ms, the database's clock): the oldest pending row is how far the digests lag. */
    queuedAt: bigint("queued_at", { mode: "number" }).notNull(),
    /** `events`, or `model` when a stage-model change queued them. */
    cause: text("cause").notNull().default("events"),
  },
  (t) => [
    primaryKey({ name: "journey_changed_persons_pkey", columns: [t.siteId, t.personKey] }),
    index("journey_changed_persons_site_queued").on(t.siteId, t.queuedAt),
  ],
);

/** Stage entries upkeep recorded for automation, as on SQLite (sqlite/schema.ts journeyStageEntries). */
export const journeyStageEntries = pgTable(
  "journey_stage_entries",
  {
    siteId: binaryText("site_id").notNull(),
    personKey: binaryText("person_key").notNull(),
    stage: binaryText("stage").notNull(),
    enteredAt: bigint("entered_at", { mode: "number" }).notNull(),
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ name: "journey_stage_entries_pkey", columns: [t.siteId, t.personKey, t.stage, t.enteredAt] })],
);

export const schema = {
  sites,
  events,
  identityLinks,
  anonymousIds,
  spend,
  suppressionSalts,
  suppressedCustomers,
  suppressedEvents,
  journeyDigests,
  journeyDigestMarks,
  journeyChangedPersons,
  journeyStageEntries,
};
