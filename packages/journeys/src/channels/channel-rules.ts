/**
 * The channel table: rows are tried top to bottom and the first that matches names the session's
 * channel. Modelled on GA4's default channel grouping, with three deliberate differences:
 * utm_medium speaks before utm_source (the medium is the analyst's own word for the channel),
 * fbclid-style click ids count only when no utm_medium says otherwise (Facebook adds fbclid to
 * organic links too), and a referrer is used when tagging names no known channel.
 * CHANNELS.md renders this table; its test keeps the two in step.
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

// GA4's paid-medium pattern: cpc, ppc, cpv, cpa, cpm, retargeting, paid, paidsearch, paid-social, ...
const PAID_MEDIUM = /^(?:.*cp.*|ppc|retargeting|paid.*)$/;
const DISPLAY_MEDIUM = /display|^(?:banner|cpm|expandable|interstitial)$/;
const EMAIL_MEDIUMS = new Set(["email", "e-mail", "newsletter"]);
const AFFILIATE_MEDIUMS = new Set(["affiliate", "affiliates"]);
const SOCIAL_MEDIUMS = new Set(["social", "social-network", "social-media", "sm", "organic-social"]);
const ORGANIC_MEDIUMS = new Set(["organic", "organic-search"]);
const REFERRAL_MEDIUMS = new Set(["referral", "link", "app"]);

const paid = (s: ChannelSignals) => PAID_MEDIUM.test(s.medium);

export const CHANNEL_RULES: readonly ChannelRule[] = [
  {
    when: "`context.channel` is set (server-side sources: call_center, store, event, crm, ...)",
    test: (s) => s.explicit !== null,
    channel: (s) => s.explicit as string,
  },
  { when: "click id `gclid`, `gbraid`, `wbraid` or `msclkid` (search ads auto-tagging)", test: (s) => s.searchClickId, channel: "paid_search" },
  { when: "click id `dclid` (Campaign Manager / Display & Video 360)", test: (s) => s.displayClickId, channel: "display" },
  {
    when: "paid `utm_medium` (contains `cp`, is `ppc` or `retargeting`, or starts with `paid`) and a social `utm_source` or a medium containing `social`",
    test: (s) => paid(s) && (s.sourceKind === "social" || s.medium.includes("social")),
    channel: "paid_social",
  },
  {
    when: "`utm_medium` contains `display`, or is `banner`, `cpm`, `expandable` or `interstitial`",
    test: (s) => DISPLAY_MEDIUM.test(s.medium),
    channel: "display",
  },
  { when: "any other paid `utm_medium` (`cpc`, `ppc`, `paidsearch`, `retargeting`, ...)", test: paid, channel: "paid_search" },
  { when: "`utm_medium` is `email`, `e-mail`, `e_mail`, `e mail` or `newsletter`", test: (s) => EMAIL_MEDIUMS.has(s.medium), channel: "email" },
  { when: "`utm_medium` is `affiliate` or `affiliates`", test: (s) => AFFILIATE_MEDIUMS.has(s.medium), channel: "affiliate" },
  {
    when: "`utm_medium` is `social`, `social-network`, `social-media`, `sm` or `organic_social` (spaces and `_` read as `-`)",
    test: (s) => SOCIAL_MEDIUMS.has(s.medium),
    channel: "organic_social",
  },
  {
    when: "`utm_medium` is `organic` and `utm_source` is a social network",
    test: (s) => ORGANIC_MEDIUMS.has(s.medium) && s.sourceKind === "social",
    channel: "organic_social",
  },
  { when: "`utm_medium` is `organic` or `organic_search`", test: (s) => ORGANIC_MEDIUMS.has(s.medium), channel: "organic_search" },
  { when: "`utm_medium` is `referral`, `link` or `app`", test: (s) => REFERRAL_MEDIUMS.has(s.medium), channel: "referral" },
  {
    when: "click id `fbclid`, `ttclid`, `li_fat_id` or `twclid` (no `utm_medium` above matched)",
    test: (s) => s.socialClickId,
    channel: "paid_social",
  },
  { when: "`utm_source` is an email name (`email`, `newsletter`, ...)", test: (s) => s.sourceKind === "email", channel: "email" },
  {
    when: "`utm_source` is a social network (`facebook`, `fb`, `ig`, `linkedin`, `t.co`, ...)",
    test: (s) => s.sourceKind === "social",
    channel: "organic_social",
  },
  { when: "`utm_source` is a search engine (`google`, `bing`, ...)", test: (s) => s.sourceKind === "search", channel: "organic_search" },
  {
    when: "referrer host is the site's host or one of its subdomains (`siteHost`, else the page's own host)",
    test: (s) => s.referrer === "internal",
    channel: "internal",
  },
  {
    when: "referrer is a search engine (google, bing, duckduckgo, yahoo, baidu, yandex, ecosia, ...)",
    test: (s) => s.referrer === "search",
    channel: "organic_search",
  },
  {
    when: "referrer is a social network (facebook, instagram, t.co, x, linkedin, reddit, pinterest, tiktok, youtube, ...)",
    test: (s) => s.referrer === "social",
    channel: "organic_social",
  },
  { when: "referrer is a webmail client (mail.google.com, outlook.live.com, mail.yahoo.com, ...)", test: (s) => s.referrer === "email", channel: "email" },
  { when: "any other referrer", test: (s) => s.referrer === "other", channel: "referral" },
  {
    when: "`utm_source` or `utm_medium` is set but no row above matched",
    test: (s) => s.medium !== "" || s.source !== "",
    channel: "unassigned",
  },
  { when: "nothing above", test: () => true, channel: "direct" },
];
