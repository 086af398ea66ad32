import { describe, expect, it } from "vitest";
import { compilePathPattern, pathOf } from "./path-pattern.js";

describe("compilePathPattern", () => {
  it.each([
    ["/pricing*", "/pricing", true],
    ["/pricing*", "/pricing-teams", true],
    ["/pricing*", "/pricing/enterprise", true],
    ["/pricing*", "/Pricing", true],
    ["/pricing*", "/en/pricing", false],
    ["/pricing", "/pricing/", false],
    ["/products/*/reviews", "/products/42/reviews", true],
    ["/products/*/reviews", "/products/42/specs", false],
    ["*/checkout", "/en/checkout", true],
    ["/a.b+c(d)", "/a.b+c(d)", true],
    ["/a.b+c(d)", "/aXb+c(d)", false],
  ])("%s on %s: %s", (pattern, path, matches) => {
    expect(compilePathPattern(pattern).test(path)).toBe(matches);
  });
});

describe("pathOf", () => {
  it.each([
    [{ path: "/cart", url: "https://shop.example/other" }, "/cart"],
    [{ url: "https://shop.example/pricing/teams?ref=x#faq" }, "/pricing/teams"],
    [{ url: "https://shop.example#top" }, "/"],
    [{ url: "https://shop.example" }, "/"],
    [{ url: "https://shop.example/a#b?c" }, "/a"],
    [{}, null],
  ])("%j -> %s", (context, path) => {
    expect(pathOf(context)).toBe(path);
  });
});
