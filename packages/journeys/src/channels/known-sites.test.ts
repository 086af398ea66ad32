import { describe, expect, it } from "vitest";
import { siteKindOfHost, siteKindOfSource } from "./known-sites.js";

describe("siteKindOfHost", () => {
  it.each([
    ["www.google.com", "search"],
    ["www.google.co.uk", "search"],
    ["google.de", "search"],
    ["search.yahoo.co.jp", "search"],
    ["yandex.com.tr", "search"],
    ["ya.ru", "search"],
    ["search.brave.com", "search"],
    ["com.google.android.googlequicksearchbox", "search"],
    ["l.facebook.com", "social"],
    ["t.co", "social"],
    ["x.com", "social"],
    ["news.ycombinator.com", "social"],
    ["com.linkedin.android", "social"],
    ["mail.google.com", "email"],
    ["outlook.live.com", "email"],
    ["mail.yahoo.com", "email"],
    ["docs.google.com", null],
    ["accounts.google.com", null],
    ["brave.com", null],
    ["news.example.org", null],
    ["localhost", null],
    ["192.168.1.10", null],
  ])("%s -> %s", (host, kind) => {
    expect(siteKindOfHost(host)).toBe(kind);
  });
});

describe("siteKindOfSource", () => {
  it.each([
    ["google", "search"],
    ["adwords", "search"],
    ["google-cpc", "search"],
    ["duckduckgo.com", "search"],
    ["facebook", "social"],
    ["fb", "social"],
    ["ig", "social"],
    ["facebook_ads", "social"],
    ["m.facebook.com", "social"],
    ["t.co", "social"],
    ["newsletter", "email"],
    ["e-mail", "email"],
    ["partner_site", null],
    ["criteo", null],
  ])("%s -> %s", (source, kind) => {
    expect(siteKindOfSource(source)).toBe(kind);
  });
});
