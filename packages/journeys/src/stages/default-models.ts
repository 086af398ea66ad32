/**
 * The stage models Touchpoint ships: the default of DOMAIN.md and the two other models teams
 * commonly use. Each is validated by stageModelSchema when this module loads and frozen, since
 * compiled models are cached per object.
 */
import { stageModelSchema, type StageModel, type StageModelInput } from "./stage-model.js";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function shippedModel(input: StageModelInput): StageModel {
  return deepFreeze(stageModelSchema.parse(input));
}

/** Channels whose landing page marks a new contact from outside: not direct, internal or email. */
const OUTSIDE_CHANNELS = ["paid_search", "organic_search", "paid_social", "organic_social", "display", "affiliate", "referral"];

/**
 * awareness -> consideration -> evaluation -> purchase -> loyalty.
 * Rules for the same event are tried in order, so page views are placed by their path first
 * (/blog: awareness, /pricing: evaluation), then by how their session arrived. A customer's
 * first purchase is the purchase stage; every later purchase is loyalty (a repeat purchase),
 * so a returning buyer reaches loyalty without any other loyalty touchpoint.
 */
export const DEFAULT_STAGE_MODEL: StageModel = shippedModel({
  stages: ["awareness", "consideration", "evaluation", "purchase", "loyalty"],
  rules: [
    { stage: "awareness", event: "banner_click" },
    { stage: "awareness", event: "ad_click" },
    { stage: "awareness", event: "social_post_click" },
    { stage: "awareness", event: "event_attended" },
    { stage: "awareness", event: "page_view", path: "/blog*" },
    { stage: "evaluation", event: "page_view", path: "/pricing*" },
    { stage: "awareness", event: "page_view", landing: true, channel: OUTSIDE_CHANNELS },
    { stage: "consideration", event: "page_view", landing: true, channel: ["email"] },
    { stage: "consideration", event: "catalog_view" },
    { stage: "consideration", event: "product_view" },
    { stage: "consideration", event: "content_read" },
    { stage: "consideration", event: "comparison_view" },
    { stage: "consideration", event: "newsletter_signup" },
    { stage: "evaluation", event: "review_read" },
    { stage: "evaluation", event: "chatbot_question" },
    { stage: "evaluation", event: "talk_to_sales" },
    { stage: "evaluation", event: "demo_request" },
    { stage: "purchase", event: "add_to_cart" },
    { stage: "purchase", event: "begin_checkout" },
    { stage: "purchase", event: "checkout" },
    { stage: "purchase", event: "purchase", occurrence: "first" },
    { stage: "loyalty", event: "purchase", occurrence: "repeat" },
    { stage: "loyalty", event: "onboarding" },
    { stage: "loyalty", event: "support_contact" },
    { stage: "loyalty", event: "survey_response" },
    { stage: "loyalty", event: "feedback" },
    { stage: "loyalty", event: "subscription_renewal" },
    { stage: "loyalty", event: "referral_given" },
  ],
  conversions: ["purchase"],
});

/** acquisition -> purchase -> retention. */
export const THREE_STAGE_MODEL: StageModel = shippedModel({
  stages: ["acquisition", "purchase", "retention"],
  rules: [
    { stage: "acquisition", event: "banner_click" },
    { stage: "acquisition", event: "ad_click" },
    { stage: "acquisition", event: "social_post_click" },
    { stage: "acquisition", event: "page_view", landing: true, channel: [...OUTSIDE_CHANNELS, "email"] },
    { stage: "acquisition", event: "catalog_view" },
    { stage: "acquisition", event: "review_read" },
    { stage: "acquisition", event: "chatbot_question" },
    { stage: "acquisition", event: "newsletter_signup" },
    { stage: "purchase", event: "add_to_cart" },
    { stage: "purchase", event: "checkout" },
    { stage: "purchase", event: "purchase", occurrence: "first" },
    { stage: "retention", event: "purchase", occurrence: "repeat" },
    { stage: "retention", event: "onboarding" },
    { stage: "retention", event: "support_contact" },
    { stage: "retention", event: "subscription_renewal" },
    { stage: "retention", event: "survey_response" },
    { stage: "retention", event: "referral_given" },
  ],
  conversions: ["purchase"],
});

/**
 * The six-segment sales funnel: stranger -> visitor -> contact -> prospect -> customer -> promoter.
 * A stranger has only seen the brand (an ad or post impression); any page view makes a visitor;
 * leaving details makes a contact; pricing, reviews, a demo or a cart make a prospect; a purchase
 * a customer; a referral, a written review or a survey answered as an NPS promoter a promoter.
 */
export const SALES_FUNNEL_MODEL: StageModel = shippedModel({
  stages: ["stranger", "visitor", "contact", "prospect", "customer", "promoter"],
  rules: [
    { stage: "stranger", event: "ad_impression" },
    { stage: "stranger", event: "social_post_view" },
    { stage: "prospect", event: "page_view", path: "/pricing*" },
    { stage: "visitor", event: "page_view" },
    { stage: "visitor", event: "banner_click" },
    { stage: "visitor", event: "catalog_view" },
    { stage: "visitor", event: "content_read" },
    { stage: "contact", event: "newsletter_signup" },
    { stage: "contact", event: "sign_up" },
    { stage: "contact", event: "contact_form_submit" },
    { stage: "contact", event: "chatbot_question" },
    { stage: "prospect", event: "review_read" },
    { stage: "prospect", event: "demo_request" },
    { stage: "prospect", event: "talk_to_sales" },
    { stage: "prospect", event: "add_to_cart" },
    { stage: "customer", event: "purchase" },
    { stage: "promoter", event: "referral_given" },
    { stage: "promoter", event: "review_submitted" },
    { stage: "promoter", event: "survey_response", property: { key: "nps_category", equals: "promoter" } },
  ],
  conversions: ["purchase"],
});
