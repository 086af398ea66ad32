import type { ErrorHandler, NotFoundHandler } from "hono";
import { refusedForNow } from "../guards/refusal.js";
import { ApiError, answerApiError } from "../http/api-error.js";
import { describeFailure, isStoreUnavailable } from "../store/store-unavailable.js";

export const notFoundAsJson: NotFoundHandler = (c) =>
  answerApiError(c, new ApiError(404, "not_found", `no route for ${c.req.method} ${c.req.path}`));

/** The innermost error's stack: where it really failed, without a wrapped query's parameters. */
function rootStack(error: unknown): string | undefined {
  let root = error;
  while (root instanceof Error && root.cause !== undefined) root = root.cause;
  return root instanceof Error && !("params" in root) ? root.stack : undefined;
}

/**
 * The app's one error handler. An ApiError is a refusal a handler or middleware threw: its
 * answer, unlogged. Anything else is unexpected: a store that cannot be reached (PostgreSQL down
 * or hung past its timeouts, a SQLite file removed, a full disk) is answered 503 with
 * Retry-After, so clients send again; anything else is a bug: 500. Neither answer nor log holds
 * a query's parameters.
 */
export const internalErrorAsJson: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) return answerApiError(c, error);
  if (isStoreUnavailable(error)) {
    console.error(`touchpoint: ${c.req.method} ${c.req.path}: the store is unavailable: ${describeFailure(error)}`);
    return answerApiError(
      c,
      refusedForNow(c, 503, "store_unavailable", "the database cannot be reached right now; send again after Retry-After", 1),
    );
  }
  const stack = rootStack(error);
  console.error(`touchpoint: ${c.req.method} ${c.req.path} failed: ${describeFailure(error)}${stack === undefined ? "" : `\n${stack}`}`);
  return answerApiError(c, new ApiError(500, "internal_error", "the collector failed to answer this request"));
};
