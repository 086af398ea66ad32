/**
 * Query parameters as the query API reads them: text that must come once, dates, numbers, and
 * objects that refuse parameters they do not know (a typo must not silently widen a query).
 * Every schema documents itself in /openapi.json.
 */
import { z } from "@hono/zod-openapi";

/** A missing parameter is "required"; a repeated one arrives as an array. */
const once = (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : "must be given once");

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

export function textParam(description: string) {
  return z.string({ error: once }).min(1, "must not be empty").openapi({ description });
}

/** One of `values`; anything else is refused naming the allowed ones. */
export function enumParam<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .enum(values, {
      error: (issue) =>
        issue.input === undefined ? "is required" : `must be one of ${values.join(", ")}; got ${JSON.stringify(issue.input)}`,
    })
    .openapi({ description });
}

/** `2026-03-01` (midnight UTC) or `2026-03-01T12:00:00Z`. */
export function instantParam(description: string) {
  return z
    .string({ error: once })
    .refine((s) => isoDate.safeParse(s).success || isoDateTime.safeParse(s).success, {
      message: "must be an ISO-8601 date (2026-03-01) or date-time with a time zone (2026-03-01T12:00:00Z)",
    })
    .openapi({ description, example: "2026-03-01" });
}

const DECIMAL = /^\d+(\.\d+)?$/;

export function positiveNumberParam(description: string) {
  return z
    .string({ error: once })
    .regex(DECIMAL, "must be a number such as 7 or 0.5")
    .transform(Number)
    .pipe(z.number().positive("must be greater than 0"))
    .openapi({ description, type: "number" });
}

export function nonNegativeNumberParam(description: string) {
  return z
    .string({ error: once })
    .regex(DECIMAL, "must be a number >= 0 such as 14 or 0.5")
    .transform(Number)
    .openapi({ description, type: "number" });
}

export function integerParam(description: string, min: number, max: number) {
  return z
    .string({ error: once })
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .openapi({ description, type: "integer" });
}

/** A parameter that may repeat (`transform=first&transform=exposure`): always an array. */
export function repeatedParam(description: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (typeof value === "string" ? [value] : value))
    .openapi({ description, type: "array", items: { type: "string" } });
}

export const TRAIT_PREFIX = "trait.";

/**
 * The parameters of one endpoint. Any other parameter is refused by name; with `traits`,
 * `trait.KEY=VALUE` filters are let through (each once), to be read with traitParams.
 */
export function queryParams<T extends z.ZodRawShape>(shape: T, { traits = false }: { traits?: boolean } = {}) {
  return z.looseObject(shape).superRefine((query, ctx) => {
    for (const [key, value] of Object.entries(query)) {
      if (key in shape) continue;
      if (traits && key.startsWith(TRAIT_PREFIX) && key.length > TRAIT_PREFIX.length) {
        if (typeof value !== "string") ctx.addIssue({ code: "custom", path: [key], message: "must be given once" });
      } else {
        ctx.addIssue({ code: "custom", path: [key], message: "is not a parameter of this endpoint" });
      }
    }
  });
}

/** The `trait.KEY=VALUE` filters of a query checked by queryParams, as { KEY: VALUE }. */
export function traitParams(query: Record<string, unknown>): Record<string, string> {
  const traits: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith(TRAIT_PREFIX) && typeof value === "string") traits[key.slice(TRAIT_PREFIX.length)] = value;
  }
  return traits;
}
