import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL, SALES_FUNNEL_MODEL } from "./default-models.js";
import { stageModelSchema } from "./stage-model.js";
import { compileStageModel, stageOf, type StageSituation } from "./stage-of.js";
import type { EventContext, Properties } from "@touchpoint/protocol";

const touch = (name: string, context: EventContext = {}, properties: Properties = {}) => ({ name, context, properties });
const landingFrom = (channel: string): StageSituation => ({ channel, landing: true, occurrence: 1 });

describe("stageOf under the default model", () => {
  it.each([
    ["banner_click", "awareness"],
    ["catalog_view", "consideration"],
    ["newsletter_signup", "consideration"],
    ["review_read", "evaluation"],
    ["chatbot_question", "evaluation"],
    ["talk_to_sales", "evaluation"],
    ["add_to_cart", "purchase"],
    ["checkout", "purchase"],
    ["purchase", "purchase"],
    ["support_contact", "loyalty"],
    ["referral_given", "loyalty"],
    ["something_else", null],
  ])("%s -> %s", (name, stage) => {
    expect(stageOf(touch(name), DEFAULT_STAGE_MODEL)).toBe(stage);
  });

  it("places page views by path first: /blog is awareness, /pricing evaluation, from the URL when there is no path", () => {
    expect(stageOf(touch("page_view", { path: "/blog/how-to-choose" }), DEFAULT_STAGE_MODEL)).toBe("awareness");
    expect(stageOf(touch("page_view", { path: "/pricing/enterprise" }), DEFAULT_STAGE_MODEL)).toBe("evaluation");
    expect(stageOf(touch("page_view", { path: "/pricing" }), DEFAULT_STAGE_MODEL, landingFrom("organic_search"))).toBe("evaluation");
    expect(stageOf(touch("page_view", { url: "https://shop.example/Pricing?plan=pro" }), DEFAULT_STAGE_MODEL)).toBe("evaluation");
    expect(stageOf(touch("page_view", { path: "/products/42" }), DEFAULT_STAGE_MODEL)).toBeNull();
  });

  it("makes the landing page of a visit from outside awareness, of an email visit consideration", () => {
    const home = touch("page_view", { path: "/" });
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("organic_search"))).toBe("awareness");
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("paid_social"))).toBe("awareness");
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("referral"))).toBe("awareness");
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("email"))).toBe("consideration");
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("sms"))).toBe("consideration");
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("affiliates"))).toBe("awareness");
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("direct"))).toBeNull();
    expect(stageOf(home, DEFAULT_STAGE_MODEL, landingFrom("unassigned"))).toBeNull();
    expect(stageOf(home, DEFAULT_STAGE_MODEL, { channel: "organic_search", landing: false, occurrence: 1 })).toBeNull();
    expect(stageOf(home, DEFAULT_STAGE_MODEL)).toBeNull();
  });

  it("makes a repeat purchase loyalty", () => {
    expect(stageOf(touch("purchase"), DEFAULT_STAGE_MODEL, { channel: "direct", landing: false, occurrence: 1 })).toBe("purchase");
    expect(stageOf(touch("purchase"), DEFAULT_STAGE_MODEL, { channel: "direct", landing: false, occurrence: 2 })).toBe("loyalty");
    expect(stageOf(touch("purchase"), DEFAULT_STAGE_MODEL, { channel: "direct", landing: false, occurrence: 7 })).toBe("loyalty");
  });
});

describe("stageOf under other models", () => {
  it("uses the first matching rule and matches property values strictly", () => {
    expect(stageOf(touch("page_view", { path: "/pricing" }), SALES_FUNNEL_MODEL)).toBe("prospect");
    expect(stageOf(touch("page_view", { path: "/" }), SALES_FUNNEL_MODEL)).toBe("visitor");
    expect(stageOf(touch("survey_response", {}, { nps_category: "promoter" }), SALES_FUNNEL_MODEL)).toBe("promoter");
    expect(stageOf(touch("survey_response", {}, { nps_category: "detractor" }), SALES_FUNNEL_MODEL)).toBeNull();
    const model = stageModelSchema.parse({
      stages: ["five", "other"],
      rules: [
        { stage: "five", event: "rated", property: { key: "score", equals: 5 } },
        { stage: "other", event: "rated" },
      ],
    });
    expect(stageOf(touch("rated", {}, { score: 5 }), model)).toBe("five");
    expect(stageOf(touch("rated", {}, { score: "5" }), model)).toBe("other");
    expect(stageOf(touch("rated"), model)).toBe("other");
  });

  it("matches a first-occurrence rule only on the first occurrence", () => {
    const model = stageModelSchema.parse({
      stages: ["new", "back"],
      rules: [
        { stage: "new", event: "visit", occurrence: "first" },
        { stage: "back", event: "visit", occurrence: "repeat", landing: false },
      ],
    });
    expect(stageOf(touch("visit"), model, { channel: null, landing: true, occurrence: 1 })).toBe("new");
    expect(stageOf(touch("visit"), model, { channel: null, landing: false, occurrence: 2 })).toBe("back");
    expect(stageOf(touch("visit"), model, { channel: null, landing: true, occurrence: 2 })).toBeNull();
  });

  it("compiles a model once", () => {
    expect(compileStageModel(DEFAULT_STAGE_MODEL)).toBe(compileStageModel(DEFAULT_STAGE_MODEL));
    expect(compileStageModel(DEFAULT_STAGE_MODEL).stageIndex.get("evaluation")).toBe(2);
  });
});
