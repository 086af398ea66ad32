import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ATTRIBUTION_GROUP_BY, ATTRIBUTION_MODELS, ROW_MODELS } from "@touchpoint/journeys";
import { attributionOptionsOf } from "../http/attribution-options.js";
import { attributionRowChunks } from "../http/attribution-row-format.js";
import { answerOrInvalid } from "../http/invalid-parameter.js";
import { modelListParam } from "../http/model-list-param.js";
import { pulledStream } from "../http/pulled-stream.js";
import { enumParam, instantParam, positiveNumberParam, queryParams, repeatedParam, textParam } from "../http/query-params.js";
import { SEGMENT_PARAMS, segmentOf } from "../http/segment-params.js";
import { INVALID_PARAMETER, KEY_RESPONSES, READ_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { attributionRowsQuery } from "../queries/attribution-rows.js";
import type { JourneyReader, SiteKeyLookup } from "../store/store.js";
import { stageModelView } from "../queries/stage-model-view.js";

const FORMATS = ["csv", "ndjson"] as const;

/**
 * GET /v1/attribution/rows (read key): one row per conversion and touch with each model's credit,
 * as Snowplow's attribution package keeps them, streamed as CSV or NDJSON while the site's
 * journeys are read.
 */
export function attributionRowsRoute(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & JourneyReader): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/attribution/rows",
      summary: "Attribution rows: one per conversion and touch, with its credit under each model",
      description:
        "For analysts who audit credit or join it to CRM revenue: for each conversion in [from, to), one row per touch of its path (as /v1/attribution defines paths) with the share " +
        "of the conversion (`<model>_credit`) and of its value (`<model>_value`) each model gives that touch; a conversion with no touch has one `(none)` row. Summing a model's " +
        "credits by key gives /v1/attribution. Models whose credit is fitted over all paths at once (markov, fractribution) have no per-conversion credit and are refused. " +
        "CSV (RFC 4180, CRLF, header line) unless `format=ndjson` or `Accept: application/x-ndjson`; the answer is streamed.",
      security: READ_KEY,
      middleware: requireKey(store, ["read"]),
      request: {
        query: queryParams(
          {
            model: modelListParam(
              ATTRIBUTION_MODELS,
              `One or more of ${ROW_MODELS.join(", ")}: comma-separated or repeated; each adds a credit and a value column`,
            ),
            conversion: textParam("A conversion event name (default purchase) or stage:<stage>").optional(),
            groupBy: enumParam(ATTRIBUTION_GROUP_BY, "What the key column holds (default channel)").optional(),
            from: instantParam("Start of the period, included (open when absent)").optional(),
            to: instantParam(
              "End of the period: a date (2026-03-31) includes that whole UTC day, a date-time is excluded (open when absent)",
            ).optional(),
            lookbackDays: positiveNumberParam("How far before a conversion its path reaches (default 30)").optional(),
            halfLifeDays: positiveNumberParam("time_decay's half-life (default 7)").optional(),
            transform: repeatedParam("Path transforms applied in order, as /v1/attribution takes them.").optional(),
            format: enumParam(FORMATS, "csv (default) or ndjson; without it, `Accept: application/x-ndjson` picks ndjson").optional(),
            ...SEGMENT_PARAMS,
          },
          { traits: true },
        ),
      },
      responses: {
        200: {
          description:
            "Columns conversion_id, customer_id, anonymous_id (of a guest nobody identified), conversion, conversion_time, conversion_value, first_conversion, path_length, touch_index (0 first; empty for (none)), " +
            "touch_time, key, then <model>_credit and <model>_value for each model in the order asked. A conversion's path is its rows in touch_index order.",
          content: {
            "text/csv": { schema: z.string() },
            "application/x-ndjson": {
              schema: z.string().openapi({ description: "One JSON object per line, keyed by the CSV's column names." }),
            },
          },
        },
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return answerOrInvalid(async () => {
        const view = stageModelView(store, c.get("site"), query.stageModel);
        const rows = attributionRowsQuery(view.store, view.site, { ...attributionOptionsOf(query), models: query.model }, segmentOf(query));
        const format = query.format ?? (c.req.header("accept")?.includes("application/x-ndjson") ? "ndjson" : "csv");
        c.header("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        if (format === "csv") c.header("Content-Disposition", 'attachment; filename="attribution-rows.csv"');
        return c.body(pulledStream(attributionRowChunks(rows, format)), 200);
      });
    },
  );
}
