import { z } from "zod";
import { customerIdProblem } from "./customer-id.js";
import type { ProtocolLimits } from "./limits.js";
import { CLICK_ID_PARAMS, DEFAULT_PAGE_NAME, EVENT_NAME_RULE, SNAKE_CASE, snakeCaseName } from "./names.js";
import { readProperties } from "./properties.js";
import type { BatchEnvelope, EventContext, FieldError, Properties } from "./types.js";
// C0 controls and DEL: never part of an id, and a classic way to smuggle log lines.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export const isoTimestamp = z.iso.datetime({
  offset: true,
  message: "must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00.000Z",
});

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
 * Properties and traits (readProperties: flat values, one level of nesting, arrays of at most 100
 * flat values or objects). Checked by hand rather than with z.record so that a `__proto__` key is
 * seen in the raw input, before any copy could drop it.
 */
export function propertiesSchema(limits: ProtocolLimits) {
  return z.unknown().transform((value, ctx): Properties => {
    const issues: FieldError[] = [];
    readProperties(value, limits, issues);
    for (const { path, message } of issues) ctx.addIssue({ code: "custom", path: path ? path.split(".") : [], message });
    return issues.length ? z.NEVER : (value as Properties);
  });
}

/**
 * The name of a page or touchpoint event: snake_case, or a name with a snake_case form (Segment's
 * "Order Completed" is order_completed). The original is kept apart: see eventSchema.
 */
export function eventNameInputSchema(limits: ProtocolLimits) {
  return z
    .string()
    .max(limits.maxNameLength)
    .refine((name) => (snakeCaseName(name)?.length ?? Infinity) <= limits.maxNameLength, { message: EVENT_NAME_RULE });
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
    // Set by the collector's Segment mapping when it renames a spec event ("Order Completed" -> purchase).
    originalName: text(256).optional(),
  });
}

export function eventSchema(limits: ProtocolLimits) {
  const id = identifier(limits);
  const name = eventNameInputSchema(limits);
  const customerId = customerIdSchema(limits);
  const base = {
    id,
    anonymousId: id.optional(),
    customerId: customerId.optional(),
    sessionId: id.optional(),
    timestamp: isoTimestamp,
    properties: propertiesSchema(limits).optional(),
    context: contextSchema(limits).optional(),
  };
  return z
    .discriminatedUnion(
      "type",
      [
        z.object({ ...base, type: z.literal("page"), name: name.default(DEFAULT_PAGE_NAME) }),
        z.object({ ...base, type: z.literal("touchpoint"), name }),
        z.object({ ...base, type: z.literal("identify"), customerId, traits: propertiesSchema(limits).optional() }),
      ],
      { error: 'must be one of "page", "touchpoint" or "identify"' },
    )
    .transform((event) => {
      // A name sent in another form is stored as snake_case; the event keeps the original.
      if (event.type === "identify" || SNAKE_CASE.test(event.name)) return event;
      return { ...event, name: snakeCaseName(event.name)!, context: { ...event.context, originalName: event.name } };
    });
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
    events: z
      .array(z.unknown())
      .min(1, { message: "must hold at least one event" })
      .max(limits.maxEventsPerBatch, {
        message: `must hold at most ${limits.maxEventsPerBatch} events`,
      }),
  });
}
