/**
 * The channels classifyChannel can give: GA4's default channel group, in snake_case. An explicit
 * `context.channel` from a server-side source (call_center, store, event, crm, ...) is passed
 * through as it is, so a channel is any snake_case string; these are the ones derived from the
 * traffic itself.
 */
export const CHANNELS = [
  "direct",
  "cross_network",
  "paid_shopping",
  "paid_search",
  "paid_social",
  "paid_video",
  "display",
  "paid_other",
  "organic_shopping",
  "organic_social",
  "organic_video",
  "organic_search",
  "referral",
  "email",
  "affiliates",
  "audio",
  "sms",
  "mobile_push_notifications",
  "unassigned",
] as const;

export type DerivedChannel = (typeof CHANNELS)[number];

/** A derived channel or an explicit one; `string & {}` keeps editor completion of the known names. */
export type Channel = DerivedChannel | (string & {});
