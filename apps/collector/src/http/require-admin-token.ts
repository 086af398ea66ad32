/** Admits `Authorization: Bearer <admin token>` (touchpoint admin-token) only; else 401. */
import type { MiddlewareHandler } from "hono";
import type { Store } from "../store/store.js";
import { ApiError } from "./api-error.js";
import { bearerToken } from "./require-key.js";

export function requireAdminToken(store: Store): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === undefined)
      throw new ApiError(401, "missing_key", "send the admin token as `Authorization: Bearer <token>` (touchpoint admin-token)");
    if (!(await store.isAdminToken(token))) throw new ApiError(401, "unknown_admin_token", "this is not the current admin token");
    return next();
  };
}
