import { describe, expect, it } from "vitest";
import { CHROME_ANDROID, CHROME_WINDOWS, GOOGLEBOT, HEADLESS_CHROME, SAFARI_IPAD, SAFARI_IPHONE } from "../testing/user-agents.js";
import { createUserAgentLookup, describeUserAgent } from "./user-agent-info.js";

describe("describeUserAgent", () => {
  it.each([
    [CHROME_WINDOWS, { bot: false, device: { browser: "Chrome", os: "Windows", type: "desktop" } }],
    [SAFARI_IPHONE, { bot: false, device: { browser: "Mobile Safari", os: "iOS", type: "mobile" } }],
    [SAFARI_IPAD, { bot: false, device: { browser: "Mobile Safari", os: "iOS", type: "tablet" } }],
    [CHROME_ANDROID, { bot: false, device: { browser: "Chrome", os: "Android", type: "mobile" } }],
    [GOOGLEBOT, { bot: true, device: { browser: null, os: null, type: "unknown" } }],
    [HEADLESS_CHROME, { bot: true, device: { browser: "Chrome Headless", os: "Linux", type: "desktop" } }],
    ["curl/8.5.0", { bot: false, device: { browser: null, os: null, type: "unknown" } }],
  ])("reads %s", (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toEqual(expected);
  });
});

describe("createUserAgentLookup", () => {
  it("answers a repeated user agent from its cache, and keeps only the most recent entries", () => {
    const lookup = createUserAgentLookup(2);
    const first = lookup(CHROME_WINDOWS);
    expect(lookup(CHROME_WINDOWS)).toBe(first);
    lookup(SAFARI_IPHONE);
    lookup(GOOGLEBOT);
    const again = lookup(CHROME_WINDOWS);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
