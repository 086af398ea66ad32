import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ATTRIBUTION_GROUP_BY, ATTRIBUTION_MODELS, type AttributionModel } from "@touchpoint/journeys";
import { attributionOptionsOf } from "../http/attribution-options.js";
import { attributionComparisonSchema } from "../http/analyst-report-schemas.js";
import { csvAnswer, csvFormatParam, jsonOrCsv, wantsCsv } from "../http/csv-answer.js";
import { attributionCsv, funnelCsv } from "../http/report-csv.js";
import { answerOrInvalid } from "../http/invalid-parameter.js";
import { modelListParam } from "../http/model-list-param.js";
import { enumParam, instantParam, positiveNumberParam, queryParams, repeatedParam, textParam, TRAIT_PREFIX } from "../http/query-params.js";
import { INVALID_PARAMETER, KEY_RESPONSES, READ_KEY } from "../http/query-responses.js";
import { attributionSchema, funnelSchema, momentsSchema } from "../http/report-schemas.js";
import { SEGMENT_PARAMS, segmentOf } from "../http/segment-params.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { attributionComparisonReport } from "../queries/attribution-comparison.js";
import { attributionReport } from "../queries/attribution-report.js";
import { funnelReport, type FunnelGroupBy } from "../queries/funnel-report.js";
import { momentsReport } from "../queries/moments-report.js";
import type { JourneyReader, SiteKeyLookup, SpendLedger } from "../store/store.js";
import { stageModelView } from "../queries/stage-model-view.js";

const from = instantParam("Start of the period, included (open when absent)").optional();
const to = instantParam(
  "End of the period: a date (2026-03-31) includes that whole UTC day, a date-time is excluded (open when absent)",
).optional();
const json = <S>(schema: S, description: string) => ({
  200: { description, content: { "application/json": { schema } } },
  ...INVALID_PARAMETER,
  ...KEY_RESPONSES,
});

/**
 * GET /v1/attribution, /v1/funnel and /v1/moments-of-truth (read key): every journey of the site
 * streamed through the engine's accumulators; definitions in packages/journeys/ATTRIBUTION.md.
 */
