import { afterEach, describe, expect, it } from "vitest";
import { setUrl } from "../testing/browser.js";
import { pageContext } from "./context.js";

afterEach(() => setUrl("http://localhost:3000/"));

describe("pageContext", () => {
  it("describes the page an event happened on", () => {
    setUrl("https://shop.example/catalog?page=2#top");
    document.title = "Catalog";
    expect(pageContext()).toEqual({
      url: "https://shop.example/catalog?page=2#top",
      path: "/catalog",
      referrer: "",
      title: "Catalog",
      locale: "en-US",
      screen: { width: 1024, height: 768 },
    });
  });

  it("cuts long values to the protocol's lengths", () => {
    const path = `/${"p".repeat(2500)}`;
    setUrl(`https://shop.example${path}`);
    document.title = "t".repeat(600);
    const context = pageContext();
    expect([context.url?.length, context.path, context.title]).toEqual([2000, path.slice(0, 2000), "t".repeat(512)]);
  });
});
