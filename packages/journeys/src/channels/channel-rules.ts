/**
 * The channel table: GA4's default channel group, rows tried top to bottom, the first match
 * naming the session's channel. Row 1 (an explicit `context.channel`) is ours, for offline
 * sources; rows 2-21 are GA4's definitions in GA4's order, on the source and medium that
 * channelSignals derives as GA4 does. CHANNELS.md renders this table; its test keeps the two in step.
 */
import type { Channel } from "./channel-names.js";
import type { ChannelSignals } from "./channel-signals.js";

export interface ChannelRule {
  /** The condition, in words, as CHANNELS.md shows it. */
  when: string;
  test(signals: ChannelSignals): boolean;
  /** The channel, or how to take it from the signals. */
  channel: Channel | ((signals: ChannelSignals) => Channel);
}

// A paid medium and a shopping campaign, as GA4 defines them (CHANNELS.md quotes both).
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const DISPLAY_MEDIUMS = new Set(["display", "banner", "expandable", "interstitial", "cpm"]);
const SOCIAL_MEDIUMS = new Set(["social", "social-network", "social-media", "sm", "social network", "social media"]);
const REFERRAL_MEDIUMS = new Set(["referral", "app", "link"]);
const EMAIL_NAMES = new Set(["email", "e-mail", "e_mail", "e mail"]);

const paid = (s: ChannelSignals) => PAID_MEDIUM.test(s.medium);
const shopping = (s: ChannelSignals) => s.category === "shopping" || SHOPPING_CAMPAIGN.test(s.campaign);

export const CHANNEL_RULES: readonly ChannelRule[] = [
  {
    when: "`context.channel` is set (server-side sources: call_center, store, event, crm, ...)",
    test: (s) => s.explicit !== null,
    channel: (s) => s.explicit as string,
  },
  {
    when: "no source and no medium (source `(direct)`, medium `(none)` or `(not set)`)",
    test: (s) => s.source === "" && s.medium === "",
    channel: "direct",
  },
  { when: "campaign contains `cross-network`", test: (s) => s.campaign.includes("cross-network"), channel: "cross_network" },
  {
    when: "source is a shopping site or the campaign a shopping campaign, and the medium is paid",
    test: (s) => shopping(s) && paid(s),
    channel: "paid_shopping",
  },
  { when: "source is a search site and the medium is paid", test: (s) => s.category === "search" && paid(s), channel: "paid_search" },
  { when: "source is a social site and the medium is paid", test: (s) => s.category === "social" && paid(s), channel: "paid_social" },
  { when: "source is a video site and the medium is paid", test: (s) => s.category === "video" && paid(s), channel: "paid_video" },
  {
    when: "medium is `display`, `banner`, `expandable`, `interstitial` or `cpm`",
    test: (s) => DISPLAY_MEDIUMS.has(s.medium),
    channel: "display",
  },
  { when: "the medium is paid", test: paid, channel: "paid_other" },
  { when: "source is a shopping site, or the campaign a shopping campaign", test: shopping, channel: "organic_shopping" },
  {
    when: "source is a social site, or medium is `social`, `social-network`, `social-media`, `sm`, `social network` or `social media`",
    test: (s) => s.category === "social" || SOCIAL_MEDIUMS.has(s.medium),
    channel: "organic_social",
  },
  {
    when: "source is a video site, or medium contains `video`",
    test: (s) => s.category === "video" || s.medium.includes("video"),
    channel: "organic_video",
  },
  {
    when: "source is a search site, or medium is `organic`",
    test: (s) => s.category === "search" || s.medium === "organic",
    channel: "organic_search",
  },
  { when: "medium is `referral`, `app` or `link`", test: (s) => REFERRAL_MEDIUMS.has(s.medium), channel: "referral" },
  {
    when: "source or medium is `email`, `e-mail`, `e_mail` or `e mail`",
    test: (s) => EMAIL_NAMES.has(s.source) || EMAIL_NAMES.has(s.medium),
    channel: "email",
  },
  { when: "medium is `affiliate`", test: (s) => s.medium === "affiliate", channel: "affiliates" },
  { when: "medium is `audio`", test: (s) => s.medium === "audio", channel: "audio" },
  { when: "source or medium is `sms`", test: (s) => s.source === "sms" || s.medium === "sms", channel: "sms" },
  {
    when: "medium ends with `push` or contains `mobile` or `notification`, or source is `firebase`",
    test: (s) => s.medium.endsWith("push") || s.medium.includes("mobile") || s.medium.includes("notification") || s.source === "firebase",
    channel: "mobile_push_notifications",
  },
  { when: "nothing above", test: () => true, channel: "unassigned" },
];
