/**
 * The collector's storage, one interface for every backend (sqlite/ for one process, postgres/
 * for many collector processes on one database), all held to the same behaviour suites
 * (store-behaviour.ts, journey-store-behaviour.ts). Methods return promises for the networked one.
 */
import type {
  AttributionJourney,
  FunnelJourney,
  JourneyDigest,
  JourneyEvent,
  JourneySummary,
  SpendRow,
  StageModel,
} from "@touchpoint/journeys";

export interface Site {
  id: string;
  name: string;
  /** Public: ingest only. */
  writeKey: string;
  /** Allowed browser origins (scheme://host[:port]); empty accepts any origin. */
  origins: string[];
  /** The site's own stage model, null for the default. */
  stageModel: unknown;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** A new site with its secret keys: the only moment the plain keys exist outside their owner. */
export interface CreatedSite extends Site {
  readKey: string;
  secretKey: string;
}

/** One of a site's keys: the public write key, the secret read key or the site secret. */
export type SiteKeyKind = "write" | "read" | "secret";

export interface NewSite {
  name: string;
  origins: string[];
}

/** One validated event ready to insert; JSON columns arrive serialised. */
export interface EventRow {
  siteId: string;
  id: string;
  type: string;
  name: string;
  anonymousId: string | null;
  customerId: string | null;
  /**
   * The key from the event's own ids: `c:<customerId>` when it carries one, else
   * `a:<anonymousId>`. insertEvents stores the stitched key instead (see there).
   */
  personKey: string;
  sessionId: string | null;
  /** Milliseconds since the epoch, already corrected for clock skew. */
  timestamp: number;
  receivedAt: number;
  properties: string;
  traits: string | null;
  context: string;
  /** The event's context.userAgent, else the request's User-Agent (browsers only). */
  userAgent: string | null;
  /** What the user agent says (ua-parser-js); all null without a user agent. */
  browser: string | null;
  os: string | null;
  /** desktop, mobile, tablet, ...; null without a user agent. */
  deviceType: string | null;
}

/**
 * What insertEvents did with a row: stored it, found its id stored already, or refused it because
 * an erasure suppressed it (its event id, or its customer id, is on the site's suppression list).
 */
export type InsertOutcome = "new" | "duplicate" | "suppressed";

export interface ReadEventsOptions {
  personKey?: string;
  limit?: number;
}

/** An anonymous id's owner: the customer of its earliest identify. */
export interface StoredIdentityLink {
  anonymousId: string;
  customerId: string;
  /** The identify event that made the link. */
  eventId: string;
  /** That identify's time, milliseconds since the epoch (skew-corrected). */
  linkedAt: number;
}

/** One person's events, as streamPersons yields them. */
export interface PersonEvents {
  /** `c:<customerId>` or `a:<anonymousId>`. */
  personKey: string;
  /** In time order, insertion order among equal times. */
  events: JourneyEvent[];
}

export interface StreamPersonsOptions {
  /** Only persons whose key sorts after this one (exclusive): where the previous page ended. */
  afterPersonKey?: string;
  /** Only known customers (`c:` keys) or only anonymous visitors (`a:` keys); both by default. */
  kind?: "customer" | "anonymous";
}

export interface StreamDigestsOptions extends StreamPersonsOptions {
  /**
   * Only persons whose digest may hold this string (a touchpoint's or conversion's name, a stage,
   * ...): every digest that holds it comes, and most that do not are left out undecoded, so a
   * report that reads only the journeys naming one event or stage skips the others' cost.
   */
  holding?: string;
}

export interface StreamTouchesOptions extends StreamPersonsOptions {
  /** Read the stage entries too (a conversion that is a stage); without, every journey's are empty. */
  withStages?: boolean;
}

/** How a person's digest is made: the site's stage model through the journeys engine. */
export interface DigestBuilder {
  /** Names the stage model (its JSON): digests a store keeps under another key are rebuilt. */
  modelKey: string;
  digestOf(person: PersonEvents): JourneyDigest;
}

/** An event upkeep saw for the first time (stored since the person's previous digest). */
export interface AddedEvent {
  id: string;
  type: string;
  name: string;
  /** Milliseconds since the epoch. */
  time: number;
}

/** Which stage entries of a rebuilt person upkeep keeps for automation (see upkeepJourneyDigests). */
export type StageEntriesToRecord = (change: DigestChange) => readonly { stage: string; time: number }[];

/** One person's digest before and after an upkeep rebuild, as upkeepJourneyDigests reports it. */
export interface DigestChange {
  personKey: string;
  /** `events`: their events changed; `model`: every digest of the site was rebuilt for another stage model. */
  cause: "events" | "model";
  /** Null when the person had no digest. */
  before: JourneyDigest | null;
  beforeEventCount: number;
  /** Null when no event of the person is left. */
  after: JourneyDigest | null;
  afterEventCount: number;
  /** Events of the person stored since the previous upkeep (moved-in older events are not added), in time order. */
  added: AddedEvent[];
}

/** An event with everything stored about it, for exports. */
export interface StoredEvent extends JourneyEvent {
  receivedAt: number;
  userAgent: string | null;
}

/** Everything stored about one customer. */
export interface CustomerRecords {
  /** Every event under `c:<customerId>`, in time order (insertion order among equal times). */
  events: StoredEvent[];
  /** The links of anonymous ids to the customer, ordered by anonymous id. */
  links: StoredIdentityLink[];
}

export interface ErasedCustomer {
  /** Events deleted. */
  events: number;
  /** Identity links deleted. */
  links: number;
}

export interface StoredSpend extends SpendRow {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** deleteSite's answer: rows deleted per table (`sites` counts the site itself). */
export type DeletedSite = Record<string, number>;

/** addSpend's answer: the stored row, or the currency the key's earlier rows use. */
export type AddSpendResult = { stored: StoredSpend } | { currencyConflict: string };

export type StoreReadiness = { ready: true } | { ready: false; reason: string };

export interface Store {
  /**
   * Inserts all rows in ONE transaction, skipping rows whose (siteId, id) is stored already
   * (also earlier in the same call) and rows an erasure suppressed (the site's suppression list
   * holds their event id, or the salted hash of their customerId). Resolves once committed, with
   * one outcome per row. Rejects, with nothing committed, when the transaction fails.
   *
   * Identity stitching happens in that same transaction, row by row, so the stored result never
   * depends on arrival order (concurrent calls, also from other processes, must behave as if
   * they ran one after the other):
   * - The person key stored for a row is journeys' `personKeyOf(row, owner)`: `c:<customerId>`
   *   when it carries one; else `c:<owner>` when its anonymous id has a link (as left by the
   *   rows before it); else `a:<anonymousId>`.
   * - A NEW identify row with an anonymousId proposes a link (`identityLinkOf`). When it wins
   *   over the stored link (`preferredLink(stored, candidate) === candidate`: the earlier
   *   identify by time, ties by the smaller event id) the link is replaced, and every stored
   *   event of that anonymous id without a customerId gets the person key `c:<customerId>`.
   *   Those events sit under the old owner's key (or `a:<anonymousId>`), so the update finds
   *   them through the (site, person key) index. Duplicate rows change nothing.
   * Per row this is O(1) (a primary-key lookup of the link); only a winning identify writes more.
   */
  insertEvents(rows: readonly EventRow[]): Promise<InsertOutcome[]>;
  createSite(site: NewSite): Promise<CreatedSite>;
  listSites(): Promise<Site[]>;
  findSiteByWriteKey(writeKey: string): Promise<Site | null>;
  findSiteByReadKey(readKey: string): Promise<Site | null>;
  findSiteBySecretKey(secretKey: string): Promise<Site | null>;
  countEvents(siteId: string): Promise<number>;
  /**
   * A text that changes whenever the site's events do (one added, deleted, or moved to another
   * person: a move comes with the identify that caused it), also when an event was added and
   * deleted again in between, read in one indexed scan: what a cache of something made from the
   * events (digestsFromEvents) checks before it serves. It may change without the site's events
   * changing (another site's insert), never the other way round.
   */
  eventsMarker(siteId: string): Promise<string>;
  /**
   * A text that changes whenever one person's events do, null when they have none: the count, the
   * sum and the greatest of their seqs (unique, never reused), through the (site, person key)
   * index (on SQLite the index alone, which holds the seq). An added event raises the greatest; a
   * deleted one, or one moved to another person, lowers the count; a move to this person comes
   * with the identify that caused it, which is added. What the kept journey answers check.
   */
  personEventsMarker(siteId: string, personKey: string): Promise<string | null>;
  /**
   * One person's events in time order (as readEvents gives them) with the personEventsMarker of
   * exactly those events, both read in one snapshot, so no commit falls between them; null when
   * the person has none. The journey endpoint's read when it builds an answer.
   */
  readMarkedPersonEvents(siteId: string, personKey: string): Promise<MarkedPersonEvents | null>;
  /**
   * A site's events, or one person's (`personKey`), in time order (insertion order among equal
   * timestamps). A person's read must use an index on (site, person key, time), so 1,000 events
   * of one person come back in milliseconds among millions.
   */
  readEvents(siteId: string, options?: ReadEventsOptions): Promise<JourneyEvent[]>;
  /** Replaces the site's stage model (null restores the default); false when no site has this id. */
  setStageModel(siteId: string, model: StageModel | null): Promise<boolean>;
  /** The link of an anonymous id, null when no identify has linked it. */
  findIdentityLink(siteId: string, anonymousId: string): Promise<StoredIdentityLink | null>;
  /**
   * Every person of the site with at least one event, one at a time, in person-key order
   * (byte order: SQLite's BINARY, PostgreSQL's COLLATE "C"), each with all of its events in
   * time order (insertion order among equal times). Attribution, funnels and customer lists
   * run on it, so memory must stay bounded (a chunk of rows plus one person's events) whatever
   * the table's size, and ending the iteration early must release everything. Each person's
   * events come from one statement; persons are not read from one snapshot, so events moved by
   * an identify while the stream runs may be seen under both keys or neither.
   */
  streamPersons(siteId: string, options?: StreamPersonsOptions): AsyncIterable<PersonEvents>;
  /**
   * The digest of every person streamPersons would yield, in the same order, with the same
   * options, as upkeepJourneyDigests last left them: what the funnel, attribution, moments of
   * truth and the customer list read. Never writes; journeyDigestsAsOf says how current they are.
   */
  streamJourneyDigests(siteId: string, options?: StreamDigestsOptions): AsyncIterable<JourneyDigest>;
  /**
   * streamJourneyDigests as attribution of everyone reads it: touchpoints and conversions, stage
   * entries only when asked, and nothing else of the summary, neither read nor decoded. In pages
   * (arrays of persons in order), so a million persons are not a million awaits.
   */
  streamJourneyTouches(siteId: string, options?: StreamTouchesOptions): AsyncIterable<AttributionJourney[]>;
  /** streamJourneyDigests without touchpoints and conversions, for the funnel and the customer list. */
  streamJourneySummaries(siteId: string, options?: StreamPersonsOptions): AsyncIterable<JourneySummary>;
  /**
   * streamJourneySummaries as the funnel of everyone reads them: the customer id and the stage
   * entries, nothing else decoded; in pages, as streamJourneyTouches.
   */
  streamFunnelJourneys(siteId: string, options?: StreamPersonsOptions): AsyncIterable<FunnelJourney[]>;
  /**
   * The time (ms since the epoch) through which the site's digests reflect the events under the
   * stage model `modelKey` names: every event committed before it is in them. Now, when nothing
   * is waiting for upkeep; null when no digest was made with this model yet. Never writes.
   */
  journeyDigestsAsOf(siteId: string, modelKey: string): Promise<number | null>;
  /**
   * journeyDigestsAsOf, then streamJourneySummaries: the asOf holds for every summary streamed.
   * PostgreSQL reads the asOf and the first page in one statement (one round trip, one snapshot).
   */
  journeySummariesAsOf(
    siteId: string,
    modelKey: string,
    options?: StreamPersonsOptions,
  ): Promise<{ asOf: number | null; summaries: AsyncIterable<JourneySummary> }>;
  /**
   * Journey upkeep for one site: rebuilds the digest of every person changed since the last call
   * (new, moved or deleted events; identity links), or of every person when the builder's
   * modelKey differs from the one the digests were made with, in short transactions, and
   * resolves once everything committed before the call is in the digests. A person left
   * without events loses their digest. `onChange`, when given, hears each rebuilt person after
   * the transaction that rebuilt them committed. Safe to run beside ingest and beside upkeep in
   * other processes: a person is rebuilt by one of them at a time, and a crash leaves the work
   * for the next call. `recordEntries`, when given, picks stage entries of each rebuilt person
   * to keep in journey_stage_entries, written in the transaction that rebuilt them (automation
   * takes them from there: StageEntryQueue), so no crash loses one.
   */
  upkeepJourneyDigests(
    siteId: string,
    builder: DigestBuilder,
    onChange?: (change: DigestChange) => void,
    recordEntries?: StageEntriesToRecord,
  ): Promise<void>;
  /** Everything stored about a customer (empty lists for an unknown one). */
  exportCustomer(siteId: string, customerId: string): Promise<CustomerRecords>;
  /**
   * Erases a customer in one transaction: every event under `c:<customerId>` (their own events
   * and the anonymous events of every anonymous id linked to them) and every link to them.
   * An anonymous id whose link goes is linked again to the customer of its earliest remaining
   * identify event, if another customer identified it too, as a fresh ingest of what remains
   * would link it (none of its events move: those without a customerId were all under the
   * erased key). Traits live in identify events, so they go with them. The same transaction puts
   * the erased event ids and the customer id's salted hash on the site's suppression list, and
   * drops whatever the store derived from the erased events (SQLite's journey digests).
   */
  eraseCustomer(siteId: string, customerId: string): Promise<ErasedCustomer>;
  /**
   * Stores a spend row as given (the caller validated it) with a new id and createdAt, unless
   * rows of the same groupBy and key already use another currency: then nothing is stored and
   * the answer names that currency. Check and insert are atomic.
   */
  addSpend(siteId: string, spend: SpendRow): Promise<AddSpendResult>;
  /** The site's spend rows, oldest first (createdAt, then id). */
  listSpend(siteId: string): Promise<StoredSpend[]>;
  /** Deletes one spend row of the site; false when the site has no row with this id. */
  deleteSpend(siteId: string, spendId: string): Promise<boolean>;
  /**
   * Erases a site: its row and every row of every table with a site_id column, so tables added
   * later are covered too. Its keys are revoked first (they stop working at once, as after a
   * rotation); then events go in bounded chunks, each its own short transaction (ingest of
   * other sites waits milliseconds), then the rest and the site in one transaction. Resolves
   * with the rows deleted per table, or null when no site has this id.
   */
  deleteSite(siteId: string): Promise<DeletedSite | null>;
  /**
   * Makes a new admin token (site management over HTTP) that replaces any earlier one, and
   * resolves with it in plain text, the only time it exists outside its owner: it is stored as
   * its SHA-256, like the sites' secret keys, so the old one fails at once on every collector.
   */
  replaceAdminToken(): Promise<string>;
  /** Whether this is the current admin token (looked up by hash). */
  isAdminToken(token: string): Promise<boolean>;
  /**
   * Replaces one of a site's keys with a new random key of the same shape and resolves with it
   * in plain text, the only time it exists outside its owner (read and secret keys are stored
   * as their SHA-256, like at creation). The old key stops working when this commits: every
   * findSiteBy*Key after it misses the old key, in this process and in every other one sharing
   * the database, so no key lookup may be cached across requests. Null when no site has this id.
   */
  rotateKey(siteId: string, kind: SiteKeyKind): Promise<string | null>;
  /** Replaces the site's allowed origins (already normalised); false when no site has this id. */
  setSiteOrigins(siteId: string, origins: readonly string[]): Promise<boolean>;
  /**
   * Retention: deletes every event of every site whose timestamp is before `before` (ms since
   * the epoch) and resolves with how many went. It runs hourly beside live ingest, so it must
   * delete in bounded chunks, each its own short transaction, never holding writers off for
   * long. A person left without any event is forgotten with them: a customer's identity links
   * (their devices; their traits were in the deleted identifies), derived rows such as digests,
   * and an anonymous visitor's own rows. Links of a customer with events left stay: later
   * events of their devices still join them.
   */
  deleteEventsBefore(before: number): Promise<number>;
  /**
   * Whether the store can take writes now, answered within a few seconds whatever the database
   * does (GET /readyz): SQLite, its files are still the ones opened and writable; PostgreSQL,
   * `select 1` answers in time.
   */
  checkReadiness(): Promise<StoreReadiness>;
  close(): Promise<void>;
}

/*
 * The store by role: each caller takes the part it uses, so what a piece of the collector may do
 * to the data is in its signature.
 */

/** Ingest: stores events (group commit). */
export type EventSink = Pick<Store, "insertEvents">;

/** A site by one of its keys, or by its id for the admin token: every key check. */
export type SiteKeyLookup = Pick<Store, "findSiteByWriteKey" | "findSiteByReadKey" | "findSiteBySecretKey" | "isAdminToken" | "listSites">;

/** Sites, their keys, origins and stage models: the CLI and the demo. */
export type SiteDirectory = SiteKeyLookup & Pick<Store, "createSite" | "listSites" | "rotateKey" | "setSiteOrigins" | "setStageModel">;

/** What is stored about one customer: links, export and erasure. */
export type CustomerRecordStore = Pick<Store, "findIdentityLink" | "exportCustomer" | "eraseCustomer">;

/** Spend rows for cost, ROAS and CAC. */
export type SpendLedger = Pick<Store, "addSpend" | "listSpend">;

/** Retention: deleting what is older than the site's history keeps. */
export type EventRetention = Pick<Store, "deleteEventsBefore">;

export interface MarkedPersonEvents {
  events: JourneyEvent[];
  marker: string;
}

/** What the journey endpoint reads of a person: the marker alone, or the events with it. */
export type MarkedPersonReader = Pick<Store, "personEventsMarker" | "readMarkedPersonEvents">;

/** What reports read: events, persons and digests, never writing (ingest and upkeep write). */
export type JourneyReader = Pick<
  Store,
  | "readEvents"
  | "eventsMarker"
  | "streamPersons"
  | "streamJourneyDigests"
  | "streamJourneyTouches"
  | "streamJourneySummaries"
  | "streamFunnelJourneys"
  | "journeyDigestsAsOf"
  | "journeySummariesAsOf"
>;

/** What the journey upkeep worker needs: the sites, and a pass over one site's changed persons. */
export type JourneyUpkeepStore = Pick<Store, "listSites" | "upkeepJourneyDigests">;
