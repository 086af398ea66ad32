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
  [2, { url: PAGE, clickId: { gclid: "Cj0" } }, null, "paid_search"],
  [2, { clickId: { gbraid: "x" } }, null, "paid_search"],
  [2, { clickId: { wbraid: "x" } }, null, "paid_search"],
  [2, { clickId: { msclkid: "x" } }, null, "paid_search"],
  [2, { clickId: { gclid: "x" }, utm: { source: "newsletter", medium: "email" } }, null, "paid_search"],
  [3, { clickId: { dclid: "x" } }, null, "display"],
  [4, { utm: { source: "facebook", medium: "cpc" } }, null, "paid_social"],
  [4, { utm: { source: "ig", medium: "paid" } }, null, "paid_social"],
  [4, { utm: { source: "linkedin", medium: "cpm" } }, null, "paid_social"],
  [4, { utm: { source: "partner", medium: "paid_social" } }, null, "paid_social"],
  [4, { utm: { medium: "Paid Social" }, clickId: { fbclid: "x" } }, null, "paid_social"],
  [5, { utm: { medium: "display" } }, null, "display"],
  [5, { utm: { medium: "banner", source: "adnet" } }, null, "display"],
  [5, { utm: { medium: "CPM", source: "criteo" } }, null, "display"],
  [5, { utm: { medium: "paid_display" } }, null, "display"],
  [6, { utm: { source: "google", medium: "cpc" } }, null, "paid_search"],
  [6, { utm: { medium: "ppc" } }, null, "paid_search"],
  [6, { utm: { source: "bing", medium: "paidsearch" } }, null, "paid_search"],
  [6, { utm: { medium: "retargeting" } }, null, "paid_search"],
  [7, { utm: { medium: "email", source: "facebook" } }, null, "email"],
  [7, { utm: { medium: "E-Mail" } }, null, "email"],
  [7, { utm: { medium: "e_mail" } }, null, "email"],
  [7, { utm: { medium: "e mail" } }, null, "email"],
  [7, { utm: { medium: "newsletter", source: "march" } }, null, "email"],
  [8, { utm: { medium: "affiliate", source: "instagram" } }, null, "affiliate"],
  [8, { utm: { medium: "Affiliates" } }, null, "affiliate"],
  [9, { utm: { medium: "social" } }, null, "organic_social"],
  [9, { utm: { medium: "social network" } }, null, "organic_social"],
  [9, { utm: { medium: "Social_Media" } }, null, "organic_social"],
  [9, { utm: { medium: "sm" } }, null, "organic_social"],
  [9, { utm: { medium: "social", source: "facebook" }, clickId: { fbclid: "x" } }, null, "organic_social"],
  [10, { utm: { medium: "organic", source: "instagram" } }, null, "organic_social"],
  [11, { utm: { medium: "organic", source: "google" } }, null, "organic_search"],
  [11, { utm: { medium: "organic_search" } }, null, "organic_search"],
  [12, { utm: { medium: "referral", source: "partner" } }, null, "referral"],
  [12, { utm: { medium: "link" } }, null, "referral"],
  [12, { utm: { medium: "app" } }, null, "referral"],
  [13, { clickId: { fbclid: "IwAR" } }, null, "paid_social"],
  [13, { clickId: { ttclid: "x" } }, null, "paid_social"],
  [13, { clickId: { li_fat_id: "x" } }, null, "paid_social"],
  [13, { clickId: { twclid: "x" } }, null, "paid_social"],
  [13, { clickId: { fbclid: "x" }, referrer: "https://l.facebook.com/" }, null, "paid_social"],
  [13, { clickId: { fbclid: "x" }, utm: { source: "facebook" } }, null, "paid_social"],
  [14, { utm: { source: "newsletter" } }, null, "email"],
  [14, { utm: { source: "Email" } }, null, "email"],
  [15, { utm: { source: "facebook" } }, null, "organic_social"],
  [15, { utm: { source: "fb" } }, null, "organic_social"],
  [15, { utm: { source: "m.facebook.com" } }, null, "organic_social"],
  [15, { utm: { source: "t.co", campaign: "launch" } }, null, "organic_social"],
  [15, { utm: { source: "facebook_ads" } }, null, "organic_social"],
  [16, { utm: { source: "google" } }, null, "organic_search"],
  [16, { utm: { source: "bing" }, referrer: "https://partner.example/" }, null, "organic_search"],
  [16, { utm: { source: "duckduckgo.com" } }, null, "organic_search"],
  [17, { url: "https://shop.example/cart", referrer: "https://shop.example/products/42" }, null, "internal"],
  [17, { url: PAGE, referrer: "https://www.shop.example/" }, null, "internal"],
  [17, { url: "https://checkout.example/pay", referrer: "https://blog.shop.example/post" }, "shop.example", "internal"],
  [17, { referrer: "https://shop.example/" }, "https://www.shop.example/", "internal"],
  [17, { referrer: "https://www.google.com/" }, "google.com", "internal"],
  [18, { url: PAGE, referrer: "https://www.google.com/" }, null, "organic_search"],
  [18, { referrer: "https://www.google.co.uk/search?q=shoes" }, null, "organic_search"],
  [18, { referrer: "https://duckduckgo.com/" }, null, "organic_search"],
  [18, { referrer: "https://www.bing.com/search?q=x" }, null, "organic_search"],
  [18, { referrer: "https://search.yahoo.com/" }, null, "organic_search"],
  [18, { referrer: "https://www.baidu.com/link?url=x" }, null, "organic_search"],
  [18, { referrer: "https://yandex.ru/" }, null, "organic_search"],
  [18, { referrer: "https://www.ecosia.org/" }, null, "organic_search"],
  [18, { referrer: "android-app://com.google.android.googlequicksearchbox/" }, null, "organic_search"],
  [19, { referrer: "https://l.facebook.com/l.php?u=x" }, null, "organic_social"],
  [19, { referrer: "https://www.instagram.com/" }, null, "organic_social"],
  [19, { referrer: "https://t.co/abc" }, null, "organic_social"],
  [19, { referrer: "https://x.com/someone" }, null, "organic_social"],
  [19, { referrer: "https://www.linkedin.com/feed/" }, null, "organic_social"],
  [19, { referrer: "https://www.reddit.com/r/x" }, null, "organic_social"],
  [19, { referrer: "https://www.pinterest.fr/" }, null, "organic_social"],
  [19, { referrer: "https://www.tiktok.com/" }, null, "organic_social"],
  [19, { referrer: "https://www.youtube.com/watch?v=x" }, null, "organic_social"],
  [19, { referrer: "android-app://com.linkedin.android/" }, null, "organic_social"],
  [20, { referrer: "https://mail.google.com/" }, null, "email"],
  [20, { referrer: "https://outlook.live.com/mail/0/" }, null, "email"],
  [20, { referrer: "https://mail.yahoo.com/" }, null, "email"],
  [20, { referrer: "android-app://com.google.android.gm/" }, null, "email"],
  [21, { url: PAGE, referrer: "https://news.example.org/article" }, null, "referral"],
  [21, { referrer: "https://docs.google.com/document/d/1" }, null, "referral"],
  [21, { utm: { source: "partner_site", medium: "qr" }, referrer: "https://partner.example/" }, null, "referral"],
  [22, { url: PAGE, utm: { medium: "qr" } }, null, "unassigned"],
  [22, { utm: { source: "partner_site" } }, null, "unassigned"],
  [23, {}, null, "direct"],
  [23, { url: PAGE, path: "/products/42" }, null, "direct"],
  [23, { utm: { source: "(direct)", medium: "(none)" } }, null, "direct"],
  [23, { url: PAGE, referrer: "about:blank" }, null, "direct"],
  [23, { url: PAGE, referrer: "" }, null, "direct"],
  [23, { utm: { campaign: "spring" } }, null, "direct"],
];

function matchedRow(context: EventContext, siteHost: string | null): number {
  const signals = channelSignals(context, siteHost);
  return CHANNEL_RULES.findIndex((rule) => rule.test(signals)) + 1;
}

describe("classifyChannel", () => {
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
