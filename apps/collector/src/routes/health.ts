import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "../http/api-error.js";
import { errorBodySchema, healthSchema } from "../http/schemas.js";
import type { Store } from "../store/store.js";

const liveness = createRoute({
  method: "get",
  path: "/healthz",
  summary: "Liveness: the process answers",
  description: "200 while the collector runs, whatever its database does: restart the process only when this fails.",
  responses: { 200: { description: "The collector is up", content: { "application/json": { schema: healthSchema } } } },
});

const readiness = createRoute({
  method: "get",
  path: "/readyz",
  summary: "Readiness: the store can take writes",
  description:
    "503 while the database cannot be reached (PostgreSQL: `select 1` does not answer within 2 s; SQLite: its files were removed or replaced, or are not writable): " +
    "take the collector out of a load balancer's rotation while this fails. Answers within about 2 s.",
  responses: {
    200: {
      description: "The store answers",
      content: { "application/json": { schema: z.object({ ready: z.literal(true) }).openapi("Ready") } },
    },
    503: { description: "The store cannot be reached; `message` says why", content: { "application/json": { schema: errorBodySchema } } },
  },
});

/** The app only exists around an open store, so answering at all means alive; readiness asks the store. */
export function healthRoute(app: OpenAPIHono, store: Pick<Store, "checkReadiness">): void {
  app.openapi(liveness, (c) => c.json({ ok: true as const }, 200));
  app.openapi(readiness, async (c) => {
    const readiness = await store.checkReadiness();
    if (readiness.ready) return c.json({ ready: true as const }, 200);
    throw new ApiError(503, "store_unavailable", readiness.reason, { headers: { "Retry-After": "1", "Cache-Control": "no-store" } });
  });
}
