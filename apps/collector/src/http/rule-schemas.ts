/**
 * zod schemas of automation rules: the body of POST /v1/rules (and PATCH's new version), and the
 * stored rule, run and backtest answers. Typed against the engine's rule types; every field is
 * described for /openapi.json.
 */
import { z } from "@hono/zod-openapi";
import { parseIsoDuration, type Action, type Branch, type Condition, type RuleBody, type Step, type Trigger } from "@touchpoint/journeys";
import { SNAKE_CASE } from "@touchpoint/protocol";

/** A year: longer waits are surely a mistake in the duration. */
const MAX_WAIT_MS = 366 * 86_400_000;

const eventName = z.string().regex(SNAKE_CASE, "must be a snake_case event name").max(64);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const bound = z.union([z.number(), z.string()]);

const comparisonFields = {
  eq: scalar.optional().openapi({ description: 'Equal (===: the string "25" is not the number 25).' }),
  ne: scalar.optional().openapi({ description: "Not equal; holds when the value is missing." }),
  gt: bound.optional().openapi({ description: "Greater than: numbers with numbers, strings with strings (ISO times sort as text)." }),
  gte: bound.optional().openapi({ description: "Greater than or equal." }),
  lt: bound.optional().openapi({ description: "Less than." }),
  lte: bound.optional().openapi({ description: "Less than or equal." }),
  in: z.array(scalar).min(1).max(100).optional().openapi({ description: "One of these values." }),
};

const comparisonSchema = z.strictObject(comparisonFields).openapi("RuleComparison", { description: "Every operator given must hold." });

const whereSchema = z
  .record(z.string().min(1).max(64), comparisonSchema)
  .openapi("RuleWhere", { description: 'Property name -> comparisons, all of which must hold: `{ "percent": { "gte": 25 } }`.' });

export const conditionSchema: z.ZodType<Condition> = z
  .union([
    z.strictObject({ event: eventName.openapi({ description: "This event happened after the trigger." }), where: whereSchema.optional() }),
    z.strictObject({
      noEvent: eventName.openapi({ description: "No such event (matching `where`, if given) happened after the trigger." }),
      where: whereSchema.optional(),
    }),
    z.strictObject({ stage: z.string().min(1).max(64).openapi({ description: "The person's current stage is this one." }) }),
    z.strictObject({
      trait: z.string().min(1).max(64).openapi({ description: "This trait (from identify) satisfies the comparisons beside it." }),
      ...comparisonFields,
    }),
    z.strictObject({
      get all() {
        return z.array(conditionSchema).min(1).max(20).openapi({ description: "Every condition holds." });
      },
    }),
    z.strictObject({
      get any() {
        return z.array(conditionSchema).min(1).max(20).openapi({ description: "At least one condition holds." });
      },
    }),
  ])
  .openapi("RuleCondition", { description: "event, noEvent, stage or trait; all / any combine them." });

const durationSchema = z
  .string()
  .refine((text) => {
    const ms = parseIsoDuration(text);
    return ms !== null && ms <= MAX_WAIT_MS;
  }, "must be an ISO 8601 duration of weeks, days, hours, minutes and seconds (PT3S, P3D), at most a year")
  .openapi({ description: "ISO 8601 duration (PT3S, P3D, P1DT12H); years and months are not accepted." });

const webhookUrl = z
  .string()
  .max(2_000)
  .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), "must be an http or https URL");

export const actionSchema: z.ZodType<Action> = z
  .union([
    z.strictObject({
      webhook: webhookUrl.openapi({
        description:
          "POST the run to this URL (signed, at least once). Loopback, private and link-local addresses are refused unless the collector runs with --allow-private-webhooks.",
      }),
    }),
    z.strictObject({
      track: eventName.openapi({
        description:
          "Record a proactive touchpoint of this name in the person's journey (channel `automation`, the rule in its properties).",
      }),
      properties: z.record(z.string().min(1).max(64), scalar).optional().openapi({ description: "Extra properties of that touchpoint." }),
    }),
    z.strictObject({
      get then() {
        return stepSchema;
      },
    }),
  ])
  .openapi("RuleAction", { description: "webhook, track, or then (another wait and branches; only as a branch's last action)." });

const branchSchema: z.ZodType<Branch> = z
  .strictObject({
    if: conditionSchema.optional().openapi({ description: "Absent: the else branch (only the last branch may omit it)." }),
    do: z
      .array(actionSchema)
      .max(20)
      .refine((actions) => actions.every((a, i) => !("then" in a) || i === actions.length - 1), "then must be the last action")
      .openapi({ description: "Actions in order." }),
  })
  .openapi("RuleBranch");

