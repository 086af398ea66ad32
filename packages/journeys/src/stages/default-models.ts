/**
 * The stage models Touchpoint ships: the default of DOMAIN.md and the two other models teams
 * commonly use. Each is validated by stageModelSchema when this module loads and frozen, since
 * compiled models are cached per object.
 */
import { CHANNELS } from "../channels/channel-names.js";
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

/** One rule per event name, all placing that event in `stage`. */
function eventsIn(stage: string, events: readonly string[]): StageModelInput["rules"] {
  return events.map((event) => ({ stage, event }));
}

/** Channels of messages to known contacts: a landing from them is consideration. */
const MESSAGE_CHANNELS: string[] = ["email", "sms", "mobile_push_notifications"];

/**
 * Channels whose landing page marks a new contact from outside: every derived channel but direct,
 * unassigned and the messages sent to people who already gave their contact (email, sms, push).
 */
const OUTSIDE_CHANNELS: string[] = CHANNELS.filter(
  (channel) => channel !== "direct" && channel !== "unassigned" && !MESSAGE_CHANNELS.includes(channel),
);

/**
 * awareness -> consideration -> evaluation -> purchase -> loyalty, with every touchpoint DOMAIN.md
 * names (README lists these rules). Rules for the same event are tried in order, so page views
 * are placed by their path first (/blog: awareness, /pricing: evaluation), then by how their
 * session arrived. A customer's first purchase is the purchase stage; every later purchase is
 * loyalty (a repeat purchase), so a returning buyer reaches loyalty without any other loyalty
 * touchpoint.
 */
export const DEFAULT_STAGE_MODEL: StageModel = shippedModel({
  stages: ["awareness", "consideration", "evaluation", "purchase", "loyalty"],
  rules: [
    ...eventsIn("awareness", [
      "banner_click",
      "ad_click",
      "social_post",
      "social_post_click",
      "search_landing",
      "blog_read",
      "event_attended",
      "peer_referral",
    ]),
    { stage: "awareness", event: "page_view", path: "/blog*" },
    { stage: "evaluation", event: "page_view", path: "/pricing*" },
    { stage: "awareness", event: "page_view", landing: true, channel: OUTSIDE_CHANNELS },
    { stage: "consideration", event: "page_view", landing: true, channel: MESSAGE_CHANNELS },
    ...eventsIn("consideration", [
      "catalog_view",
      "product_view",
      "content_read",
      "comparison_view",
      "newsletter_signup",
      "newsletter_open",
    ]),
    ...eventsIn("evaluation", ["review_read", "chatbot_question", "talk_to_sales", "demo_request", "pricing_page"]),
    ...eventsIn("purchase", ["add_to_cart", "begin_checkout", "checkout", "order_completed", "point_of_sale", "billing"]),
    { stage: "purchase", event: "purchase", occurrence: "first" },
    { stage: "loyalty", event: "purchase", occurrence: "repeat" },
    ...eventsIn("loyalty", [
      "onboarding",
      "support_contact",
      "survey_response",
      "feedback",
      "thank_you",
      "upsell_email",
      "cross_sell_email",
      "subscription_renewal",
      "referral_given",
    ]),
  ],
  conversions: ["purchase"],
});

/** acquisition -> purchase -> retention. */
export const THREE_STAGE_MODEL: StageModel = shippedModel({
  stages: ["acquisition", "purchase", "retention"],
  rules: [
    ...eventsIn("acquisition", ["banner_click", "ad_click", "social_post_click"]),
    { stage: "acquisition", event: "page_view", landing: true, channel: [...OUTSIDE_CHANNELS, ...MESSAGE_CHANNELS] },
    ...eventsIn("acquisition", ["catalog_view", "review_read", "chatbot_question", "newsletter_signup"]),
    ...eventsIn("purchase", ["add_to_cart", "checkout"]),
    { stage: "purchase", event: "purchase", occurrence: "first" },
    { stage: "retention", event: "purchase", occurrence: "repeat" },
    ...eventsIn("retention", ["onboarding", "support_contact", "subscription_renewal", "survey_response", "referral_given"]),
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
    ...eventsIn("stranger", ["ad_impression", "social_post_view"]),
    { stage: "prospect", event: "page_view", path: "/pricing*" },
    ...eventsIn("visitor", ["page_view", "banner_click", "catalog_view", "content_read"]),
    ...eventsIn("contact", ["newsletter_signup", "sign_up", "contact_form_submit", "chatbot_question"]),
    ...eventsIn("prospect", ["review_read", "demo_request", "talk_to_sales", "add_to_cart"]),
    { stage: "customer", event: "purchase" },
    ...eventsIn("promoter", ["referral_given", "review_submitted"]),
    { stage: "promoter", event: "survey_response", property: { key: "nps_category", equals: "promoter" } },
  ],
  conversions: ["purchase"],
});

/**
 * The shipped models by the name the query API's `stageModel` parameter takes: a site's reports
 * can be read through any of them beside its own.
 */
export const SHIPPED_STAGE_MODELS = Object.freeze({
  default: DEFAULT_STAGE_MODEL,
  three_stage: THREE_STAGE_MODEL,
  sales_funnel: SALES_FUNNEL_MODEL,
} as const);

export type ShippedStageModelName = keyof typeof SHIPPED_STAGE_MODELS;
