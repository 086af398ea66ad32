/**
 * The channels classifyChannel can give. An explicit `context.channel` from a server-side source
 * (call_center, store, event, crm, ...) is passed through as it is, so a channel is any
 * snake_case string; these are the ones derived from the traffic itself.
 */
export const CHANNELS = [
  "paid_search",
  "organic_search",
  "paid_social",
  "organic_social",
  "email",
  "display",
  "affiliate",
  "referral",
  "internal",
  "unassigned",
  "direct",
] as const;

export type DerivedChannel = (typeof CHANNELS)[number];

/** A derived channel or an explicit one; `string & {}` keeps editor completion of the known names. */
export type Channel = DerivedChannel | (string & {});
