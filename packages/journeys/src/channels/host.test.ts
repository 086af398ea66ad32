import { describe, expect, it } from "vitest";
import { hostOf, isSameSite, normalizeSiteHost } from "./host.js";

describe("hostOf", () => {
  it.each([
    ["https://www.Google.com:443/search?q=x", "www.google.com"],
    ["http://user:secret@Example.org/", "example.org"],
    ["//cdn.example/app.js", "cdn.example"],
    ["example.com/path", "example.com"],
    ["shop.example:8080", "shop.example"],
    ["android-app://com.google.android.gm/", "com.google.android.gm"],
    ["https://[::1]:8080/", "[::1]"],
    ["https://example.com./", "example.com"],
    ["https://example.com?x=1", "example.com"],
    ["https://example.com#top", "example.com"],
  ])("%s -> %s", (url, host) => {
    expect(hostOf(url)).toBe(host);
  });

  it.each(["", "/relative/path", "about:blank", "https:///nohost", "not a url"])("%j has no host", (url) => {
    expect(hostOf(url)).toBeNull();
  });
});

describe("site hosts", () => {
  it("normalizes what users write to a bare host without www", () => {
    expect(normalizeSiteHost("https://WWW.Shop.example:8080/")).toBe("shop.example");
    expect(normalizeSiteHost("shop.example:3000")).toBe("shop.example");
    expect(normalizeSiteHost("www.shop.example")).toBe("shop.example");
    expect(normalizeSiteHost("")).toBeNull();
  });

  it("treats subdomains as the same site, but not look-alike hosts", () => {
    expect(isSameSite("shop.example", "shop.example")).toBe(true);
    expect(isSameSite("blog.shop.example", "shop.example")).toBe(true);
    expect(isSameSite("evilshop.example", "shop.example")).toBe(false);
    expect(isSameSite("shop.example.evil", "shop.example")).toBe(false);
  });
});
