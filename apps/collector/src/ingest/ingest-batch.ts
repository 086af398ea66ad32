import type { BatchResponse, BatchValidator, ErrorBody, EventSource, RejectedEvent } from "@touchpoint/protocol";
import { createUserAgentLookup, type UserAgentLookup } from "../enrich/user-agent-info.js";
import type { EventRow, InsertOutcome, Site, SiteKeyLookup } from "../store/store.js";
import { originAllowed } from "../sites/origins.js";
import type { TokenBuckets } from "../guards/token-buckets.js";
import { browserTimeBounds, type TimeBounds } from "./browser-time-bounds.js";
import { toEventRow } from "./event-row.js";
import { WriterClosedError, type GroupCommitWriter } from "./group-commit.js";
import { bearerToken } from "../http/require-key.js";
import { describeFailure } from "../store/store-unavailable.js";

export interface BatchRequest {
  /** The parsed JSON body. */
  body: unknown;
  /** The Origin header, null when absent. */
  origin: string | null;
  /** The Authorization header, null when absent. */
  authorization: string | null;
  /** The User-Agent header, null when absent. */
  userAgent: string | null;
  receivedAt: number;
}

export type BatchOutcome =
  | { status: 200; body: BatchResponse; siteId: string }
  | { status: 400 | 401 | 403 | 413 | 503; body: ErrorBody }
  | { status: 429; body: ErrorBody; retryAfterSeconds: number };

const fail = <S extends 401 | 403 | 503>(status: S, code: string, message: string) => ({ status, body: { error: { code, message } } });

export interface BatchIngestDeps {
  store: SiteKeyLookup;
  writer: GroupCommitWriter;
  validator: BatchValidator;
  /** Events per second per site (ops.perKeyLimit), spent by the batch's event count; none: no limit. */
  keyLimit?: TokenBuckets | null;
  /** Bot check and device of a user agent; by default a cached lookup of its own. */
  userAgents?: UserAgentLookup;
}

/** A batch whose sender is known: what `POST /v1/batch` hands on once the key and origin passed. */
export interface AuthenticatedBatch {
  site: Site;
  source: EventSource;
  /** The envelope's events, not yet validated. */
  events: readonly unknown[];
  /** Added to every event's timestamp (clock-skew correction); 0 keeps timestamps as sent. */
  skewMs: number;
  /** Where a corrected timestamp must fall (browser-time-bounds.ts); absent or null: anywhere. */
  timeBounds?: TimeBounds | null;
  /** The request's User-Agent, used for events without context.userAgent. */
  userAgent: string | null;
  receivedAt: number;
}

export type EventsOutcome = Extract<BatchOutcome, { status: 200 }> | { status: 503; body: ErrorBody };

/**
 * Validates, enriches and stores the events of an authenticated batch: the whole ingest path
 * after authentication. `touchpoint seed` calls it directly, so synthetic journeys take exactly
 * the path real ones take. Valid events whose user agent is a bot's are not stored: the answer
 * counts them in `bots`; those an erasure suppressed are counted in `suppressed`.
 */
export function createEventIngest({ writer, validator, userAgents = createUserAgentLookup() }: Omit<BatchIngestDeps, "store">) {
  return async function ingestEvents({
    site,
    source,
    events,
    skewMs,
    timeBounds = null,
    userAgent,
    receivedAt,
  }: AuthenticatedBatch): Promise<EventsOutcome> {
    const rows: EventRow[] = [];
    const rejected: RejectedEvent[] = [];
    let bots = 0;
    for (let index = 0; index < events.length; index++) {
      const result = validator.validateEvent(events[index], index, source);
      if (!result.ok) {
        rejected.push(result.rejected);
        continue;
      }
      const eventUserAgent = result.event.context?.userAgent ?? userAgent;
      const info = eventUserAgent ? userAgents(eventUserAgent) : null;
      if (info?.bot) bots++;
      else rows.push(toEventRow(result.event, site.id, receivedAt, skewMs, eventUserAgent, info?.device ?? null, timeBounds));
    }

    let outcomes: InsertOutcome[];
    try {
      outcomes = await writer.write(rows);
    } catch (error) {
      if (error instanceof WriterClosedError) return fail(503, "shutting_down", error.message);
      console.error(`touchpoint: a group commit failed: ${describeFailure(error)}`);
      return fail(503, "store_unavailable", "the events could not be stored; nothing from this batch was kept, send it again");
    }
    let accepted = 0;
    let suppressed = 0;
    for (const outcome of outcomes) {
      if (outcome === "new") accepted++;
      else if (outcome === "suppressed") suppressed++;
    }
    return {
      status: 200,
      siteId: site.id,
      body: { accepted, duplicates: outcomes.length - accepted - suppressed, suppressed, bots, rejected },
    };
  };
}

export type EventIngest = ReturnType<typeof createEventIngest>;

/** Parses the envelope, authenticates the sender, checks the origin, then ingests the events. */
export function createBatchIngest({ store, keyLimit, ...deps }: BatchIngestDeps) {
  const ingestEvents = createEventIngest(deps);

  async function authenticate(writeKey: string, authorization: string | null): Promise<{ site: Site; source: EventSource } | BatchOutcome> {
    if (authorization === null) {
      const site = await store.findSiteByWriteKey(writeKey);
      return site ? { site, source: "browser" } : fail(401, "unknown_write_key", "no site has this write key");
    }
    const secretKey = bearerToken(authorization);
    if (secretKey === undefined) return fail(401, "invalid_authorization", "Authorization must be `Bearer <secret key>`");
    const site = await store.findSiteBySecretKey(secretKey);
    return site ? { site, source: "server" } : fail(401, "unknown_secret_key", "no site has this secret key");
  }

  return async function ingestBatch(request: BatchRequest): Promise<BatchOutcome> {
    const envelope = deps.validator.parseEnvelope(request.body);
    if (!envelope.ok) return { status: envelope.status, body: envelope.body };
    const { writeKey, sentAt, events } = envelope.envelope;

    const auth = await authenticate(writeKey, request.authorization);
    if ("status" in auth) return auth;
    const { site, source } = auth;
    if (!originAllowed(site.origins, request.origin)) {
      return fail(403, "origin_not_allowed", `origin ${request.origin} is not allowed for this site`);
    }
    const wait = keyLimit?.take(site.id, events.length) ?? 0;
    if (wait > 0) {
      const message = `this site sends more than its ${keyLimit!.limit.ratePerSecond} events a second; retry in ${wait} s`;
      return { status: 429, body: { error: { code: "rate_limited", message } }, retryAfterSeconds: wait };
    }

    // A browser's clock can be hours off, and it is off by the same amount for timestamp and
    // sentAt: shift every event by receivedAt - sentAt, then bound it (a forged sentAt must not
    // date an event years away). Server-side sources send historical timestamps from clocks we
    // trust (a CRM import may be months old), so they are never shifted nor bounded.
    const skewMs = source === "browser" ? request.receivedAt - Date.parse(sentAt) : 0;
    const timeBounds = source === "browser" ? browserTimeBounds(request.receivedAt) : null;
    // A server's own User-Agent names its HTTP library, not the customer's device.
    const userAgent = source === "browser" ? request.userAgent : null;
    return ingestEvents({ site, source, events, skewMs, timeBounds, userAgent, receivedAt: request.receivedAt });
  };
}

export type BatchIngest = ReturnType<typeof createBatchIngest>;
