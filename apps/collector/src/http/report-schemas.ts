/** zod schemas of the attribution, funnel, moments-of-truth and spend answers, typed against the engine. */
import { z } from "@hono/zod-openapi";
import {
  ATTRIBUTION_GROUP_BY,
  ATTRIBUTION_MODELS,
  SPEND_GROUP_BY,
  type AttributionWithSpend,
  type FunnelResult,
  type FunnelStage,
  type GroupedFunnelResult,
  type MomentsOfTruthResult,
} from "@touchpoint/journeys";
import type { AsOf } from "../queries/site-journeys.js";
import { asOfField } from "./as-of-schema.js";

const share = (description: string) => z.number().min(0).max(1).openapi({ description });

export const attributionSchema: z.ZodType<AttributionWithSpend & AsOf> = z
  .object({
    model: z.enum(ATTRIBUTION_MODELS),
    conversion: z.string(),
    groupBy: z.enum(ATTRIBUTION_GROUP_BY),
    lookbackDays: z.number(),
    totalConversions: z
      .number()
      .int()
      .openapi({ description: "Conversions in [from, to), including those with no touch in their window." }),
    totalValue: z.number(),
    credits: z
      .array(
        z.object({
          key: z.string().openapi({
            description: "The touchpoint name, channel, stage or campaign; `(none)` takes conversions with no touch in their window.",
          }),
          conversions: z.number().openapi({ description: "Conversions credited to the key (fractional)." }),
          value: z.number().openapi({ description: "Conversion value credited to the key." }),
          share: share("conversions / totalConversions."),
          firstConversions: z.number().openapi({ description: "Credit from customers' first conversions: the denominator of cac." }),
          cost: z.number().nullable().openapi({ description: "Spend of the key pro-rated into [from, to); null without spend." }),
          currency: z.string().nullable(),
          roas: z.number().nullable().openapi({ description: "value / cost." }),
          cac: z.number().nullable().openapi({ description: "cost / firstConversions." }),
        }),
      )
      .openapi({ description: "Most conversions first, then by key." }),
    asOf: asOfField,
  })
  .openapi("Attribution");

const funnelStage: z.ZodType<FunnelStage> = z
  .object({
    stage: z.string(),
    customers: z.number().int().openapi({ description: "People (known or still anonymous) who entered the stage in [from, to)." }),
    identified: z.number().int().openapi({ description: "Of customers, those known by a customer id now." }),
    anonymous: z.number().int().openapi({ description: "Of customers, visitors nobody has identified yet: customers - identified." }),
    conversionFromPrevious: share("Of the previous stage's customers, the share who went on to this stage.").nullable(),
    dropOff: share("1 - conversionFromPrevious.").nullable(),
    medianDaysToNext: z
      .number()
      .nullable()
      .openapi({ description: "Days from entering this stage to entering the next, over those who went on." }),
    p90DaysToNext: z.number().nullable(),
    stalled: z.number().int().openapi({ description: "People whose current stage this is, entered more than stalledDays ago." }),
  })
  .openapi("FunnelStage");

export const funnelSchema: z.ZodType<(FunnelResult | GroupedFunnelResult) & AsOf> = z
  .union([
    z.object({ stages: z.array(funnelStage), asOf: asOfField }).openapi("Funnel"),
    z
      .object({
        groups: z.array(
          z.object({
            key: z.string().openapi({ description: "The trait's value as text; `(not set)` without it." }),
            stages: z.array(funnelStage),
          }),
        ),
        asOf: asOfField,
      })
      .openapi("GroupedFunnel"),
  ])
  .openapi({ description: "`{ stages }`, or with groupBy `{ groups: [{ key, stages }] }` sorted by key." });

export const momentsSchema: z.ZodType<MomentsOfTruthResult & AsOf> = z
  .object({
    stage: z.string(),
    withinDays: z.number(),
    touchpoints: z
      .array(
        z.object({
          name: z.string(),
          customers: z.number().int().openapi({ description: "People who had this touchpoint in the stage." }),
          advanced: share("Share of them who entered a later stage within withinDays after it."),
          quiet: share("Share of them who did not advance and had no event within withinDays after their last one of it."),
        }),
      )
      .openapi({ description: "Most customers first, then by name." }),
    asOf: asOfField,
  })
  .openapi("MomentsOfTruth");

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const spanEnd = (to: string) => Date.parse(to) + (DATE_ONLY.test(to) ? 86_400_000 : 0);
const spendDate = (description: string) =>
  z
    .string()
    .refine((s) => z.iso.date().safeParse(s).success || z.iso.datetime({ offset: true }).safeParse(s).success, {
      message: "must be an ISO-8601 date (2026-03-01) or date-time with a time zone",
    })
    .openapi({ description });

/**
 * Larger than any one spend row (a trillion in any currency), small enough that the sum of every
 * row a site could hold stays a finite number: two rows of 1e308 would make `cost` Infinity,
 * which JSON writes as null.
 */
export const MAX_SPEND_AMOUNT = 1e12;

// C0 controls and DEL (NUL above all, which PostgreSQL text cannot hold) and lone surrogates,
// which do not survive UTF-8 storage: refused, so both stores keep the key exactly as sent.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export const spendBodySchema = z
  .strictObject({
    groupBy: z.enum(SPEND_GROUP_BY),
    key: z
      .string()
      .min(1)
      .max(256)
      .refine((s) => !CONTROL_CHARS.test(s), "must not contain control characters")
      .refine((s) => s.isWellFormed(), "must be well-formed Unicode (no lone surrogates)")
      .openapi({ description: "The channel (paid_search, ...) or utm_campaign the money went to." }),
    from: spendDate("First day (YYYY-MM-DD, whole UTC day) or instant."),
    to: spendDate("Last day (YYYY-MM-DD, included) or instant (excluded)."),
    amount: z
      .number({ error: "must be a finite number" })
      .min(0, "must be a number >= 0")
      .max(MAX_SPEND_AMOUNT, `must be at most ${MAX_SPEND_AMOUNT}`)
      .openapi({ description: "Spread evenly over [from, to]; a query window takes the part it overlaps." }),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as EUR"),
  })
  .refine((row) => !Number.isFinite(Date.parse(row.from)) || spanEnd(row.to) > Date.parse(row.from), {
    path: ["to"],
    message: "must not be before from",
  })
  .openapi("SpendInput");

export const storedSpendSchema = z
  .object({
    id: z.string(),
    groupBy: z.enum(SPEND_GROUP_BY),
    key: z.string(),
    from: z.string(),
    to: z.string(),
    amount: z.number(),
    currency: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Spend");
