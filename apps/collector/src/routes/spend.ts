import type { OpenAPIHono } from "@hono/zod-openapi";
import { isoTime } from "@touchpoint/journeys";
import { ApiError } from "../http/api-error.js";
import { errorResponse, KEY_RESPONSES, SECRET_KEY } from "../http/query-responses.js";
import type { BodyTiming } from "../http/read-body.js";
import { readBodyAs } from "../http/read-json-body.js";
import { spendBodySchema, storedSpendSchema } from "../http/report-schemas.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import type { SiteKeyLookup, SpendLedger } from "../store/store.js";

/** A spend row is a few hundred bytes. */
const MAX_SPEND_BYTES = 16_384;

/**
 * POST /v1/spend (secret key). Documented through the registry and parsed here rather than by
 * the OpenAPI layer, so a malformed or oversized body gets the same JSON errors as everywhere.
 */
export function spendRoute(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & SpendLedger, bodyTiming: BodyTiming): void {
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/v1/spend",
    summary: "Record money spent on a channel or campaign",
    description:
      "Attribution then gives each key of that groupBy its cost pro-rated into the query's period, roas (value / cost) and cac (cost per attributed first conversion). " +
      "All rows of one key must share a currency. Secret key only.",
    security: SECRET_KEY,
    request: { body: { required: true, content: { "application/json": { schema: spendBodySchema } } } },
    responses: {
      201: { description: "The stored row", content: { "application/json": { schema: storedSpendSchema } } },
      400: errorResponse("Unparsable JSON, or a field out of its domain; `issues[].path` names it"),
      ...KEY_RESPONSES,
      408: errorResponse(
        "The body did not arrive within the body timeout, or arrived slower than the minimum rate; the connection is closed",
      ),
      409: errorResponse("The key's earlier rows use another currency"),
      413: errorResponse("Body over 16 KB"),
    },
  });

  app.post("/v1/spend", requireKey(store, ["secret"]), async (c) => {
    const spend = await readBodyAs(c, spendBodySchema, MAX_SPEND_BYTES, bodyTiming);
    const result = await store.addSpend(c.get("site").id, spend);
    if ("currencyConflict" in result) {
      const message = `spend on ${spend.groupBy} ${JSON.stringify(spend.key)} is recorded in ${result.currencyConflict}`;
      throw new ApiError(409, "currency_conflict", message, { issues: [{ path: "currency", message }] });
    }
    return c.json({ ...result.stored, createdAt: isoTime(result.stored.createdAt) }, 201);
  });
}
