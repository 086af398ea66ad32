import type { ErrorHandler, NotFoundHandler } from "hono";
import type { ErrorBody } from "@touchpoint/protocol";
import { refuseForNow } from "../guards/refusal.js";
import { describeFailure, isStoreUnavailable } from "../store/store-unavailable.js";

export const notFoundAsJson: NotFoundHandler = (c) =>
  c.json<ErrorBody>({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404);

/** The innermost error's stack: where it really failed, without a wrapped query's parameters. */
function rootStack(error: unknown): string | undefined {
  let root = error;
  while (root instanceof Error && root.cause !== undefined) root = root.cause;
  return root instanceof Error && !("params" in root) ? root.stack : undefined;
}

/**
 * Unexpected failures. A store that cannot be reached (PostgreSQL down or hung past its
 * timeouts, a SQLite file removed, a full disk) is answered 503 with Retry-After, so clients
 * send again; anything else is a bug: 500. Neither answer nor log holds a query's parameters.
 */
export const internalErrorAsJson: ErrorHandler = (error, c) => {
  if (isStoreUnavailable(error)) {
    console.error(`touchpoint: ${c.req.method} ${c.req.path}: the store is unavailable: ${describeFailure(error)}`);
    return refuseForNow(c, 503, "store_unavailable", "the database cannot be reached right now; send again after Retry-After", 1);
  }
  const stack = rootStack(error);
  console.error(`touchpoint: ${c.req.method} ${c.req.path} failed: ${describeFailure(error)}${stack === undefined ? "" : `\n${stack}`}`);
  return c.json<ErrorBody>({ error: { code: "internal_error", message: "the collector failed to answer this request" } }, 500);
};
