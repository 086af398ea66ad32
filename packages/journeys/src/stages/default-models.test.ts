import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "./default-models.js";
import type { StageRule } from "./stage-model.js";
import { stageOf } from "./stage-of.js";

/** Every typical touchpoint of DOMAIN.md's stage table, by the event name a site sends for it. */
const DOMAIN_TOUCHPOINTS: [event: string, stage: string][] = [
  ["banner_click", "awareness"],
  ["ad_click", "awareness"],
  ["social_post", "awareness"],
  ["social_post_click", "awareness"],
  ["search_landing", "awareness"],
  ["blog_read", "awareness"],
  ["event_attended", "awareness"],
  ["peer_referral", "awareness"],
  ["catalog_view", "consideration"],
  ["product_view", "consideration"],
  ["content_read", "consideration"],
  ["comparison_view", "consideration"],
  ["newsletter_signup", "consideration"],
  ["newsletter_open", "consideration"],
  ["review_read", "evaluation"],
  ["chatbot_question", "evaluation"],
  ["talk_to_sales", "evaluation"],
  ["demo_request", "evaluation"],
  ["pricing_page", "evaluation"],
  ["add_to_cart", "purchase"],
  ["begin_checkout", "purchase"],
  ["checkout", "purchase"],
  ["order_completed", "purchase"],
  ["point_of_sale", "purchase"],
  ["billing", "purchase"],
  ["purchase", "purchase"],
  ["onboarding", "loyalty"],
  ["support_contact", "loyalty"],
  ["survey_response", "loyalty"],
  ["feedback", "loyalty"],
  ["thank_you", "loyalty"],
  ["upsell_email", "loyalty"],
  ["cross_sell_email", "loyalty"],
  ["subscription_renewal", "loyalty"],
  ["referral_given", "loyalty"],
];

const event = (name: string) => ({ name, context: {}, properties: {} });

describe("DEFAULT_STAGE_MODEL", () => {
  it.each(DOMAIN_TOUCHPOINTS)("places %s in %s", (name, stage) => {
    expect(stageOf(event(name), DEFAULT_STAGE_MODEL)).toBe(stage);
  });

  it("places a repeat purchase in loyalty", () => {
    expect(stageOf(event("purchase"), DEFAULT_STAGE_MODEL, { channel: "direct", landing: false, occurrence: 2 })).toBe("loyalty");
  });
});

/** A rule as the README words it. */
function ruleText(rule: StageRule): string {
  if (rule.path !== undefined) return `\`${rule.event}\` on \`${rule.path}\``;
  if (rule.landing === true && rule.channel !== undefined)
    return `the landing \`${rule.event}\` of a session from ${rule.channel.map((channel) => `\`${channel}\``).join(", ")}`;
  if (rule.occurrence === "first") return `the first \`${rule.event}\``;
  if (rule.occurrence === "repeat") return `every later \`${rule.event}\``;
  return `\`${rule.event}\``;
}

describe("README", () => {
  const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
  it("lists the default stage model's rules, stage by stage, in the order they are tried", () => {
    const rows = readme.split("\n").filter((line) => /^\| (awareness|consideration|evaluation|purchase|loyalty) \|/.test(line));
    const expected = DEFAULT_STAGE_MODEL.stages.map((stage) => {
      const rules = DEFAULT_STAGE_MODEL.rules.filter((rule) => rule.stage === stage).map(ruleText);
      return `| ${stage} | ${rules.join("; ")} |`;
    });
    expect(rows).toEqual(expected);
  });
});
