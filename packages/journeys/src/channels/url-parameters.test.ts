import { describe, expect, it } from "vitest";
import { withUrlParameters } from "./url-parameters.js";

describe("withUrlParameters", () => {
  it("reads utm parameters and click ids from a URL sent without them", () => {
    expect(
      withUrlParameters({ url: "https://shop.example/?utm_source=Newsletter&utm_medium=email&utm_campaign=spring%20sale&gclid=abc#top" }),
    ).toEqual({
      url: "https://shop.example/?utm_source=Newsletter&utm_medium=email&utm_campaign=spring%20sale&gclid=abc#top",
      utm: { source: "Newsletter", medium: "email", campaign: "spring sale" },
      clickId: { gclid: "abc" },
    });
  });

  it("keeps fields sent explicitly and fills only the missing ones", () => {
    const context = { url: "https://shop.example/?utm_source=url&utm_campaign=from_url", utm: { source: "sent" } };
    expect(withUrlParameters(context)).toEqual({ ...context, utm: { source: "sent", campaign: "from_url" } });
  });

  it("returns the same context when the URL has nothing to add", () => {
    for (const context of [
      {},
      { url: "https://shop.example/p" },
      { url: "https://shop.example/?q=1&utm_source=" },
      { url: "https://shop.example/#?utm_source=x" },
    ]) {
      expect(withUrlParameters(context)).toBe(context);
    }
  });
});
