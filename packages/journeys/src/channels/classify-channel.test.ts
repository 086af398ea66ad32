import type { EventContext } from "@touchpoint/protocol";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHANNEL_RULES } from "./channel-rules.js";
import { channelSignals } from "./channel-signals.js";
import { classifyChannel } from "./classify-channel.js";

const PAGE = "https://shop.example/products/42";

/** [row of CHANNEL_RULES (1-based), context, siteHost, channel] */
type Case = [number, EventContext, string | null, string];

const CASES: Case[] = [
  [1, { channel: "call_center" }, null, "call_center"],
  [1, { channel: "store", utm: { medium: "cpc" }, clickId: { gclid: "g" }, referrer: "https://www.google.com/" }, null, "store"],
  [2, {}, null, "direct"],
  [2, { url: PAGE, path: "/products/42" }, null, "direct"],
  [2, { utm: { source: "(direct)", medium: "(none)" } }, null, "direct"],
  [2, { utm: { source: "(direct)", medium: "(not set)" } }, null, "direct"],
  [2, { url: PAGE, referrer: "about:blank" }, null, "direct"],
  [2, { url: PAGE, referrer: "" }, null, "direct"],
  [2, { utm: { campaign: "spring" } }, null, "direct"],
  [2, { url: PAGE, referrer: "https://shop.example/cart" }, null, "direct"],
  [2, { url: "https://checkout.example/pay", referrer: "https://blog.shop.example/post" }, "shop.example", "direct"],
  [2, { referrer: "https://www.google.com/" }, "google.com", "direct"],
  [3, { utm: { source: "google", medium: "cpc", campaign: "PMax cross-network 2026" } }, null, "cross_network"],
  [3, { utm: { source: "youtube", medium: "referral", campaign: "cross-network" } }, null, "cross_network"],
  [4, { utm: { source: "amazon", medium: "cpc" } }, null, "paid_shopping"],
  [4, { utm: { source: "google", medium: "cpc", campaign: "Shopping - boots" } }, null, "paid_shopping"],
  [4, { utm: { source: "meta", medium: "paid", campaign: "summer_shop" } }, null, "paid_shopping"],
  [5, { url: PAGE, clickId: { gclid: "Cj0" } }, null, "paid_search"],
  [5, { clickId: { gbraid: "x" } }, null, "paid_search"],
  [5, { clickId: { wbraid: "x" } }, null, "paid_search"],
  [5, { clickId: { msclkid: "x" } }, null, "paid_search"],
  [5, { clickId: { gclid: "x" }, utm: { source: "newsletter", medium: "email" } }, null, "paid_search"],
  [5, { utm: { source: "bing", medium: "cpc" } }, null, "paid_search"],
  [5, { utm: { source: "Google", medium: "PPC" } }, null, "paid_search"],
  [5, { url: "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand" }, null, "paid_search"],
  [6, { utm: { source: "facebook", medium: "cpc" } }, null, "paid_social"],
  [6, { utm: { source: "ig", medium: "paid" } }, null, "paid_social"],
  [6, { utm: { source: "linkedin", medium: "paid_social" } }, null, "paid_social"],
  [6, { utm: { source: "facebook", medium: "retargeting" }, clickId: { fbclid: "x" } }, null, "paid_social"],
  [7, { utm: { source: "youtube", medium: "cpv" } }, null, "paid_video"],
  [7, { utm: { source: "vimeo.com", medium: "paid_video" } }, null, "paid_video"],
  [8, { clickId: { dclid: "x" } }, null, "display"],
  [8, { utm: { source: "gdn", medium: "display" } }, null, "display"],
  [8, { utm: { source: "criteo", medium: "banner" } }, null, "display"],
  [8, { utm: { medium: "expandable" } }, null, "display"],
  [8, { utm: { medium: "interstitial" } }, null, "display"],
  [9, { utm: { source: "criteo", medium: "cpc" } }, null, "paid_other"],
  [9, { utm: { source: "facebook_ads", medium: "cpc" } }, null, "paid_other"],
  [9, { utm: { medium: "retargeting" } }, null, "paid_other"],
  [10, { utm: { source: "ebay", medium: "referral" } }, null, "organic_shopping"],
  [10, { referrer: "https://www.amazon.com/gp/product/x" }, null, "organic_shopping"],
  [10, { utm: { source: "partner", medium: "link", campaign: "shop_window" } }, null, "organic_shopping"],
  [11, { referrer: "https://l.facebook.com/l.php?u=x" }, null, "organic_social"],
  [11, { url: `${PAGE}?fbclid=IwAR0`, referrer: "https://m.facebook.com/" }, null, "organic_social"],
  [11, { url: `${PAGE}?fbclid=IwAR0` }, null, "organic_social"],
  [11, { clickId: { fbclid: "x" } }, null, "organic_social"],
  [11, { clickId: { ttclid: "x" } }, null, "organic_social"],
  [11, { referrer: "https://www.instagram.com/" }, null, "organic_social"],
  [11, { referrer: "https://t.co/abc" }, null, "organic_social"],
  [11, { referrer: "https://www.linkedin.com/feed/" }, null, "organic_social"],
  [11, { referrer: "https://www.reddit.com/r/x" }, null, "organic_social"],
  [11, { referrer: "https://www.pinterest.fr/" }, null, "organic_social"],
  [11, { referrer: "https://de.pinterest.com/" }, null, "organic_social"],
  [11, { referrer: "android-app://com.linkedin.android/" }, null, "organic_social"],
  [11, { utm: { source: "facebook", medium: "email" } }, null, "organic_social"],
  [11, { utm: { source: "partner", medium: "social network" } }, null, "organic_social"],
  [11, { utm: { medium: "sm" } }, null, "organic_social"],
  [12, { referrer: "https://www.youtube.com/watch?v=x" }, null, "organic_video"],
  [12, { referrer: "https://m.youtube.com/" }, null, "organic_video"],
  [12, { utm: { source: "partner", medium: "video_embed" } }, null, "organic_video"],
  [12, { utm: { source: "twitch" } }, null, "organic_video"],
  [13, { url: PAGE, referrer: "https://www.google.com/" }, null, "organic_search"],
  [13, { referrer: "https://www.google.co.uk/search?q=shoes" }, null, "organic_search"],
  [13, { referrer: "https://google.de/" }, null, "organic_search"],
  [13, { referrer: "https://duckduckgo.com/" }, null, "organic_search"],
  [13, { referrer: "https://www.bing.com/search?q=x" }, null, "organic_search"],
  [13, { referrer: "https://search.yahoo.com/" }, null, "organic_search"],
  [13, { referrer: "https://search.yahoo.co.jp/" }, null, "organic_search"],
  [13, { referrer: "https://www.baidu.com/link?url=x" }, null, "organic_search"],
  [13, { referrer: "https://yandex.ru/" }, null, "organic_search"],
  [13, { referrer: "https://yandex.com.tr/" }, null, "organic_search"],
  [13, { referrer: "https://www.ecosia.org/" }, null, "organic_search"],
  [14, { referrer: "https://mail.google.com/" }, null, "referral"],
  [13, { referrer: "android-app://com.google.android.googlequicksearchbox/" }, null, "organic_search"],
  [13, { utm: { source: "google" } }, null, "organic_search"],
  [13, { utm: { source: "newsletter", medium: "organic" } }, null, "organic_search"],
  [14, { url: PAGE, referrer: "https://news.example.org/article" }, null, "referral"],
  [14, { referrer: "https://docs.google.com/document/d/1" }, null, "referral"],
  [14, { referrer: "https://www.cnn.com/" }, null, "referral"],
  [14, { referrer: "https://outlook.live.com/mail/0/" }, null, "referral"],
  [14, { utm: { source: "partner_site", medium: "app" } }, null, "referral"],
  [14, { utm: { medium: "link" } }, null, "referral"],
  [15, { utm: { source: "newsletter", medium: "email" } }, null, "email"],
  [15, { utm: { source: "E-Mail" } }, null, "email"],
  [15, { utm: { source: "crm", medium: "e mail" } }, null, "email"],
  [15, { url: "https://shop.example/?utm_source=newsletter&utm_medium=e_mail&utm_campaign=winback" }, null, "email"],
  [16, { utm: { source: "dealfinder", medium: "affiliate" } }, null, "affiliates"],
  [17, { utm: { source: "spotify", medium: "audio" } }, null, "audio"],
  [18, { utm: { source: "sms" } }, null, "sms"],
  [18, { utm: { source: "twilio", medium: "sms" } }, null, "sms"],
  [19, { utm: { source: "app", medium: "push" } }, null, "mobile_push_notifications"],
  [19, { utm: { source: "app", medium: "web-push" } }, null, "mobile_push_notifications"],
  [19, { utm: { source: "app", medium: "mobile" } }, null, "mobile_push_notifications"],
  [19, { utm: { source: "app", medium: "notification" } }, null, "mobile_push_notifications"],
  [19, { utm: { source: "firebase" } }, null, "mobile_push_notifications"],
  [20, { utm: { medium: "qr" } }, null, "unassigned"],
  [20, { utm: { source: "partner_site" } }, null, "unassigned"],
  [20, { utm: { source: "newsletter", medium: "newsletter" } }, null, "unassigned"],
  [20, { utm: { source: "partner_site", medium: "qr" }, referrer: "https://partner.example/" }, null, "unassigned"],
];

