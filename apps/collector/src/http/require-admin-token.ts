/** Admits `Authorization: Bearer <admin token>` (touchpoint admin-token) only; else 401. */
import type { MiddlewareHandler } from "hono";
import type { ErrorBody } from "@touchpoint/protocol";
import type { Store } from "../store/store.js";
import { bearerToken } from "./require-key.js";

export function requireAdminToken(store: Store): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === undefined)
      return c.json<ErrorBody>(
        { error: { code: "missing_key", message: "send the admin token as `Authorization: Bearer <token>` (touchpoint admin-token)" } },
        401,
      );
    if (!(await store.isAdminToken(token)))
      return c.json<ErrorBody>({ error: { code: "unknown_admin_token", message: "this is not the current admin token" } }, 401);
    return next();
  };
}
