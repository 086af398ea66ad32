import type { BatchResponse, BatchValidator, EventSource, RejectedEvent } from "@touchpoint/protocol";
import { createUserAgentLookup, type UserAgentLookup } from "../enrich/user-agent-info.js";
import type { EventRow, InsertOutcome, Site, SiteKeyLookup } from "../store/store.js";
import { originAllowed } from "../sites/origins.js";
import type { TokenBuckets } from "../guards/token-buckets.js";
import { browserTimeBounds, type TimeBounds } from "./browser-time-bounds.js";
import { toEventRow } from "./event-row.js";
import { WriterClosedError, type GroupCommitWriter } from "./group-commit.js";
import type { IngestRefusal, StoreRefusal } from "./ingest-refusal.js";
import { describeFailure } from "../store/store-unavailable.js";

/**
 * The key a batch authenticates with besides the envelope's, as the route read it from the
 * Authorization header: none (a browser; the envelope's write key names the site), a secret key
 * (a server-side source), or a header that is not `Bearer <key>`, refused once the envelope passed.
 */
export type BatchCredential = { kind: "write_key" } | { kind: "secret_key"; secretKey: string } | { kind: "malformed" };

export interface BatchRequest {
  /** The parsed JSON body. */
  body: unknown;
  /** The Origin header, null when absent. */
  origin: string | null;
  credential: BatchCredential;
  /** The User-Agent header, null when absent. */
  userAgent: string | null;
  receivedAt: number;
}

/** What happened to a batch's events: all counted, or none kept and why. */
export type IngestOutcome<R extends IngestRefusal = IngestRefusal> =
  | { ok: true; siteId: string; counts: BatchResponse }
  | { ok: false; refusal: R };

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

export type EventsOutcome = IngestOutcome<StoreRefusal>;

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
      if (error instanceof WriterClosedError) return { ok: false, refusal: { reason: "shutting_down" } };
      console.error(`touchpoint: a group commit failed: ${describeFailure(error)}`);
      return { ok: false, refusal: { reason: "store_unavailable" } };
    }
    let accepted = 0;
    let suppressed = 0;
    for (const outcome of outcomes) {
      if (outcome === "new") accepted++;
      else if (outcome === "suppressed") suppressed++;
    }
    return {
      ok: true,
      siteId: site.id,
      counts: { accepted, duplicates: outcomes.length - accepted - suppressed, suppressed, bots, rejected },
    };
  };
}

export type EventIngest = ReturnType<typeof createEventIngest>;

/** Parses the envelope, authenticates the sender, checks the origin, then ingests the events. */
export function createBatchIngest({ store, keyLimit, ...deps }: BatchIngestDeps) {
  const ingestEvents = createEventIngest(deps);
  const refuse = (refusal: IngestRefusal): IngestOutcome => ({ ok: false, refusal });

  async function authenticate(writeKey: string, credential: BatchCredential): Promise<{ site: Site; source: EventSource } | IngestOutcome> {
    switch (credential.kind) {
      case "write_key": {
        const site = await store.findSiteByWriteKey(writeKey);
        return site ? { site, source: "browser" } : refuse({ reason: "unknown_write_key" });
      }
      case "secret_key": {
        const site = await store.findSiteBySecretKey(credential.secretKey);
        return site ? { site, source: "server" } : refuse({ reason: "unknown_secret_key" });
      }
      case "malformed":
        return refuse({ reason: "malformed_authorization" });
    }
  }

  return async function ingestBatch(request: BatchRequest): Promise<IngestOutcome> {
    const envelope = deps.validator.parseEnvelope(request.body);
    if (!envelope.ok) return refuse(envelope.refusal);
    const { writeKey, sentAt, events } = envelope.envelope;

    const auth = await authenticate(writeKey, request.credential);
    if ("ok" in auth) return auth;
    const { site, source } = auth;
    if (!originAllowed(site.origins, request.origin)) return refuse({ reason: "origin_not_allowed", origin: request.origin });
    const wait = keyLimit?.take(site.id, events.length) ?? 0;
    if (wait > 0) return refuse({ reason: "rate_limited", eventsPerSecond: keyLimit!.limit.ratePerSecond, retryAfterSeconds: wait });

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
