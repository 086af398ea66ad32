import type { ErrorHandler, NotFoundHandler } from "hono";
import type { ErrorBody } from "@touchpoint/protocol";

export const notFoundAsJson: NotFoundHandler = (c) =>
  c.json<ErrorBody>({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404);

/** Unexpected failures: logged with their stack, answered without it. */
export const internalErrorAsJson: ErrorHandler = (error, c) => {
  console.error(`touchpoint: ${c.req.method} ${c.req.path} failed:`, error);
  return c.json<ErrorBody>({ error: { code: "internal_error", message: "the collector failed to answer this request" } }, 500);
};
