import type { EnvelopeRefusal } from "@touchpoint/protocol";

/**
 * Why ingest kept nothing of a request. Ingest knows no HTTP: POST /v1/batch and the Segment
 * paths answer each reason with its status and body (http/ingest-refusal-answer.ts).
 */
export type IngestRefusal =
  | EnvelopeRefusal
  /** A Segment body that is not a JSON object. */
  | { reason: "body_not_object" }
  /** A Segment batch path whose body has no `batch` array. */
  | { reason: "batch_not_array" }
  /** A Segment request with no write key, neither in Basic auth nor in the body. */
  | { reason: "missing_write_key" }
  /** An Authorization header on POST /v1/batch that is not `Bearer <secret key>`. */
  | { reason: "malformed_authorization" }
  | { reason: "unknown_write_key" }
  | { reason: "unknown_secret_key" }
  | { reason: "origin_not_allowed"; origin: string | null }
  /** The site's events-per-second limit (ops.perKeyLimit) is spent. */
  | { reason: "rate_limited"; eventsPerSecond: number; retryAfterSeconds: number }
  /** The group-commit writer is closed: the process is stopping. */
  | { reason: "shutting_down" }
  /** The group commit failed: nothing of the batch was stored. */
  | { reason: "store_unavailable" };

/** The refusals of the events' own path, after the sender is known: only the store can refuse then. */
export type StoreRefusal = Extract<IngestRefusal, { reason: "shutting_down" | "store_unavailable" }>;
