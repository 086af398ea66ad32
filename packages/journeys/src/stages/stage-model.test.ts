import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL, SALES_FUNNEL_MODEL, THREE_STAGE_MODEL } from "./default-models.js";
import { stageModelSchema } from "./stage-model.js";

function issues(input: unknown) {
  const result = stageModelSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("stageModelSchema", () => {
  it("defaults the conversions to purchase", () => {
    expect(stageModelSchema.parse({ stages: ["lead", "customer"], rules: [{ stage: "lead", event: "sign_up" }] })).toEqual({
      stages: ["lead", "customer"],
      rules: [{ stage: "lead", event: "sign_up" }],
      conversions: ["purchase"],
    });
  });

  it("accepts every kind of rule condition", () => {
    const model = {
      stages: ["visit", "trial", "paid"],
      rules: [
        { stage: "visit", event: "page_view", landing: true, channel: ["organic_search", "referral"] },
        { stage: "trial", event: "page_view", path: "/app/*" },
        { stage: "paid", event: "subscription_started", property: { key: "plan", equals: "pro" }, occurrence: "first" },
      ],
      conversions: ["subscription_started"],
    };
    expect(stageModelSchema.parse(model)).toEqual(model);
  });

  it("names the field and the rule of every mistake", () => {
    expect(
      issues({
        stages: ["awareness", "Purchase", "awareness"],
        rules: [
          { stage: "loyalty", event: "purchase" },
          { stage: "awareness", event: "page_view", path: "pricing" },
          { stage: "awareness", event: "banner_click", colour: "red" },
          { stage: "awareness", event: "page_view", occurrence: "second" },
        ],
        conversions: [],
      }),
    ).toEqual([
      { path: "stages.1", message: "must be snake_case: lower-case letters, digits and single underscores, starting with a letter" },
      { path: "rules.1.path", message: 'must start with "/" or "*"' },
      { path: "rules.2", message: 'Unrecognized key: "colour"' },
      { path: "rules.3.occurrence", message: 'Invalid option: expected one of "first"|"repeat"' },
      { path: "conversions", message: "Too small: expected array to have >=1 items" },
    ]);
    expect(issues({ stages: ["awareness", "awareness"], rules: [{ stage: "loyalty", event: "purchase" }] })).toEqual([
      { path: "stages.1", message: '"awareness" is listed twice' },
      { path: "rules.0.stage", message: '"loyalty" is not one of the model\'s stages' },
    ]);
  });
});

describe("shipped stage models", () => {
  it.each([
    ["DEFAULT_STAGE_MODEL", DEFAULT_STAGE_MODEL, ["awareness", "consideration", "evaluation", "purchase", "loyalty"]],
    ["THREE_STAGE_MODEL", THREE_STAGE_MODEL, ["acquisition", "purchase", "retention"]],
    ["SALES_FUNNEL_MODEL", SALES_FUNNEL_MODEL, ["stranger", "visitor", "contact", "prospect", "customer", "promoter"]],
  ])("%s parses from its JSON form and is frozen", (_, model, stages) => {
    expect(stageModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
    expect(model.stages).toEqual(stages);
    expect(model.conversions).toEqual(["purchase"]);
    expect(Object.isFrozen(model) && Object.isFrozen(model.rules) && model.rules.every(Object.isFrozen)).toBe(true);
  });
});
