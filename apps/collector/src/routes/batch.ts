import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ProtocolLimits } from "@touchpoint/protocol";
import type { BodyTiming } from "../http/read-body.js";
import { readJsonValue } from "../http/read-json-body.js";
import { batchRequestSchema, batchResponseSchema, errorBodySchema } from "../http/schemas.js";
import { ApiError } from "../http/api-error.js";
import { ingestRefusalError } from "../http/ingest-refusal-answer.js";
import { bearerToken } from "../http/require-key.js";
import type { BatchCredential, BatchIngest } from "../ingest/ingest-batch.js";
import { ingestCors } from "../middleware/ingest-cors.js";
import { isSegmentBatch } from "../segment/segment-ingest.js";
import type { SegmentAnswer } from "./segment.js";

const errorContent = { "application/json": { schema: errorBodySchema } };

/**
 * POST /v1/batch. Documented through the registry rather than validated by the OpenAPI layer:
 * the body needs a hard byte limit, text/plain (sendBeacon) and per-event partial acceptance.
 */
export function batchRoute(
  app: OpenAPIHono,
  ingestBatch: BatchIngest,
  limits: ProtocolLimits,
  bodyTiming: BodyTiming,
  segment?: SegmentAnswer,
): void {
  const request = batchRequestSchema(limits);
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/v1/batch",
    summary: "Ingest a batch of events",
    description:
      "JSON body, sent as application/json or text/plain (navigator.sendBeacon). Valid events are stored, invalid ones reported by index; " +
      "an id stored before counts as a duplicate. A 200 means the stored events are committed to disk. " +
      "Server-side sources send `Authorization: Bearer <secret key>`: their events need only a customerId and keep their timestamps. " +
      "A body with a `batch` array instead of `events` is a Segment batch, answered as on /v1/b.",
    request: { body: { required: true, content: { "application/json": { schema: request }, "text/plain": { schema: request } } } },
    responses: {
      200: { description: "What happened to each event", content: { "application/json": { schema: batchResponseSchema } } },
      400: { description: "Unparsable body or invalid envelope", content: errorContent },
      408: {
        description: "The body did not arrive within the body timeout, or arrived slower than the minimum rate; the connection is closed",
        content: errorContent,
      },
      401: { description: "Unknown write key or secret key", content: errorContent },
      403: { description: "Origin not allowed for this site", content: errorContent },
      413: { description: "Body or batch over the limits", content: errorContent },
      415: { description: "Content-Type other than application/json or text/plain", content: errorContent },
      429: {
        description: "Rate limit of the site's key or of the client address; Retry-After says when to send again",
        content: errorContent,
      },
      503: {
        description: "Not stored (storage failure, shutdown or too many requests at once); send again after Retry-After",
        content: errorContent,
      },
    },
  });

  app.use("/v1/batch", ingestCors());
  app.post("/v1/batch", async (c) => {
    const receivedAt = Date.now();
    if (!acceptedMediaType(c.req.header("content-type"))) {
      const message = "the body must be sent as application/json or text/plain (navigator.sendBeacon)";
      throw new ApiError(415, "unsupported_media_type", message);
    }
    const body = await readJsonValue(c, limits.maxBatchBytes, bodyTiming);
    if (segment && isSegmentBatch(body)) return segment(c, body, receivedAt);
    const outcome = await ingestBatch({
      body,
      origin: c.req.header("origin") ?? null,
      credential: credentialOf(c.req.header("authorization")),
      userAgent: c.req.header("user-agent") ?? null,
      receivedAt,
    });
    if (!outcome.ok) throw ingestRefusalError(outcome.refusal, "events");
    const { accepted, duplicates, bots, rejected, suppressed } = outcome.counts;
    c.set("batchCounts", { siteId: outcome.siteId, accepted, duplicates, bots, rejected: rejected.length, suppressed });
    return c.json(outcome.counts, 200);
  });
}

/** Browsers send no Authorization (the write key is in the body); server-side sources `Bearer <secret key>`. */
function credentialOf(authorization: string | undefined): BatchCredential {
  if (authorization === undefined) return { kind: "write_key" };
  const secretKey = bearerToken(authorization);
  return secretKey === undefined ? { kind: "malformed" } : { kind: "secret_key", secretKey };
}

/** JSON arrives as application/json, or as text/plain from sendBeacon; a missing type is read as JSON. */
function acceptedMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.split(";", 1)[0]!.trim().toLowerCase();
  return type === "application/json" || type === "text/plain" || type === "";
}
