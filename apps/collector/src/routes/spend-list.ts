import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { isoTime } from "@touchpoint/journeys";
import { KEY_RESPONSES, SECRET_KEY } from "../http/query-responses.js";
import { storedSpendSchema } from "../http/report-schemas.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import type { SiteKeyLookup, SpendLedger } from "../store/store.js";

/** GET /v1/spend (secret key, as recording it): the rows `touchpoint spend list` prints. */
export function spendListRoute(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & Pick<SpendLedger, "listSpend">): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/spend",
      summary: "The spend rows recorded for the site, oldest first",
      security: SECRET_KEY,
      middleware: requireKey(store, ["secret"]),
      responses: {
        200: { description: "Every row", content: { "application/json": { schema: z.object({ spend: z.array(storedSpendSchema) }) } } },
        ...KEY_RESPONSES,
      },
    }),
    async (c) => {
      const rows = await store.listSpend(c.get("site").id);
      return c.json({ spend: rows.map((row) => ({ ...row, createdAt: isoTime(row.createdAt) })) }, 200);
    },
  );
}