const branchesSchema = z
  .array(branchSchema)
  .min(1)
  .max(20)
  .refine(
    (branches) => branches.every((b, i) => b.if !== undefined || i === branches.length - 1),
    "only the last branch may omit if (the else)",
  )
  .openapi({ description: "Evaluated when the wait ends: the first branch whose `if` holds runs." });

export const stepSchema: z.ZodType<Step> = z
  .strictObject({
    wait: durationSchema,
    get branches() {
      return branchesSchema;
    },
  })
  .openapi("RuleStep", { description: "A wait, then branches." });

const audience = conditionSchema
  .optional()
  .openapi({ description: "Only persons for whom this condition holds when the trigger happens enter." });

const triggerSchema: z.ZodType<Trigger> = z
  .union([
    z.strictObject({
      event: eventName.openapi({ description: "A new event of this name starts a run." }),
      where: whereSchema.optional(),
      audience,
    }),
    z.strictObject({
      stageEntered: z.string().min(1).max(64).openapi({
        description:
          "Entering this stage starts a run: an event stored now is the person's first touchpoint of it (history put in the stage by a new stage model starts none). The run's trigger is `stage:<stage>:<personKey>:<enteredAt ms>`, named after the stage and timed at the entry.",
      }),
      audience,
    }),
    z.strictObject({
      stalled: z.string().min(1).max(64).openapi({
        description:
          "Staying in this stage for `days` starts a run. The run waits until the entry + days + wait, and when it fires it is cancelled if the person had left the stage (reached a later one) by the entry + days.",
      }),
      days: z.number().int().min(1).max(365),
      audience,
    }),
  ])
  .openapi("RuleTrigger");

export const ruleBodySchema: z.ZodType<RuleBody> = z
  .strictObject({
    name: z.string().min(1).max(200).openapi({ description: "For people; it travels in webhooks." }),
    when: triggerSchema,
    wait: durationSchema,
    branches: branchesSchema,
    reentry: z.boolean().optional().openapi({
      description: "true: a person may be in several runs of the rule at once; by default a trigger while their run waits is ignored.",
    }),
    enabled: z.boolean().optional().openapi({ description: "false: no new runs start (runs in flight continue). Default true." }),
  })
  .openapi("RuleBody");

export const rulePatchSchema = z.union([z.strictObject({ enabled: z.boolean() }), ruleBodySchema]).openapi("RulePatch", {
  description: "`{ enabled }` alone, or a whole new version of the rule: runs in flight keep the version they started with.",
});

export const storedRuleSchema = z
  .object({
    id: z.string(),
    signingSecret: z.string().openapi({
      description: 'Webhooks carry `Touchpoint-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` made with it.',
    }),
    version: z.number().int().openapi({ description: "1 at creation, +1 with each new body." }),
    name: z.string(),
    when: triggerSchema,
    wait: z.string(),
    branches: branchesSchema,
    reentry: z.boolean(),
    enabled: z.boolean(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Rule");

const deliverySchema = z.object({
  id: z.string().openapi({ description: "Also the Idempotency-Key header and the payload's deliveryId." }),
  url: z.string(),
  branch: z.string(),
  status: z.enum(["pending", "delivered", "failed"]).openapi({ description: "failed: refused or unanswered with 2xx for 24 hours." }),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable().openapi({ format: "date-time" }),
  deliveredAt: z.string().nullable().openapi({ format: "date-time" }),
});

export const runSchema = z
  .object({
    id: z.string(),
    ruleVersion: z.number().int().openapi({ description: "The rule version the run follows to its end." }),
    customerId: z.string().nullable(),
    anonymousId: z.string().nullable(),
    trigger: z.object({ eventId: z.string(), name: z.string(), timestamp: z.string().openapi({ format: "date-time" }) }),
    state: z.enum(["waiting", "done", "cancelled"]),
    dueAt: z.string().nullable().openapi({ format: "date-time", description: "When the current wait ends; null once done or cancelled." }),
    branches: z.array(z.string()).openapi({
      description: 'Branches taken, in order: "1" is the rule\'s second branch, "1.2.0" the first branch of the then in its third action.',
    }),
    deliveries: z.array(deliverySchema),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("RuleRun");

export const backtestSchema = z
  .object({
    from: z.string().openapi({ format: "date-time" }),
    to: z.string().openapi({ format: "date-time" }),
    persons: z.number().int().openapi({ description: "Persons who would have entered at least once." }),
    runs: z.number().int(),
    waiting: z.number().int().openapi({ description: "Runs whose wait would still be running now." }),
    branches: z.record(z.string(), z.number().int()).openapi({ description: "Runs per branch label (`none`: no branch held)." }),
    actions: z.array(
      z.object({
        branch: z.string(),
        index: z.number().int(),
        kind: z.enum(["webhook", "track"]),
        target: z.string(),
        count: z.number().int(),
      }),
    ),
  })
  .openapi("RuleBacktest");
