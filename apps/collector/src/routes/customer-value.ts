import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { CustomerValueGroupBy } from "@touchpoint/journeys";
import { analystJson } from "../http/analyst-json.js";
import { customerValueSchema } from "../http/analyst-report-schemas.js";
import { answerOrInvalid } from "../http/invalid-parameter.js";
import { instantParam, queryParams, textParam } from "../http/query-params.js";
import { SEGMENT_PARAMS, segmentOf } from "../http/segment-params.js";
import { READ_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { customerValueReport } from "../queries/customer-value-report.js";
import type { JourneyReader, SiteKeyLookup, SpendLedger } from "../store/store.js";
import { stageModelView } from "../queries/stage-model-view.js";

/** GET /v1/customer-value (read key); definitions in packages/journeys/ATTRIBUTION.md, "Customer value". */
export function customerValueRoute(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & JourneyReader & SpendLedger): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/customer-value",
      summary: "Customer acquisition cost and lifetime value per channel, campaign, cohort or trait",
      description:
        "Customers acquired in [from, to) (their first conversion of the kind is in it), grouped by the channel or campaign of their first touch, the month of their first purchase, " +
        "or a trait: how many, their value to date and 30, 90 and 365 days after their first purchase (CLTV), the spend recorded with POST /v1/spend pro-rated into the period, " +
        "CAC = spend / customers, LTV:CAC and the days until their value paid back the CAC.",
      security: READ_KEY,
      middleware: requireKey(store, ["read"]),
      request: {
        query: queryParams(
          {
            groupBy: textParam("channel (default), campaign, cohort or trait.KEY")
              .regex(/^(channel|campaign|cohort|trait\..+)$/, "must be channel, campaign, cohort or trait.KEY, e.g. trait.persona")
              .optional(),
            conversion: textParam("The conversion event that makes a customer and whose values add up (default purchase)").optional(),
            from: instantParam("Start of the acquisition period, included (open when absent)").optional(),
            to: instantParam(
              "End of the acquisition period: a date (2026-03-31) includes that whole UTC day, a date-time is excluded (open when absent)",
            ).optional(),
            ...SEGMENT_PARAMS,
          },
          { traits: true },
        ),
      },
      responses: analystJson(customerValueSchema, "The total and each group"),
    }),
    async (c) => {
      const query = c.req.valid("query");
      const { groupBy, conversion, from, to } = query;
      const view = stageModelView(store, c.get("site"), query.stageModel);
      return answerOrInvalid(async () =>
        c.json(
          await customerValueReport(
            view.store,
            view.site,
            {
              groupBy: groupBy as CustomerValueGroupBy | undefined,
              conversion,
              from,
              to,
              now: Date.now(),
            },
            segmentOf(query),
          ),
          200,
        ),
      );
    },
  );
}
