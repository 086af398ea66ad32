/**
 * Segment's tracking API in front of Touchpoint's ingest: authenticates the write key as
 * Segment's libraries send it, maps every message (segment-message.ts) and hands the events to
 * the same ingest path POST /v1/batch takes, so they are validated, deduplicated and stored alike.
 */
import type { BatchResponse, ErrorBody, EventSource, RejectedEvent } from "@touchpoint/protocol";
import type { TokenBuckets } from "../guards/token-buckets.js";
import { browserTimeBounds } from "../ingest/browser-time-bounds.js";
import type { EventIngest } from "../ingest/ingest-batch.js";
import { originAllowed } from "../sites/origins.js";
import type { Site, Store } from "../store/store.js";
import { segmentToEvent, type SegmentType } from "./segment-message.js";

export interface SegmentRequest {
  /** The parsed JSON body: one message, or `{ batch: [...] }` when `pathType` is absent. */
  body: unknown;
  /** The message type of a single-message path; absent on the batch paths. */
  pathType?: SegmentType;
  authorization: string | null;
  origin: string | null;
  userAgent: string | null;
  receivedAt: number;
}

export type SegmentOutcome =
  | { status: 200; body: { success: true }; siteId: string; counts: BatchResponse }
  | { status: 400 | 401 | 403 | 413 | 503; body: ErrorBody }
  | { status: 429; body: ErrorBody; retryAfterSeconds: number };

type Json = Record<string, unknown>;

/** A Segment batch, told apart from Touchpoint's envelope (`events`) by its `batch` array. */
export function isSegmentBatch(body: unknown): body is { batch: unknown[] } {
  return typeof body === "object" && body !== null && Array.isArray((body as Json).batch) && !("events" in body);
}

/** The user name of `Authorization: Basic base64(user:password)`, as Segment's libraries send the write key. */
export function basicAuthUser(header: string | null): string | undefined {
  const encoded = header === null ? undefined : /^Basic +([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  return user === "" ? undefined : user;
}

const fail = <S extends 400 | 401 | 403 | 413 | 503>(status: S, code: string, message: string) => ({
  status,
  body: { error: { code, message } },
});

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

  return async function ingestSegment(request: SegmentRequest): Promise<SegmentOutcome> {
    const body = request.body;
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return fail(400, "invalid_body", "the body must be a JSON object");
    const messages: unknown[] = request.pathType === undefined ? (((body as Json).batch as unknown[] | undefined) ?? []) : [body];
    if (request.pathType === undefined && !isSegmentBatch(body)) return fail(400, "invalid_body", "batch must be an array of messages");
    if (messages.length > maxEventsPerBatch) {
      return fail(413, "too_many_events", `a batch holds at most ${maxEventsPerBatch} messages; this one has ${messages.length}`);
    }
    const bodyKey = (body as Json).writeKey;
    const key = basicAuthUser(request.authorization) ?? (typeof bodyKey === "string" && bodyKey !== "" ? bodyKey : undefined);
    if (key === undefined)
      return fail(401, "missing_write_key", "send the write key as HTTP Basic auth (`writeKey:`) or as writeKey in the body");
    const sender = await findSender(key);
    if (sender === null) return fail(401, "unknown_write_key", "no site has this write key");
    const { site, source } = sender;
    if (source === "browser" && !originAllowed(site.origins, request.origin)) {
      return fail(403, "origin_not_allowed", `origin ${request.origin} is not allowed for this site`);
    }
    const wait = keyLimit?.take(site.id, messages.length) ?? 0;
    if (wait > 0) {
      const message = `this site sends more than its ${keyLimit!.limit.ratePerSecond} events a second; retry in ${wait} s`;
      return { status: 429, body: { error: { code: "rate_limited", message } }, retryAfterSeconds: wait };
    }

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
    if (outcome.status !== 200) return outcome;
    for (const refusal of outcome.body.rejected) rejected.push({ ...refusal, index: positions[refusal.index]! });
    rejected.sort((a, b) => a.index - b.index);
    return { status: 200, body: { success: true }, siteId: site.id, counts: { ...outcome.body, rejected } };
  };
}

export type SegmentIngest = ReturnType<typeof createSegmentIngest>;
