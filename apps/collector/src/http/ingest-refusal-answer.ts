import type { ErrorBody } from "@touchpoint/protocol";
import type { Context } from "hono";
import type { IngestRefusal } from "../ingest/ingest-refusal.js";

/**
 * The HTTP answer to an ingest refusal, the same on POST /v1/batch and the Segment paths but for
 * what a batch holds (`events` or Segment's `messages`). 429 and 503 say when to send again.
 */
export function ingestRefusalAnswer(c: Context, refusal: IngestRefusal, items: "events" | "messages"): Response {
  const answer = (status: 400 | 401 | 403 | 413 | 429 | 503, code: string, message: string) =>
    c.json<ErrorBody>({ error: { code, message } }, status);
  switch (refusal.reason) {
    case "too_many_events":
      return answer(413, "too_many_events", `a batch holds at most ${refusal.limit} ${items}; this one has ${refusal.count}`);
    case "invalid_envelope":
      return c.json<ErrorBody>(
        { error: { code: "invalid_envelope", message: "the batch envelope is invalid", issues: refusal.issues } },
        400,
      );
    case "body_not_object":
      return answer(400, "invalid_body", "the body must be a JSON object");
    case "batch_not_array":
      return answer(400, "invalid_body", "batch must be an array of messages");
    case "missing_write_key":
      return answer(401, "missing_write_key", "send the write key as HTTP Basic auth (`writeKey:`) or as writeKey in the body");
    case "malformed_authorization":
      return answer(401, "invalid_authorization", "Authorization must be `Bearer <secret key>`");
    case "unknown_write_key":
      return answer(401, "unknown_write_key", "no site has this write key");
    case "unknown_secret_key":
      return answer(401, "unknown_secret_key", "no site has this secret key");
    case "origin_not_allowed":
      return answer(403, "origin_not_allowed", `origin ${refusal.origin} is not allowed for this site`);
    case "rate_limited": {
      c.header("Retry-After", String(refusal.retryAfterSeconds));
      const message = `this site sends more than its ${refusal.eventsPerSecond} events a second; retry in ${refusal.retryAfterSeconds} s`;
      return answer(429, "rate_limited", message);
    }
    case "shutting_down":
      c.header("Retry-After", "1");
      return answer(503, "shutting_down", "the collector is shutting down");
    case "store_unavailable":
      c.header("Retry-After", "1");
      return answer(503, "store_unavailable", "the events could not be stored; nothing from this batch was kept, send it again");
  }
}
