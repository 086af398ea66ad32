/** zod schemas of the customer-value, conversion-path and model-comparison answers, typed against the engine. */
import { z } from "@hono/zod-openapi";
import {
  ATTRIBUTION_GROUP_BY,
  ATTRIBUTION_MODELS,
  type AttributionComparison,
  type CustomerValueResult,
  type PathReportResult,
} from "@touchpoint/journeys";
import type { AsOf } from "../queries/site-journeys.js";
import { asOfField } from "./as-of-schema.js";

const share = (description: string) => z.number().min(0).max(1).openapi({ description });
const nullableNumber = (description: string) => z.number().nullable().openapi({ description });

const customerValueRow = z
  .object({
    key: z.string().openapi({
      description:
        "The channel or campaign of the customers' first touch (`(none)`: no touch before their first purchase), the cohort month YYYY-MM, or the trait's value (`(not set)`); `(all)` for the total.",
    }),
    customers: z.number().int().openapi({ description: "Customers acquired in [from, to): their first conversion of the kind is in it." }),
    value: z.number().openapi({ description: "Their conversion value to date, first purchase included." }),
    cltv: nullableNumber("value / customers."),
    cltvAt: z
      .array(
        z.object({
          days: z.number().int(),
          customers: z
            .number()
            .int()
            .openapi({ description: "Customers acquired at least `days` ago (the only ones whose value at the horizon is known)." }),
          cltv: nullableNumber("Their value in the first `days` days from their first purchase, per customer."),
        }),
      )
      .openapi({ description: "CLTV 30, 90 and 365 days after the first purchase." }),
    cost: nullableNumber(
      "Spend pro-rated into [from, to): the key's for channel and campaign, the month's channel spend for a cohort, all channel spend for the total; null without spend, for traits, or when it mixes currencies.",
    ),
    currency: z.string().nullable(),
    cac: nullableNumber("cost / customers."),
    ltvToCac: nullableNumber("cltv / cac."),
    paybackDays: nullableNumber(
      "Days from the first purchase until the customers' value per customer reaches cac; null when it has not yet.",
    ),
  })
  .openapi("CustomerValueRow");

export const customerValueSchema: z.ZodType<CustomerValueResult & AsOf> = z
  .object({
    groupBy: z.string().openapi({ description: "channel, campaign, cohort or trait.KEY" }) as z.ZodType<CustomerValueResult["groupBy"]>,
    conversion: z.string(),
    total: customerValueRow,
    groups: z.array(customerValueRow).openapi({
      description: "Cohorts by month; other groupings by customers, most first, then key. A key with spend and no customer is listed.",
    }),
    asOf: asOfField,
  })
  .openapi("CustomerValue");

const bucket = z.object({
  bucket: z.string(),
  conversions: z.number().int(),
  value: z.number(),
  share: share("conversions / totalConversions."),
});

export const pathReportSchema: z.ZodType<PathReportResult & AsOf> = z
  .object({
    conversion: z.string(),
    groupBy: z.enum(ATTRIBUTION_GROUP_BY),
    lookbackDays: z.number(),
    totalConversions: z.number().int(),
    totalValue: z.number(),
    distinctPaths: z.number().int(),
    paths: z
      .array(
        z.object({
          path: z
            .array(z.string())
            .openapi({ description: "The touches' keys, first to last; empty for conversions with no touch in their window." }),
          conversions: z.number().int(),
          value: z.number(),
          share: share("conversions / totalConversions."),
          meanDaysToConvert: nullableNumber("Mean days from the first touch in the window to the conversion."),
        }),
      )
      .openapi({ description: "The top `limit` paths: most conversions, then most value, then by path." }),
    pathLength: z.array(bucket).openapi({ description: "Conversions by touches in their path: buckets 0 to 11 and 12+." }),
    daysToConvert: z.array(bucket).openapi({
      description: "Conversions by whole days from the first touch in their window: (none), 0 to 11, 12-30, 31-60, 61-90, 91+.",
    }),
    asOf: asOfField,
  })
  .openapi("ConversionPaths");

const modelCredit = z.object({
  conversions: z.number(),
  value: z.number(),
  share: share("conversions / totalConversions."),
  firstConversions: z.number(),
  roas: z.number().nullable(),
  cac: z.number().nullable(),
});

export const attributionComparisonSchema: z.ZodType<AttributionComparison & AsOf> = z
  .object({
    models: z.array(z.enum(ATTRIBUTION_MODELS)),
    conversion: z.string(),
    groupBy: z.enum(ATTRIBUTION_GROUP_BY),
    lookbackDays: z.number(),
    totalConversions: z.number().int(),
    totalValue: z.number(),
    credits: z
      .array(
        z.object({
          key: z.string(),
          cost: z.number().nullable().openapi({ description: "Spend of the key pro-rated into [from, to): the same under every model." }),
          currency: z.string().nullable(),
          models: z.record(z.string(), modelCredit).openapi({ description: "Each model's credit for the key, in the order asked." }),
        }),
      )
      .openapi({ description: "Every key any model lists, by the first model's conversions, then key." }),
    asOf: asOfField,
  })
  .openapi("AttributionComparison");
