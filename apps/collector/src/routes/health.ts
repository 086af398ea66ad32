import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { healthSchema } from "../http/schemas.js";

const route = createRoute({
  method: "get",
  path: "/healthz",
  summary: "Liveness: the store is open",
  responses: { 200: { description: "The collector is up", content: { "application/json": { schema: healthSchema } } } },
});

/** The app only exists around an open store, so answering at all means healthy. */
export function healthRoute(app: OpenAPIHono): void {
  app.openapi(route, (c) => c.json({ ok: true as const }, 200));
}