function matchedRow(context: EventContext, siteHost: string | null): number {
  const signals = channelSignals(context, siteHost);
  return CHANNEL_RULES.findIndex((rule) => rule.test(signals)) + 1;
}

describe("classifyChannel: GA4's default channel group", () => {
  it.each(CASES)("row %i: %j (siteHost %s) -> %s", (row, context, siteHost, channel) => {
    expect(classifyChannel(context, { siteHost })).toBe(channel);
    // Each case must be decided by the row it names, not by luck further down the table.
    expect(matchedRow(context, siteHost)).toBe(row);
  });

  it("has cases for every row of the table", () => {
    const covered = new Set(CASES.map(([row]) => row));
    expect(CHANNEL_RULES.map((_, index) => covered.has(index + 1))).toEqual(CHANNEL_RULES.map(() => true));
  });

  it("works without options", () => {
    expect(classifyChannel({ referrer: "https://www.bing.com/" })).toBe("organic_search");
  });
});

describe("channelSignals", () => {
  it("derives source and medium as GA4 does", () => {
    expect(channelSignals({ clickId: { gclid: "x" }, utm: { source: "newsletter", medium: "email", campaign: "Spring" } })).toMatchObject({
      source: "google",
      medium: "cpc",
      campaign: "spring",
      category: "search",
    });
    expect(channelSignals({ clickId: { dclid: "x" } })).toMatchObject({ source: "dfa", medium: "cpm" });
    expect(channelSignals({ referrer: "https://www.google.co.uk/" })).toMatchObject({
      source: "google.co.uk",
      medium: "organic",
      category: "search",
    });
    expect(channelSignals({ referrer: "https://www.facebook.com/" })).toMatchObject({
      source: "facebook.com",
      medium: "referral",
      category: "social",
    });
    expect(channelSignals({ url: PAGE, referrer: "https://shop.example/" })).toMatchObject({
      source: "",
      medium: "",
      sameSiteReferrer: true,
    });
  });
});

describe("CHANNELS.md", () => {
  const markdown = readFileSync(new URL("../../CHANNELS.md", import.meta.url), "utf8");
  const tableRows = markdown.split("\n").filter((line) => /^\| \d+ \|/.test(line));

  it("shows every row of CHANNEL_RULES, in order, with its channel", () => {
    const expected = CHANNEL_RULES.map(
      (rule, index) =>
        `| ${index + 1} | ${rule.when} | ${typeof rule.channel === "function" ? "the value of `context.channel`" : `\`${rule.channel}\``} |`,
    );
    expect(tableRows).toEqual(expected);
  });
});
