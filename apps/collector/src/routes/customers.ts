import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "../http/api-error.js";
import { customerExportSchema, customersPageSchema, erasureSchema } from "../http/journey-schemas.js";
import { answerOrInvalid } from "../http/invalid-parameter.js";
import { csvAnswer, csvFormatParam, jsonOrCsv, wantsCsv } from "../http/csv-answer.js";
import { customersCsv } from "../http/report-csv.js";
import { enumParam, integerParam, nonNegativeNumberParam, queryParams, textParam } from "../http/query-params.js";
import { SEGMENT_PARAMS, segmentOf } from "../http/segment-params.js";
import { errorResponse, INVALID_PARAMETER, KEY_RESPONSES, READ_KEY, SECRET_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { customerExport } from "../queries/customer-export.js";
import { customersPage } from "../queries/customers-page.js";
import type { CustomerRecordStore, JourneyReader, SiteKeyLookup } from "../store/store.js";
import { stageModelView } from "../queries/stage-model-view.js";

const customerIdParams = z.object({ customerId: textParam("The customer id the site sends with identify") });

/** GET /v1/customers (read key), GET /v1/customers/{customerId}/export (read or secret key), DELETE /v1/customers/{customerId} (secret key). */
export function customerRoutes(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & JourneyReader & CustomerRecordStore): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/customers",
      summary: "Who is where, and who is stuck",
      description:
        "Known customers in customer-id order, or with `identified=false` anonymous visitors nobody identified yet in anonymous-id order, " +
        "with their current stage as of now (stages resolved with the site's model at query time; a stage entry dated in the future is ignored, as in the funnel), " +
        "filtered by stage, by time stalled in it (the funnel's definition: the funnel's `stalled` counts both lists) and by traits: " +
        "add `trait.KEY=VALUE` for each trait to match (compared as text; repeat for several keys), and `channel` or `campaign` as every report takes them.",
      security: READ_KEY,
      middleware: requireKey(store, ["read"]),
      request: {
        query: queryParams(
          {
            identified: enumParam(["true", "false"], "true (default): known customers; false: anonymous visitors").optional(),
            stage: textParam("Only customers whose current stage is this one").optional(),
            stalledDays: nonNegativeNumberParam("Only customers in their current stage for more than this many days").optional(),
            limit: integerParam("Customers per page (default 50)", 1, 1000).optional(),
            cursor: textParam("nextCursor of the previous page").optional(),
            format: csvFormatParam(),
            ...SEGMENT_PARAMS,
          },
          { traits: true },
        ),
      },
      responses: {
        200: {
          ...jsonOrCsv(
            customersPageSchema,
            "One page of customers",
            "customer_id, anonymous_id, current_stage, stage_entered_at, last_seen, traits (JSON); the next page's cursor in the Next-Cursor header",
          ),
          headers: z.object({
            "Next-Cursor": z.string().optional().openapi({ description: "CSV only: nextCursor, absent on the last page." }),
          }),
        },
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return answerOrInvalid(async () => {
        const view = stageModelView(store, c.get("site"), query.stageModel);
        const page = await customersPage(view.store, view.site, {
          identified: query.identified !== "false",
          stage: query.stage,
          stalledDays: query.stalledDays,
          segment: segmentOf(query),
          limit: query.limit ?? 50,
          cursor: query.cursor,
          now: Date.now(),
        });
        if (wantsCsv(c, query.format)) {
          if (page.nextCursor !== null) c.header("Next-Cursor", page.nextCursor);
          return csvAnswer(c, customersCsv(page.customers), "customers.csv");
        }
        return c.json(page, 200);
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/customers/{customerId}/export",
      summary: "Everything stored about a customer",
      description:
        "Every event (the anonymous events of linked devices included, with user agent and receipt time), every identity link and the merged traits. Read key or secret key.",
      security: [...READ_KEY, ...SECRET_KEY],
      middleware: requireKey(store, ["read", "secret"]),
      request: { params: customerIdParams },
      responses: {
        200: { description: "All that is stored about the customer", content: { "application/json": { schema: customerExportSchema } } },
        ...KEY_RESPONSES,
        404: errorResponse("Nothing is stored about this customer"),
      },
    }),
    async (c) => {
      const { customerId } = c.req.valid("param");
      const exported = await customerExport(store, c.get("site").id, customerId);
      if (exported === null)
        throw new ApiError(404, "unknown_customer", `nothing is stored about the customer ${JSON.stringify(customerId)}`);
      return c.json(exported, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/customers/{customerId}",
      summary: "Erase a customer",
      description:
        "Deletes every event, identity link and trait of the customer, the anonymous events of every device linked to them included, in one transaction. " +
        "The same transaction puts the erased event ids and the customer id (as a salted hash) on the site's suppression list: a later batch with those " +
        "event ids or that customer id is refused and counted in `suppressed`. Erasing an unknown customer erases nothing, suppresses the id and is not an error. " +
        "Secret key only.",
      security: SECRET_KEY,
      middleware: requireKey(store, ["secret"]),
      request: { params: customerIdParams },
      responses: { 200: { description: "What was erased", content: { "application/json": { schema: erasureSchema } } }, ...KEY_RESPONSES },
    }),
    async (c) => {
      const { customerId } = c.req.valid("param");
      const erased = await store.eraseCustomer(c.get("site").id, customerId);
      return c.json({ customerId, erased }, 200);
    },
  );
}
