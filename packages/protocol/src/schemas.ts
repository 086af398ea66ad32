import { z } from "zod";
import { customerIdProblem } from "./customer-id.js";
import type { ProtocolLimits } from "./limits.js";
import { CLICK_ID_PARAMS, DEFAULT_PAGE_NAME, SNAKE_CASE } from "./names.js";
import type { BatchEnvelope, EventContext, Properties } from "./types.js";

/** Keys that would reach an object's prototype if anyone ever copied properties naively. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
// C0 controls and DEL: never part of an id, and a classic way to smuggle log lines.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export const isoTimestamp = z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00.000Z" });

/** A string that survives a round trip through UTF-8 storage unchanged (no lone surrogates). */
function text(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => s.isWellFormed(), { message: "must be well-formed Unicode (no lone surrogates)" });
}

function identifier(limits: ProtocolLimits) {
  return z
    .string()
    .min(1)
    .max(limits.maxIdLength)
    .refine((s) => !CONTROL_CHARS.test(s) && s.isWellFormed(), { message: "must not contain control characters or lone surrogates" });
}

export function customerIdSchema(limits: ProtocolLimits) {
  return identifier(limits).superRefine((id, ctx) => {
    const problem = customerIdProblem(id);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

export function eventNameSchema(limits: ProtocolLimits) {
  return z
    .string()
    .max(limits.maxNameLength)
    .regex(SNAKE_CASE, { message: "must be snake_case: lower-case letters, digits and single underscores, starting with a letter" });
}

/**
 * Flat JSON object: string, number, boolean or null values. Checked by hand rather than with
 * z.record so that a `__proto__` key is seen in the raw input, before any copy could drop it.
 */
export function flatRecordSchema(limits: ProtocolLimits) {
  return z.unknown().transform((value, ctx): Properties => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: "must be a flat JSON object" });
      return z.NEVER;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxPropertyKeys) {
      ctx.addIssue({ code: "custom", message: `must have at most ${limits.maxPropertyKeys} keys` });
      return z.NEVER;
    }
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key];
      if (FORBIDDEN_KEYS.has(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not allowed as a key` });
      } else if (key.length === 0 || key.length > limits.maxNameLength || !key.isWellFormed()) {
        ctx.addIssue({ code: "custom", path: [key], message: `keys must be 1 to ${limits.maxNameLength} characters of well-formed Unicode` });
      } else if (typeof v === "string") {
        if (v.length > limits.maxStringLength) {
          ctx.addIssue({ code: "custom", path: [key], message: `strings must be at most ${limits.maxStringLength} characters` });
        } else if (!v.isWellFormed()) {
          ctx.addIssue({ code: "custom", path: [key], message: "must be well-formed Unicode (no lone surrogates)" });
        }
      } else if (typeof v === "number") {
        if (!Number.isFinite(v)) ctx.addIssue({ code: "custom", path: [key], message: "numbers must be finite" });
      } else if (typeof v !== "boolean" && v !== null) {
        ctx.addIssue({ code: "custom", path: [key], message: "values must be a string, number, boolean or null (no nested objects or arrays)" });
      }
    }
    return value as Properties;
  });
}

export function contextSchema(limits: ProtocolLimits): z.ZodType<EventContext> {
  const short = text(256).optional();
  const long = text(limits.maxStringLength).optional();
  return z.object({
    url: long,
    path: long,
    referrer: long,
    title: text(512).optional(),
    locale: text(35).optional(),
    screen: z.object({ width: z.number().int().min(0).max(100_000), height: z.number().int().min(0).max(100_000) }).optional(),
    userAgent: text(1024).optional(),
    channel: eventNameSchema(limits).optional(),
    utm: z.object({ source: short, medium: short, campaign: short, term: short, content: short }).optional(),
    clickId: z.partialRecord(z.enum(CLICK_ID_PARAMS), text(512)).optional(),
  });
}

export function eventSchema(limits: ProtocolLimits) {
  const id = identifier(limits);
  const name = eventNameSchema(limits);
  const customerId = customerIdSchema(limits);
  const base = {
    id,
    anonymousId: id.optional(),
    customerId: customerId.optional(),
    sessionId: id.optional(),
    timestamp: isoTimestamp,
    properties: flatRecordSchema(limits).optional(),
    context: contextSchema(limits).optional(),
  };
  return z.discriminatedUnion(
    "type",
    [
      z.object({ ...base, type: z.literal("page"), name: name.default(DEFAULT_PAGE_NAME) }),
      z.object({ ...base, type: z.literal("touchpoint"), name }),
      z.object({ ...base, type: z.literal("identify"), customerId, traits: flatRecordSchema(limits).optional() }),
    ],
    { error: 'must be one of "page", "touchpoint" or "identify"' },
  );
}

/** An event as stored after validation: page events always carry a name. */
export type ValidEvent = z.output<ReturnType<typeof eventSchema>>;

export function envelopeSchema(limits: ProtocolLimits): z.ZodType<BatchEnvelope> {
  return z.object({
    // It is looked up as given: a control character (NUL above all) must never reach a query.
    writeKey: z
      .string()
      .min(1)
      .max(128)
      .refine((s) => !CONTROL_CHARS.test(s), { message: "must not contain control characters" }),
    sentAt: isoTimestamp,
    events: z.array(z.unknown()).min(1, { message: "must hold at least one event" }).max(limits.maxEventsPerBatch, {
      message: `must hold at most ${limits.maxEventsPerBatch} events`,
    }),
  });
}
