/**
 * GET /metrics on the collector's own port, for the admin token only: for setups where a second
 * port (--metrics-port) is awkward, e.g. one load-balanced address per node.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Registry } from "prom-client";
import { requireAdminToken } from "../http/require-admin-token.js";
import type { Store } from "../store/store.js";

export function metricsRoute(app: OpenAPIHono, store: Store, registry: Registry): void {
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics (admin token)",
    security: [{ adminToken: [] }],
    responses: {
      200: { description: "Prometheus text format", content: { "text/plain": { schema: { type: "string" } } } },
      401: { description: "No admin token, or not the current one" },
    },
  });
  app.get("/metrics", requireAdminToken(store), async (c) =>
    c.body(await registry.metrics(), 200, { "content-type": registry.contentType }),
  );
}
