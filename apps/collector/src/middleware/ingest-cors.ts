import type { MiddlewareHandler } from "hono";

const ALLOWED_METHODS = "POST, OPTIONS";
const ALLOWED_HEADERS = "Content-Type, Authorization";

/**
 * CORS for the ingest endpoint. Which origins a site allows depends on its write key, which
 * travels in the body, so a preflight (no body) cannot know the site: preflights are answered
 * for every origin, and the POST itself is refused with 403 when its origin is not allowed.
 * Every answer echoes the Origin so the SDK can read even a refusal and stop retrying.
 */
export function ingestCors(): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS") {
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin ?? "*",
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "86400",
        Vary: "Origin",
      });
    }
    if (origin !== undefined) {
      c.header("Access-Control-Allow-Origin", origin);
      // The SDK honours Retry-After (429, 503): cross-origin it can read only exposed headers.
      c.header("Access-Control-Expose-Headers", "Retry-After");
      c.header("Vary", "Origin");
    }
    await next();
  };
}
