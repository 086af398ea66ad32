/**
 * The collector's storage, one interface for every backend (SQLite now, PostgreSQL later), all
 * held to one behaviour suite. Methods return promises so a networked database fits unchanged.
 */
import type { JourneyEvent } from "@touchpoint/journeys";

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
  /** `c:<customerId>` when the event carries one, else `a:<anonymousId>`. */
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

export interface ReadEventsOptions {
  personKey?: string;
  limit?: number;
}

export interface Store {
  /**
   * Inserts all rows in ONE transaction, skipping rows whose (siteId, id) is stored already
   * (also earlier in the same call). Resolves once committed, with one flag per row: true when
   * the row was new. Rejects, with nothing committed, when the transaction fails.
   */
  insertEvents(rows: readonly EventRow[]): Promise<boolean[]>;
  createSite(site: NewSite): Promise<CreatedSite>;
  listSites(): Promise<Site[]>;
  findSiteByWriteKey(writeKey: string): Promise<Site | null>;
  findSiteByReadKey(readKey: string): Promise<Site | null>;
  findSiteBySecretKey(secretKey: string): Promise<Site | null>;
  countEvents(siteId: string): Promise<number>;
  /** A site's events in time order (insertion order among equal timestamps). */
  readEvents(siteId: string, options?: ReadEventsOptions): Promise<JourneyEvent[]>;
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
   * long. Identity links stay: events that arrive later still join their customer.
   */
  deleteEventsBefore(before: number): Promise<number>;
  close(): Promise<void>;
}
