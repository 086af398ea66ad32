import type { IngestRefusal } from "../ingest/ingest-refusal.js";
import { ApiError } from "./api-error.js";

/**
 * The ApiError of an ingest refusal, the same on POST /v1/batch and the Segment paths but for
 * what a batch holds (`events` or Segment's `messages`). 429 and 503 say when to send again.
 */
export function ingestRefusalError(refusal: IngestRefusal, items: "events" | "messages"): ApiError {
  switch (refusal.reason) {
    case "too_many_events":
      return new ApiError(413, "too_many_events", `a batch holds at most ${refusal.limit} ${items}; this one has ${refusal.count}`);
    case "invalid_envelope":
      return new ApiError(400, "invalid_envelope", "the batch envelope is invalid", { issues: refusal.issues });
    case "body_not_object":
      return new ApiError(400, "invalid_body", "the body must be a JSON object");
    case "batch_not_array":
      return new ApiError(400, "invalid_body", "batch must be an array of messages");
    case "missing_write_key":
      return new ApiError(401, "missing_write_key", "send the write key as HTTP Basic auth (`writeKey:`) or as writeKey in the body");
    case "malformed_authorization":
      return new ApiError(401, "invalid_authorization", "Authorization must be `Bearer <secret key>`");
    case "unknown_write_key":
      return new ApiError(401, "unknown_write_key", "no site has this write key");
    case "unknown_secret_key":
      return new ApiError(401, "unknown_secret_key", "no site has this secret key");
    case "origin_not_allowed":
      return new ApiError(403, "origin_not_allowed", `origin ${refusal.origin} is not allowed for this site`);
    case "rate_limited": {
      const message = `this site sends more than its ${refusal.eventsPerSecond} events a second; retry in ${refusal.retryAfterSeconds} s`;
      return new ApiError(429, "rate_limited", message, { headers: { "Retry-After": String(refusal.retryAfterSeconds) } });
    }
    case "shutting_down":
      return new ApiError(503, "shutting_down", "the collector is shutting down", { headers: { "Retry-After": "1" } });
    case "store_unavailable":
      return new ApiError(503, "store_unavailable", "the events could not be stored; nothing from this batch was kept, send it again", {
        headers: { "Retry-After": "1" },
      });
  }
}
