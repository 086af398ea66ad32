/**
 * The one way a handler or middleware refuses a request: it throws an ApiError, and the app's
 * error handler (middleware/json-errors.ts) answers `{ error: { code, message, issues? } }` with
 * its status and headers. HTTP stays here at the edge; no handler builds an error body itself.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody, FieldError } from "@touchpoint/protocol";

/** Every code an error answer of the collector carries. */
export type ApiErrorCode =
  // The request itself: parameters, bodies, their size and pace.
  | "invalid_parameter"
  | "invalid_body"
  | "invalid_json"
  | "invalid_envelope"
  | "body_too_large"
  | "body_timeout"
  | "body_too_slow"
  | "too_many_events"
  | "unsupported_media_type"
  | "bad_request"
  | "headers_too_large"
  | "request_timeout"
  // Keys and tokens.
  | "missing_key"
  | "unknown_key"
  | "wrong_key"
  | "unknown_admin_token"
  | "missing_site"
  | "missing_write_key"
  | "unknown_write_key"
  | "unknown_secret_key"
  | "invalid_authorization"
  | "origin_not_allowed"
  // What was asked for is not there.
  | "not_found"
  | "unknown_customer"
  | "unknown_visitor"
  | "unknown_site"
  | "unknown_rule"
  | "sdk_not_built"
  | "dashboard_not_built"
  | "currency_conflict"
  // Not now: send again after Retry-After.
  | "rate_limited"
  | "too_many_at_once"
  | "overloaded"
  | "shutting_down"
  | "store_unavailable"
  | "internal_error";

export interface ApiErrorDetails {
  /** Each field refused, when the refusal is about fields. */
  issues?: FieldError[];
  /** Headers of the answer (Retry-After, Connection: close, CORS for answers sent before the route's own). */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly issues: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    { issues, headers }: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.issues = issues;
    this.headers = headers;
  }

  get body(): ErrorBody {
    const { code, message, issues } = this;
    return { error: issues === undefined ? { code, message } : { code, message, issues } };
  }
}

/** The answer to an ApiError: its body, status and headers. */
export function answerApiError(c: Context, error: ApiError): Response {
  return c.json<ErrorBody>(error.body, error.status, error.headers);
}
