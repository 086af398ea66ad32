import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { KEY_RESPONSES, READ_KEY, SECRET_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { siteSummary } from "../queries/site-summary.js";
import { STAGE_MODEL_CHOICES } from "../queries/stage-model-view.js";
import type { SiteKeyLookup, SpendLedger } from "../store/store.js";

const siteSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
    currency: z
      .string()
      .nullable()
      .openapi({ description: "The ISO 4217 currency of the site's spend rows when they all share one (money is shown in it), else null" }),
    stageModels: z
      .array(
        z.object({
          name: z.enum(STAGE_MODEL_CHOICES).openapi({ description: "What the reports' `stageModel` parameter takes" }),
          stages: z.array(z.string()),
          conversions: z.array(z.string()),
        }),
      )
      .openapi({
        description:
          "The stage models the reports can be read through: the site's own (`site`) first, then each shipped one that differs from it",
      }),
  })
  .openapi("SiteOfKey");

/** GET /v1/site (read or secret key): which site a key opens, so the dashboard can say what it shows. */
export function siteRoute(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & Pick<SpendLedger, "listSpend">): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/site",
      summary: "The site of the key: id, name, the currency its money is recorded in and its stage models",
      security: [...READ_KEY, ...SECRET_KEY],
      middleware: requireKey(store, ["read", "secret"]),
      responses: { 200: { description: "The site", content: { "application/json": { schema: siteSchema } } }, ...KEY_RESPONSES },
    }),
    async (c) => {
      return c.json(await siteSummary(store, c.get("site")), 200);
    },
  );
}
