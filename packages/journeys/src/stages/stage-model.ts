/**
 * A stage model: the ordered stages of a journey, the rules that place a touchpoint in a stage,
 * and the events that count as conversions. Sites store their own as JSON
 * (`touchpoint sites set-stages`); stageModelSchema is what validates that file.
 */
import { SNAKE_CASE } from "@touchpoint/protocol/names";
import { z } from "zod";

const snakeCase = z
  .string()
  .max(64)
  .regex(SNAKE_CASE, { message: "must be snake_case: lower-case letters, digits and single underscores, starting with a letter" });

export const stageRuleSchema = z.strictObject({
  /** The stage a matching touchpoint is placed in. */
  stage: snakeCase,
  /** The touchpoint's name: page_view for page views, else the touchpoint's own name. */
  event: snakeCase,
  /** Pattern on context.path: `*` matches any characters, `/` included ("/pricing*"); case-insensitive. */
  path: z.string().min(1).max(512).regex(/^[/*]/, { message: 'must start with "/" or "*"' }).optional(),
  /** The touchpoint's property `key` must equal `equals` (strict equality, types included). */
  property: z
    .strictObject({
      key: z.string().min(1).max(64),
      equals: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    })
    .optional(),
  /** The touchpoint's session channel must be one of these. */
  channel: z.array(snakeCase).min(1).optional(),
  /** true: only the first touchpoint of a session; false: only the others. */
  landing: z.boolean().optional(),
  /** "first": only the person's first event of this name; "repeat": only the later ones. */
  occurrence: z.enum(["first", "repeat"]).optional(),
});

export const stageModelSchema = z
  .strictObject({
    /** In journey order: the current stage is the furthest one reached. */
    stages: z.array(snakeCase).min(1).max(32),
    /** Tried in order; the first matching rule gives the stage. */
    rules: z.array(stageRuleSchema).max(1000),
    /** Event names that count as conversions. */
    conversions: z.array(snakeCase).min(1).default(["purchase"]),
  })
  .superRefine((model, ctx) => {
    const seen = new Set<string>();
    model.stages.forEach((stage, index) => {
      if (seen.has(stage)) ctx.addIssue({ code: "custom", path: ["stages", index], message: `"${stage}" is listed twice` });
      seen.add(stage);
    });
    model.rules.forEach((rule, index) => {
      if (!seen.has(rule.stage)) {
        ctx.addIssue({ code: "custom", path: ["rules", index, "stage"], message: `"${rule.stage}" is not one of the model's stages` });
      }
    });
  });

export type StageRule = z.output<typeof stageRuleSchema>;
/** A validated model: conversions filled in. Treat it as immutable (compiled forms are cached per object). */
export type StageModel = z.output<typeof stageModelSchema>;
/** A model as written in a stages.json file: conversions may be left out. */
export type StageModelInput = z.input<typeof stageModelSchema>;
