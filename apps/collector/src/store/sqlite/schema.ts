import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const sites = sqliteTable(
  "sites",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Public: it ships in every page that embeds the SDK. */
    writeKey: text("write_key").notNull(),
    /** SHA-256 hex of the secret read key; the key itself is shown once, at creation. */
    readKeyHash: text("read_key_hash").notNull(),
    secretKeyHash: text("secret_key_hash").notNull(),
    /** JSON array of allowed origins; empty accepts any origin. */
    origins: text("origins").notNull().default("[]"),
    /** JSON stage model; null means the default model. */
    stageModel: text("stage_model"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("sites_write_key").on(t.writeKey),
    uniqueIndex("sites_read_key_hash").on(t.readKeyHash),
    uniqueIndex("sites_secret_key_hash").on(t.secretKeyHash),
  ],
);

export const events = sqliteTable(
  "events",
  {
    /** Insertion order, so readers can page through history stably. */
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    siteId: text("site_id").notNull(),
    /** The client's event id: the dedupe key within a site. */
    id: text("id").notNull(),
    type: text("type").notNull(),
    name: text("name").notNull(),
    anonymousId: text("anonymous_id"),
    /** The customer id the event carried itself. */
    customerId: text("customer_id"),
    /**
     * Whose journey the event belongs to: `c:<customerId>` or `a:<anonymousId>`. Identity
     * stitching rewrites the key of an anonymous id's events when an identify links it.
     */
    personKey: text("person_key").notNull(),
    sessionId: text("session_id"),
    /** Milliseconds since the epoch, corrected for the client's clock skew. */
    timestamp: integer("timestamp").notNull(),
    receivedAt: integer("received_at").notNull(),
    properties: text("properties").notNull().default("{}"),
    traits: text("traits"),
    context: text("context").notNull().default("{}"),
    userAgent: text("user_agent"),
    browser: text("browser"),
    os: text("os"),
    deviceType: text("device_type"),
  },
  (t) => [
    uniqueIndex("events_site_id_id").on(t.siteId, t.id),
    index("events_site_person_time").on(t.siteId, t.personKey, t.timestamp),
    index("events_site_time").on(t.siteId, t.timestamp),
    // Only identify events: erasure re-links an anonymous id from its remaining identifies. A full
    // (site_id, anonymous_id) index would cost every insert; stitching finds an anonymous id's
    // events through their person key instead.
    index("events_site_identify_anonymous").on(t.siteId, t.anonymousId).where(sql`${t.type} = 'identify'`),
  ],
);

export const identityLinks = sqliteTable(
  "identity_links",
  {
    siteId: text("site_id").notNull(),
    anonymousId: text("anonymous_id").notNull(),
    customerId: text("customer_id").notNull(),
    linkedAt: integer("linked_at").notNull(),
    /** The identify event that made the link. */
    eventId: text("event_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.anonymousId] }), index("identity_links_site_customer").on(t.siteId, t.customerId)],
);

/** Money spent on a channel or campaign over a period (POST /v1/spend), for cost, ROAS and CAC. */
export const spend = sqliteTable(
  "spend",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    /** "channel" or "campaign". */
    groupBy: text("group_by").notNull(),
    key: text("key").notNull(),
    /** As sent: `YYYY-MM-DD` (whole UTC days, both included) or an ISO-8601 date-time. */
    from: text("from").notNull(),
    to: text("to").notNull(),
    amount: real("amount").notNull(),
    currency: text("currency").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("spend_site").on(t.siteId, t.groupBy, t.key)],
);

/**
 * One row per person: what the reports read of their journey (journeys' JourneyDigest), built
 * with the stage model named in journey_digest_marks, in person-key order (WITHOUT ROWID: the
 * primary key is the table) so a report streams it sequentially. See journey-digest-upkeep.ts.
 */
export const journeyDigests = sqliteTable(
  "journey_digests",
  {
    siteId: text("site_id").notNull(),
    personKey: text("person_key").notNull(),
    /** customerId, traits, current stage, stage entries, last seen (journey-digest-record.ts). */
    summary: text("summary").notNull(),
    /** Touchpoints and conversions (journey-digest-record.ts). */
    touches: text("touches").notNull(),
    /** How many events the digest was made of: upkeep tells removed events from added ones by it. */
    eventCount: integer("event_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.personKey] })],
);

/**
 * Per site: the stage model the digests were built with, the last event (seq) they include, and
 * when the upkeep pass that brought them there started (ms): every event committed before it is in.
 */
export const journeyDigestMarks = sqliteTable("journey_digest_marks", {
  siteId: text("site_id").primaryKey(),
  modelKey: text("model_key").notNull(),
  throughSeq: integer("through_seq").notNull(),
  asOf: integer("as_of").notNull().default(0),
});

/**
 * Persons whose digest is out of date for a reason other than a new event: filled by triggers
 * when an event is deleted (erasure, retention) or moves to another person (identity stitching).
 */
export const journeyDigestStale = sqliteTable(
  "journey_digest_stale",
  {
    siteId: text("site_id").notNull(),
    personKey: text("person_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.personKey] })],
);

/**
 * Stage entries upkeep recorded for automation (stageEntered and stalled rules), written in the
 * transaction that rebuilt the person's digest and deleted in the one that started their runs:
 * a crash in between leaves them here for the next collector, not lost. Times in ms.
 */
export const journeyStageEntries = sqliteTable(
  "journey_stage_entries",
  {
    siteId: text("site_id").notNull(),
    personKey: text("person_key").notNull(),
    stage: text("stage").notNull(),
    /** The time of the entry's first touchpoint. */
    enteredAt: integer("entered_at").notNull(),
    /** When upkeep recorded it: a stageEntered rule's wait runs from here. */
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.personKey, t.stage, t.enteredAt] })],
);

/**
 * The suppression list (suppression.ts): what erasure leaves behind so that a replay of the
 * erased batches (an SDK's retry queue, an import run again) cannot bring the customer back.
 * Per site a random salt, made at the site's first erasure; the erased customer ids as HMACs
 * under it, never in clear; and the ids of the erased events, client-made random keys.
 */
export const suppressionSalts = sqliteTable("suppression_salts", {
  siteId: text("site_id").primaryKey(),
  salt: text("salt").notNull(),
});

export const suppressedCustomers = sqliteTable(
  "suppressed_customers",
  {
    siteId: text("site_id").notNull(),
    customerHash: text("customer_hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.customerHash] })],
);

export const suppressedEvents = sqliteTable(
  "suppressed_events",
  {
    siteId: text("site_id").notNull(),
    eventId: text("event_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.eventId] })],
);

export const schema = {
  sites,
  events,
  identityLinks,
  spend,
  journeyDigests,
  journeyDigestMarks,
  journeyDigestStale,
  journeyStageEntries,
  suppressionSalts,
  suppressedCustomers,
  suppressedEvents,
};

/** Admin tokens (`touchpoint admin-token`): SHA-256 hex only, like the sites' secret keys. */
export const adminTokens = sqliteTable("admin_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  createdAt: integer("created_at").notNull(),
});
