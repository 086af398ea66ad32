import type { MiddlewareHandler } from "hono";
import { ApiError } from "../http/api-error.js";

// `%00` in any case: the only way a NUL can reach a path segment or a query parameter (node's
// HTTP parser refuses a raw NUL byte in the request line).
const ENCODED_NUL = /%00/i;

/**
 * Refuses a URL with an encoded NUL character before any key lookup or query: no id, key or
 * trait holds one (the protocol refuses control characters in ids), and PostgreSQL text cannot
 * hold one at all, so without this the same request would be a 404 on SQLite and a failed query
 * on PostgreSQL.
 */
export function refuseNul(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const query = url.indexOf("?");
    if (ENCODED_NUL.test(url)) {
      const where = query >= 0 && ENCODED_NUL.test(url.slice(query)) ? "query" : "path";
      const message = `the ${where} holds a NUL character (%00), which no id, key or parameter may contain`;
      throw new ApiError(400, "invalid_parameter", message, { issues: [{ path: where, message: "must not contain NUL (%00)" }] });
    }
    await next();
  };
}