export function reportRoutes(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & JourneyReader & SpendLedger): void {
  const readKey = requireKey(store, ["read"]);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/attribution",
      summary: "Which touchpoints and channels earn the credit for conversions",
      description:
        "Credit for each conversion in [from, to) split over the touches of its path (the touches after the previous conversion of the kind, " +
        "inside lookbackDays before it) by the model; `conversion=stage:evaluation` attributes entries into a stage. Once spend is recorded " +
        "(POST /v1/spend) each channel or campaign key carries cost, roas and cac; otherwise they are null. " +
        "Several models (`model=linear,markov` or `model=linear&model=markov`) answer side by side: one row per key with each model's credit.",
      security: READ_KEY,
      middleware: readKey,
      request: {
        query: queryParams(
          {
            model: modelListParam(ATTRIBUTION_MODELS, "The attribution model, or several (comma-separated or repeated) to compare them"),
            conversion: textParam("A conversion event name (default purchase) or stage:<stage>").optional(),
            groupBy: enumParam(ATTRIBUTION_GROUP_BY, "What a touch is credited to (default channel)").optional(),
            from,
            to,
            lookbackDays: positiveNumberParam("How far before a conversion its path reaches (default 30)").optional(),
            halfLifeDays: positiveNumberParam("time_decay's half-life (default 7)").optional(),
            transform: repeatedParam(
              "Path transforms applied in order before the model: unique, exposure, first, frequency, remove_if_not_all:<key>, remove_if_last_and_not_all:<key>. Repeat the parameter for several.",
            ).optional(),
            format: csvFormatParam(),
            ...SEGMENT_PARAMS,
          },
          { traits: true },
        ),
      },
      responses: {
        200: jsonOrCsv(
          z
            .union([attributionSchema, attributionComparisonSchema])
            .openapi({ description: "`Attribution` for one model; `AttributionComparison` for several." }),
          "Credits per key, most conversions first",
          "key, conversions, value, share, first_conversions, cost, currency, roas, cac; comparing models: key, cost, currency, then <model>_conversions, _value, _share, _first_conversions, _roas, _cac per model",
        ),
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return answerOrInvalid(async () => {
        const options = attributionOptionsOf(query);
        const [model, ...others] = query.model;
        const segment = segmentOf(query);
        const view = stageModelView(store, c.get("site"), query.stageModel);
        const report =
          others.length === 0
            ? await attributionReport(view.store, view.site, { ...options, model: model as AttributionModel }, segment)
            : await attributionComparisonReport(view.store, view.site, options, query.model, segment);
        if (wantsCsv(c, query.format)) return csvAnswer(c, attributionCsv(report), "attribution.csv");
        return c.json(report, 200);
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/funnel",
      summary: "How many people reach each stage, convert, drop off or stall",
      description:
        "Over the site's stage model: per stage, people (known or still anonymous) who entered it in [from, to), the share who went on from the previous stage, " +
        "days to the next stage, and who is stalled there now. `groupBy=trait.KEY` gives one funnel per value of that trait, `groupBy=identified` one of identified customers and one of anonymous visitors, " +
        "`groupBy=deviceType` one per set of device types people used (`desktop`, `desktop+mobile`, `(unknown)` without a user agent), " +
        "`groupBy=channel` or `campaign` one per channel or campaign of each person's first touch (their first page view or touchpoint; `(none)` without one).",
      security: READ_KEY,
      middleware: readKey,
      request: {
        query: queryParams(
          {
            from,
            to,
            groupBy: textParam(
              "trait.KEY: one funnel per value of the trait; identified: groups `identified` and `anonymous`; deviceType: one per set of device types; channel or campaign: one per first touch's",
            )
              .regex(
                /^(identified|deviceType|channel|campaign|trait\..+)$/,
                "must be trait.KEY, e.g. trait.persona, identified, deviceType, channel or campaign",
              )
              .optional(),
            stalledDays: positiveNumberParam("Days in the current stage after which a person counts as stalled (default 14)").optional(),
            format: csvFormatParam(),
            ...SEGMENT_PARAMS,
          },
          { traits: true },
        ),
      },
      responses: {
        200: jsonOrCsv(
          funnelSchema,
          "The funnel, or one per group",
          "stage, customers, conversion_from_previous, drop_off, median_days_to_next, p90_days_to_next, stalled (with groupBy, a first group column)",
        ),
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const { from, to, groupBy, stalledDays, format } = query;
      return answerOrInvalid(async () => {
        const segment = segmentOf(query);
        const view = stageModelView(store, c.get("site"), query.stageModel);
        const funnel = await funnelReport(view.store, view.site, {
          from,
          to,
          groupBy: groupBy?.startsWith(TRAIT_PREFIX)
            ? { trait: groupBy.slice(TRAIT_PREFIX.length) }
            : (groupBy as FunnelGroupBy | undefined),
          stalledDays,
          segment,
          now: Date.now(),
        });
        if (wantsCsv(c, format)) return csvAnswer(c, funnelCsv(funnel), "funnel.csv");
        return c.json(funnel, 200);
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/moments-of-truth",
      summary: "The touchpoints after which people advance or go quiet",
      description:
        "For each touchpoint name the stage model placed in `stage` (in [from, to)): how many people had it, and the shares who entered a later stage, or went quiet, within withinDays after it.",
      security: READ_KEY,
      middleware: readKey,
      request: {
        query: queryParams(
          {
            stage: textParam("A stage of the site's stage model"),
            withinDays: positiveNumberParam("The window after a touchpoint (default 7)").optional(),
            from,
            to,
            ...SEGMENT_PARAMS,
          },
          { traits: true },
        ),
      },
      responses: json(momentsSchema, "Touchpoints of the stage, most customers first"),
    }),
    async (c) => {
      const query = c.req.valid("query");
      const { stage, withinDays, from, to } = query;
      const view = stageModelView(store, c.get("site"), query.stageModel);
      return answerOrInvalid(async () =>
        c.json(await momentsReport(view.store, view.site, { stage, withinDays, from, to, now: Date.now() }, segmentOf(query)), 200),
      );
    },
  );
}
