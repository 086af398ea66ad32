import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ATTRIBUTION_GROUP_BY, MAX_PATH_LIMIT } from "@touchpoint/journeys";
import { attributionOptionsOf } from "../http/attribution-options.js";
import { pathReportSchema } from "../http/analyst-report-schemas.js";
import { answerOrInvalid } from "../http/invalid-parameter.js";
import { csvAnswer, csvFormatParam, jsonOrCsv, wantsCsv } from "../http/csv-answer.js";
import { pathsCsv } from "../http/report-csv.js";
import { enumParam, instantParam, integerParam, positiveNumberParam, queryParams, repeatedParam, textParam } from "../http/query-params.js";
import { SEGMENT_PARAMS, segmentOf } from "../http/segment-params.js";
import { INVALID_PARAMETER, KEY_RESPONSES, READ_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { pathReport } from "../queries/path-report.js";
import type { JourneyReader, SiteKeyLookup } from "../store/store.js";
import { stageModelView } from "../queries/stage-model-view.js";

/** GET /v1/paths (read key): GA4's conversion paths over the paths attribution credits. */
export function pathsRoute(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & JourneyReader): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/paths",
      summary: "Conversion paths: the top paths to conversion, path length and time to convert",
      description:
        "For each conversion in [from, to), its path as /v1/attribution defines it (the touches after the previous conversion of the kind, inside lookbackDays before it), " +
        "keyed by groupBy and transformed: the top `limit` paths by conversions, and how many touches and whole days from the first touch conversions took.",
      security: READ_KEY,
      middleware: requireKey(store, ["read"]),
      request: {
        query: queryParams(
          {
            conversion: textParam("A conversion event name (default purchase) or stage:<stage>").optional(),
            groupBy: enumParam(ATTRIBUTION_GROUP_BY, "What a path step is (default channel)").optional(),
            from: instantParam("Start of the period, included (open when absent)").optional(),
            to: instantParam(
              "End of the period: a date (2026-03-31) includes that whole UTC day, a date-time is excluded (open when absent)",
            ).optional(),
            lookbackDays: positiveNumberParam("How far before a conversion its path reaches (default 30)").optional(),
            transform: repeatedParam(
              "Path transforms applied in order, as /v1/attribution takes them (exposure collapses repeats: email, email becomes email).",
            ).optional(),
            limit: integerParam(`How many top paths to list (default 20)`, 1, MAX_PATH_LIMIT).optional(),
            format: csvFormatParam(),
            ...SEGMENT_PARAMS,
          },
          { traits: true },
        ),
      },
      responses: {
        200: jsonOrCsv(
          pathReportSchema,
          "Top paths and distributions",
          'path (steps joined by " > "), length, conversions, value, share, mean_days_to_convert: the top paths',
        ),
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return answerOrInvalid(async () => {
        const view = stageModelView(store, c.get("site"), query.stageModel);
        const report = await pathReport(view.store, view.site, { ...attributionOptionsOf(query), limit: query.limit }, segmentOf(query));
        if (wantsCsv(c, query.format)) return csvAnswer(c, pathsCsv(report), "paths.csv");
        return c.json(report, 200);
      });
    },
  );
}
