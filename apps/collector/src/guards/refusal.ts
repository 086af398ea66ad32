import type { Context } from "hono";
import type { ErrorBody } from "@touchpoint/protocol";

/**
 * A "not now" answer (429, 503) with Retry-After. It may be sent before the route's own CORS
 * handling runs, so it echoes the Origin itself and exposes Retry-After: a browser SDK can
 * only honour a header it is allowed to read.
 */
export function refuseForNow(c: Context, status: 429 | 503, code: string, message: string, retryAfterSeconds: number): Response {
  const origin = c.req.header("origin");
  const headers: Record<string, string> = { "Retry-After": String(retryAfterSeconds) };
  if (origin !== undefined) {
    headers["Access-Control-Allow-Origin"] = origin;
    headers["Access-Control-Expose-Headers"] = "Retry-After";
    headers.Vary = "Origin";
  }
  return c.json<ErrorBody>({ error: { code, message } }, status, headers);
}
