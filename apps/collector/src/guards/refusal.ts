import type { Context } from "hono";
import { ApiError, type ApiErrorCode } from "../http/api-error.js";

/**
 * A "not now" refusal (429, 503) with Retry-After, to throw. It may be answered before the
 * route's own CORS handling runs, so it echoes the Origin itself and exposes Retry-After: a
 * browser SDK can only honour a header it is allowed to read.
 */
export function refusedForNow(c: Context, status: 429 | 503, code: ApiErrorCode, message: string, retryAfterSeconds: number): ApiError {
  const origin = c.req.header("origin");
  const headers: Record<string, string> = { "Retry-After": String(retryAfterSeconds) };
  if (origin !== undefined) {
    headers["Access-Control-Allow-Origin"] = origin;
    headers["Access-Control-Expose-Headers"] = "Retry-After";
    headers.Vary = "Origin";
  }
  return new ApiError(status, code, message, { headers });
}
