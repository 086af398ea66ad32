import type { MiddlewareHandler } from "hono";

/**
 * Headers for answers that are data, not pages (JSON, the OpenAPI description): nothing in them
 * may run, be framed, be sniffed into another type or leak the URL onwards. Routes that serve
 * pages or scripts set their own policy over these.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
});

/** Sets API_SECURITY_HEADERS before the route runs, so a route (or an error answer) can replace them. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    for (const name in API_SECURITY_HEADERS) c.header(name, API_SECURITY_HEADERS[name]);
    await next();
  };
}
