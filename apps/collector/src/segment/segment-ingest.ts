/**
 * Segment's tracking API in front of Touchpoint's ingest: authenticates the write key as
 * Segment's libraries send it, maps every message (segment-message.ts) and hands the events to
 * the same ingest path POST /v1/batch takes, so they are validated, deduplicated and stored alike.
 */
import type { EventSource, RejectedEvent } from "@touchpoint/protocol";
import type { TokenBuckets } from "../guards/token-buckets.js";
import { browserTimeBounds } from "../ingest/browser-time-bounds.js";
import type { EventIngest, IngestOutcome } from "../ingest/ingest-batch.js";
import type { IngestRefusal } from "../ingest/ingest-refusal.js";
import { originAllowed } from "../sites/origins.js";
import type { Site, Store } from "../store/store.js";
import { segmentToEvent, type SegmentType } from "./segment-message.js";

export interface SegmentRequest {
  /** The parsed JSON body: one message, or `{ batch: [...] }` when `pathType` is absent. */
  body: unknown;
  /** The message type of a single-message path; absent on the batch paths. */
  pathType?: SegmentType;
  /** The key sent as the user name of HTTP Basic auth, as the route read it; absent: the body's writeKey. */
  headerKey: string | undefined;
  origin: string | null;
  userAgent: string | null;
  receivedAt: number;
}

type Json = Record<string, unknown>;

/** A Segment batch, told apart from Touchpoint's envelope (`events`) by its `batch` array. */
export function isSegmentBatch(body: unknown): body is { batch: unknown[] } {
  return typeof body === "object" && body !== null && Array.isArray((body as Json).batch) && !("events" in body);
}

export interface SegmentIngestDeps {
  store: Store;
  ingestEvents: EventIngest;
  maxEventsPerBatch: number;
  keyLimit?: TokenBuckets | null;
}

export function createSegmentIngest({ store, ingestEvents, maxEventsPerBatch, keyLimit }: SegmentIngestDeps) {
  /**
   * The public write key makes a browser sender, held to the write key's rules; the site's
   * secret key, given where a server library takes its write key, makes a server sender whose
   * events may carry only a userId and keep their timestamps.
   */
  async function findSender(key: string): Promise<{ site: Site; source: EventSource } | null> {
    const site = await store.findSiteByWriteKey(key);
    if (site) return { site, source: "browser" };
    const secretSite = await store.findSiteBySecretKey(key);
    return secretSite ? { site: secretSite, source: "server" } : null;
  }

  return async function ingestSegment(request: SegmentRequest): Promise<IngestOutcome> {
    const refuse = (refusal: IngestRefusal): IngestOutcome => ({ ok: false, refusal });
    const body = request.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) return refuse({ reason: "body_not_object" });
    const messages: unknown[] = request.pathType === undefined ? (((body as Json).batch as unknown[] | undefined) ?? []) : [body];
    if (request.pathType === undefined && !isSegmentBatch(body)) return refuse({ reason: "batch_not_array" });
    if (messages.length > maxEventsPerBatch) return refuse({ reason: "too_many_events", limit: maxEventsPerBatch, count: messages.length });
    const bodyKey = (body as Json).writeKey;
    const key = request.headerKey ?? (typeof bodyKey === "string" && bodyKey !== "" ? bodyKey : undefined);
    if (key === undefined) return refuse({ reason: "missing_write_key" });
    const sender = await findSender(key);
    if (sender === null) return refuse({ reason: "unknown_write_key" });
    const { site, source } = sender;
    if (source === "browser" && !originAllowed(site.origins, request.origin)) {
      return refuse({ reason: "origin_not_allowed", origin: request.origin });
    }
    const wait = keyLimit?.take(site.id, messages.length) ?? 0;
    if (wait > 0) return refuse({ reason: "rate_limited", eventsPerSecond: keyLimit!.limit.ratePerSecond, retryAfterSeconds: wait });

    const correctSkew = source === "browser";
    const events: Json[] = [];
    // Index in the request of each mapped event, so rejections name the message the sender sent.
    const positions: number[] = [];
    const rejected: RejectedEvent[] = [];
    const batchSentAt = (body as Json).sentAt;
    messages.forEach((message, index) => {
      const mapped = segmentToEvent(message, { receivedAt: request.receivedAt, batchSentAt, correctSkew, pathType: request.pathType });
      if (mapped.ok) {
        events.push(mapped.event);
        positions.push(index);
      } else {
        rejected.push({ index, id: mapped.id, errors: mapped.errors });
      }
    });
    const outcome = await ingestEvents({
      site,
      source,
      events,
      skewMs: 0,
      timeBounds: correctSkew ? browserTimeBounds(request.receivedAt) : null,
      userAgent: source === "browser" ? request.userAgent : null,
      receivedAt: request.receivedAt,
    });
    if (!outcome.ok) return outcome;
    for (const refusal of outcome.counts.rejected) rejected.push({ ...refusal, index: positions[refusal.index]! });
    rejected.sort((a, b) => a.index - b.index);
    return { ok: true, siteId: site.id, counts: { ...outcome.counts, rejected } };
  };
}

export type SegmentIngest = ReturnType<typeof createSegmentIngest>;
